package org.catalogimport.imports;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.catalogimport.catalog.DeactivationPolicy;
import org.catalogimport.catalog.EntityCounts;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.ExchangePackage;
import org.catalogimport.commerceml.PackageLocator;
import org.catalogimport.commerceml.ReadLimits;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.dev.DialectPackageWriter;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.ServiceEndpoints;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The import benchmark (README, "Performance"): writes a synthetic package, imports it into an
 * empty database with the application's own reading and writing code, imports it again unchanged,
 * and times PostgreSQL's COPY of the same product, offer, price and stock rows into keyed tables
 * as the floor. Prints items/s, wall time and peak heap.
 *
 * <pre>./mvnw -B -Pbenchmark package -Dbench.products=100000</pre>
 * Arguments (system properties): bench.products (default 10000), bench.dialect (split, classic,
 * ut11; default split), bench.seed, bench.dir (package folder, default
 * target/bench/package-<dialect>-<products>; reused if present). Database: CATALOG_DB_URL's server
 * (or an embedded PostgreSQL); the benchmark uses its own database catalog_bench there.
 */
public final class ImportBenchmark {

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int products = Integer.getInteger("bench.products", 10_000);
        long seed = Long.getLong("bench.seed", 1);
        // split = CommerceML 3.1 split folders; classic = 2.x import.xml/offers.xml; ut11 = import___/offers___/prices___/rests___
        String dialect = System.getProperty("bench.dialect", "split").toLowerCase(Locale.ROOT);
        Path projectDir = Path.of(System.getProperty("catalog.project.dir", ".")).toAbsolutePath();
        Path dir = Path.of(System.getProperty("bench.dir",
                projectDir.resolve("target/bench/package-" + dialect + "-" + products).toString()));

        if (!Files.isDirectory(dir) || isEmpty(dir)) {
            long start = System.nanoTime();
            switch (dialect) {
                case "split" -> DemoPackageWriter.write(dir, products, seed);
                case "classic" -> DialectPackageWriter.write(dir, DialectPackageWriter.Dialect.CLASSIC, products, seed);
                case "ut11" -> DialectPackageWriter.write(dir, DialectPackageWriter.Dialect.UT11, products, seed);
                default -> throw new IllegalArgumentException("bench.dialect must be split, classic or ut11: " + dialect);
            }
            System.out.printf(Locale.ROOT, "generated %d products (%s) in %.1f s%n", products, dialect, seconds(start));
        }
        long bytes = size(dir);
        ServiceEndpoints server = BackingServices.endpoints(System.getenv(), projectDir.resolve("target/bench/services"));
        String url = recreateDatabase(server, "catalog_bench");
        Flyway.configure().dataSource(url, server.dbUser(), server.dbPassword())
                .locations("classpath:db/migration").load().migrate();

        ExchangePackage exchangePackage = new PackageLocator(ReadLimits.defaults()).locate(dir, dir.resolveSibling("work"));
        long items = new CommerceMlReader().countItems(exchangePackage);
        System.out.printf(Locale.ROOT, "package: %s, %.1f MB, %d files, %d items (products + offers)%n",
                dir, bytes / 1e6, exchangePackage.files().size(), items);

        resetPeakHeap();
        Result first = importOnce(url, server, exchangePackage);
        long peakHeap = peakHeapBytes();
        Result second = importOnce(url, server, exchangePackage);
        double copySeconds = copyFloor(url, server);

        System.out.println("accounting: every item read was stored, merged or skipped, in both imports (checked per entity)");
        System.out.printf(Locale.ROOT, "%nfirst import:      %7.1f s  %,9.0f items/s  rows: %s%n",
                first.seconds, items / first.seconds, first.counts);
        System.out.printf(Locale.ROOT, "unchanged import:  %7.1f s  %,9.0f items/s  (%.0f %% of the first)%n",
                second.seconds, items / second.seconds, 100 * second.seconds / first.seconds);
        System.out.printf(Locale.ROOT, "COPY floor:        %7.1f s  (products, offers, prices, stock into keyed tables)%n", copySeconds);
        System.out.printf(Locale.ROOT, "first import / COPY = %.2f x%n", first.seconds / copySeconds);
        System.out.printf(Locale.ROOT, "peak heap during the first import: %.0f MB (max heap %.0f MB)%n",
                peakHeap / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        System.out.printf(Locale.ROOT, "failed items: first %d, second %d%n", first.failed, second.failed);
    }

    private record Result(double seconds, long failed, String counts) {
    }

    private static Result importOnce(String url, ServiceEndpoints server, ExchangePackage exchangePackage) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, server.dbUser(), server.dbPassword())) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            ImportRun run = new ImportRun(connection, 2_000, DeactivationPolicy.DEFAULT, exchangePackage, Optional.empty(),
                    Thread::new);
            run.importAll(new CommerceMlReader());
            // the importer refuses to commit an import whose accounting does not add up; say it was checked
            EntityCounts counts = run.writer().counts();
            counts.asMap().forEach((entity, c) -> {
                if (!c.balanced()) {
                    throw new IllegalStateException("accounting of " + entity + " does not add up: " + counts.toJson());
                }
            });
            connection.commit();
            return new Result(seconds(start), run.counts().skipped(), run.writer().counts().toJson());
        }
    }

    /** COPY of the imported rows (exported to text first) into empty tables with the same keys. */
    private static double copyFloor(String url, ServiceEndpoints server) throws SQLException, IOException {
        List<String> tables = List.of("product", "offer", "offer_price", "offer_stock");
        try (Connection connection = DriverManager.getConnection(url, server.dbUser(), server.dbPassword())) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            double total = 0;
            for (String table : tables) {
                // why a file: the rows of 100k products do not fit the benchmark's 256 MB heap.
                Path data = Files.createTempFile("copy-" + table, ".tsv");
                try (var out = Files.newOutputStream(data)) {
                    copy.copyOut("COPY " + table + " TO STDOUT", out);
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS copy_" + table);
                    statement.execute("CREATE TABLE copy_" + table + " (LIKE " + table + " INCLUDING DEFAULTS INCLUDING INDEXES)");
                }
                long start = System.nanoTime();
                try (var in = Files.newInputStream(data)) {
                    copy.copyIn("COPY copy_" + table + " FROM STDIN", in);
                }
                total += seconds(start);
                Files.delete(data);
            }
            return total;
        }
    }

    private static String recreateDatabase(ServiceEndpoints server, String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(server.dbUrl(), server.dbUser(), server.dbPassword());
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        }
        return server.dbUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void resetPeakHeap() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap the import needed at once. */
    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
