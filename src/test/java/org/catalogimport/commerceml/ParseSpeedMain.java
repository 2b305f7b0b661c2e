package org.catalogimport.commerceml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.catalogimport.dev.DemoPackageWriter;

/**
 * Measures how fast {@link CommerceMlReader} reads a big package; a main, not a test, because a
 * timing assertion would fail on every busy CI machine.
 *
 * <p>Usage: {@code ParseSpeedMain [packageDir=target/parse-speed/package] [products=100000] [runs=3]}.
 * When {@code packageDir} is absent or empty, a 3.1 demo package of that many products is written
 * there first ({@link DemoPackageWriter}, seed 1: about 10 MB per thousand products). It then locates
 * the package, reads every file once to warm up the JIT, and times {@code runs} full reads (records
 * built and handed to a visitor that counts them) and item counts, printing MB/s of XML. Run it as:
 * <pre>
 * ./mvnw -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/test-classpath.txt) \
 *      org.catalogimport.commerceml.ParseSpeedMain target/parse-speed/package 100000
 * </pre>
 */
public final class ParseSpeedMain {

    private ParseSpeedMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/parse-speed/package");
        int products = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (isEmpty(dir)) {
            long started = System.nanoTime();
            DemoPackageWriter.write(dir, products, 1);
            System.out.printf(Locale.ROOT, "Wrote a demo package of %d products to %s in %.1f s%n", products, dir,
                    seconds(started));
        }
        long locating = System.nanoTime();
        ExchangePackage pkg = new PackageLocator(ReadLimits.defaults()).locate(dir, dir.resolveSibling("work"));
        double locateSeconds = seconds(locating);
        long bytes = 0;
        for (PackageFile file : pkg.files()) {
            bytes += Files.size(file.path());
        }
        System.out.printf(Locale.ROOT, "%d files, %.1f MB of XML (%s), located and classified in %.2f s%n",
                pkg.files().size(), bytes / 1e6, dir, locateSeconds);

        CommerceMlReader reader = new CommerceMlReader();
        Tally warmUp = readAll(reader, pkg);
        System.out.println("warm-up: " + warmUp);
        double[] readSeconds = new double[runs];
        double[] countSeconds = new double[runs];
        for (int run = 0; run < runs; run++) {
            long started = System.nanoTime();
            Tally tally = readAll(reader, pkg);
            readSeconds[run] = seconds(started);
            started = System.nanoTime();
            long items = reader.countItems(pkg);
            countSeconds[run] = seconds(started);
            System.out.printf(Locale.ROOT, "run %d: read %.2f s = %.0f MB/s (%s); countItems %.2f s = %.0f MB/s (%d items)%n",
                    run + 1, readSeconds[run], bytes / 1e6 / readSeconds[run], tally, countSeconds[run],
                    bytes / 1e6 / countSeconds[run], items);
        }
        double read = median(readSeconds);
        double count = median(countSeconds);
        System.out.printf(Locale.ROOT, "median of %d runs: read %.0f MB/s, countItems %.0f MB/s (Java %s, %s)%n",
                runs, bytes / 1e6 / read, bytes / 1e6 / count, System.getProperty("java.version"),
                System.getProperty("os.arch"));
    }

    private static Tally readAll(CommerceMlReader reader, ExchangePackage pkg) throws PackageException {
        Tally tally = new Tally();
        for (PackageFile file : pkg.files()) {
            reader.read(file, tally);
        }
        return tally;
    }

    /** Counts what arrives, touching each record so that nothing is optimised away. */
    private static final class Tally implements CatalogVisitor {
        long products;
        long offers;
        long prices;
        long stock;
        long problems;
        long other;

        @Override
        public void group(GroupRecord group) {
            other++;
        }

        @Override
        public void property(PropertyRecord property) {
            other += 1 + property.values().size();
        }

        @Override
        public void product(ProductRecord product) {
            products++;
        }

        @Override
        public void offer(OfferRecord offer) {
            offers++;
            prices += offer.prices().size();
            stock += offer.stock().size();
        }

        @Override
        public void problem(ItemProblem problem) {
            problems++;
        }

        @Override
        public String toString() {
            return products + " products, " + offers + " offer records, " + prices + " price rows, " + stock + " stock rows, "
                    + problems + " problems";
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
