package org.catalogimport.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.catalogimport.catalog.CatalogWriter;
import org.catalogimport.catalog.DeactivationPolicy;
import org.catalogimport.catalog.media.MediaFolder;
import org.catalogimport.catalog.media.PictureCounts;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.ExchangePackage;
import org.catalogimport.commerceml.PackageLocator;
import org.catalogimport.commerceml.ReadLimits;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.ServiceEndpoints;
import org.catalogimport.testing.TestDatabase;

/**
 * What pictures add to an import (README, "Performance"): the 3.1 split package of
 * {@code DemoPackageWriter} with one picture per product, imported with the application's reader
 * and writer ({@link ImportRun}, as the importer drives it) once without a media folder (pictures
 * only checked) and once with one (pictures copied), each into an empty catalog; then read again in
 * full (file states forgotten, so every file and every picture is looked at) with and without the
 * media folder, nothing changed. An import with a media folder is timed up to its pictures
 * published (staged during the import, recorded before the commit, moved into place after it).
 *
 * <pre>./mvnw -B -Pbenchmark package -Dbench.main=org.catalogimport.imports.PictureBenchmark -Dbench.products=20000</pre>
 * bench.pictureBytes: size of each picture (default 16384).
 */
public final class PictureBenchmark {

    /** The session id the benchmark's imports stage under (it writes no session rows). */
    private static final long SESSION = 1;

    private PictureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int products = Integer.getInteger("bench.products", 10_000);
        int pictureBytes = Integer.getInteger("bench.pictureBytes", 16_384);
        Path projectDir = Path.of(System.getProperty("catalog.project.dir", ".")).toAbsolutePath();
        Path bench = projectDir.resolve("target/bench");
        Path dir = bench.resolve("package-pictures-" + products + "-" + pictureBytes);
        if (!Files.isDirectory(dir)) {
            DemoPackageWriter.write(dir, products, 1, pictureBytes);
        }
        ServiceEndpoints server = BackingServices.endpoints(System.getenv(), bench.resolve("services"));
        ExchangePackage exchangePackage = new PackageLocator(ReadLimits.defaults()).locate(dir, dir.resolveSibling("work"));
        Path media = bench.resolve("media");

        String url = TestDatabase.recreate(server, "catalog_bench_pictures");
        double firstWithout = importOnce(url, server, exchangePackage, Optional.empty());
        url = TestDatabase.recreate(server, "catalog_bench_pictures");
        deleteTree(media);
        double firstWith = importOnce(url, server, exchangePackage, Optional.of(media));
        forgetFileStates(url, server);
        double againWith = importOnce(url, server, exchangePackage, Optional.of(media));
        forgetFileStates(url, server);
        double againWithout = importOnce(url, server, exchangePackage, Optional.empty());

        System.out.printf(Locale.ROOT, "%n%,d products, one %,d-byte picture each%n", products, pictureBytes);
        System.out.printf(Locale.ROOT, "first import: %.1f s without a media folder, %.1f s with one: pictures add %.1f s%n",
                firstWithout, firstWith, firstWith - firstWithout);
        System.out.printf(Locale.ROOT, "full re-read, nothing changed: %.1f s without, %.1f s with: pictures add %.1f s%n",
                againWithout, againWith, againWith - againWithout);
    }

    private static double importOnce(String url, ServiceEndpoints server, ExchangePackage exchangePackage,
                                     Optional<Path> media) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, server.dbUser(), server.dbPassword())) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            ImportPictures pictures = media.isPresent()
                    ? ImportPictures.open(connection, new MediaFolder(media.get()), SESSION, false, ImportPictures.DEFAULT_MAX_BYTES)
                    : ImportPictures.checkOnly();
            ImportRun run = new ImportRun(connection, CatalogWriter.DEFAULT_BATCH_SIZE, DeactivationPolicy.DEFAULT,
                    exchangePackage, pictures, Thread::new);
            run.importAll(new CommerceMlReader());
            PictureCounts counts = pictures.prepare(connection);
            connection.commit();
            connection.setAutoCommit(true);
            pictures.publish(connection);
            System.out.println("  pictures: " + counts.toJson());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "  import %s media folder: %.1f s, %d warnings%n",
                    media.isPresent() ? "with a" : "without a", seconds, run.counts().warnings());
            return seconds;
        }
    }

    private static void forgetFileStates(String url, ServiceEndpoints server) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, server.dbUser(), server.dbPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM import_file_state");
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
