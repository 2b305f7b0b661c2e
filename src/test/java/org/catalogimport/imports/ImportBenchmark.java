package org.catalogimport.imports;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;
import org.catalogimport.catalog.CatalogWriter;
import org.catalogimport.catalog.DeactivationPolicy;
import org.catalogimport.catalog.EntityCounts;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.ExchangePackage;
import org.catalogimport.commerceml.PackageLocator;
import org.catalogimport.commerceml.ReadLimits;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.dev.DialectPackageWriter;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.ServiceEndpoints;
import org.catalogimport.testing.TestDatabase;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The import benchmark (README, "Performance"): writes a synthetic package, imports it into an
 * empty database with the application's own reading and writing code, and measures against the
 * import's physical floor: {@code COPY} of exactly the rows that import wrote (every catalog table)
 * into an empty database with the same schema (same keys, indexes, constraints and deferred foreign
 * keys, built by the same migrations), in one transaction, commit included. Then it imports the
 * package again unchanged, and once more after 5 % of the products (with their offers, prices and
 * stock) were changed in the catalog, so that the import has to write exactly those rows back.
 *
 * <pre>./mvnw -B -Pbenchmark package -Dbench.products=100000 -Dbench.dialect=split -Dbench.repeat=2</pre>
 * Arguments (system properties): bench.products (default 10000), bench.dialect (split, classic,
 * ut11; default split), bench.repeat (runs of the whole sequence; each figure is the best of them,
 * which tames the noise of a shared machine; default 1), bench.firstOnly (only the first import
 * and its peak heap, for the 1M-offer memory run), bench.seed, bench.dir (package folder, default
 * target/bench/package-<dialect>-<products>; reused if present). Database: CATALOG_DB_URL's server
 * (or an embedded PostgreSQL); the benchmark uses its own databases catalog_bench and
 * catalog_bench_floor there.
 */
public final class ImportBenchmark {

    /** The tables an import writes, parents first. */
    private static final List<String> CATALOG_TABLES = List.of("catalog_group", "catalog_property",
            "catalog_property_value", "price_type", "warehouse", "unit", "product", "offer", "offer_price", "offer_stock");
    /** The previous, narrow floor: the four big tables into tables with their keys and indexes only. */
    private static final List<String> NARROW_TABLES = List.of("product", "offer", "offer_price", "offer_stock");

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int products = Integer.getInteger("bench.products", 10_000);
        long seed = Long.getLong("bench.seed", 1);
        int repeat = Math.max(1, Integer.getInteger("bench.repeat", 1));
        boolean firstOnly = Boolean.getBoolean("bench.firstOnly");
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

        ExchangePackage exchangePackage = new PackageLocator(ReadLimits.defaults()).locate(dir, dir.resolveSibling("work"));
        long items = new CommerceMlReader().countItems(exchangePackage);
        System.out.printf(Locale.ROOT, "package: %s, %.1f MB, %d files, %d items (products + offers)%n",
                dir, bytes / 1e6, exchangePackage.files().size(), items);

        Best best = new Best();
        for (int run = 1; run <= repeat; run++) {
            String url = recreateDatabase(server, "catalog_bench");
            if (Boolean.getBoolean("bench.emptyStatistics")) {
                // what a catalog looks like to the planner after a cancelled, checked or failed first
                // import was vacuumed: tables analyzed as empty (reltuples 0), the case PlannerStatistics handles
                analyzeEmptyCatalog(url, server);
            }
            resetPeakHeap();
            Result first = importOnce(url, server, exchangePackage);
            best.peakHeap = Math.max(best.peakHeap, peakHeapBytes());
            best.first = Math.min(best.first, first.seconds);
            best.firstCounts = first.counts;
            System.out.printf(Locale.ROOT, "run %d: first import %.1f s, of which commit (deferred foreign key checks) %.1f s%n",
                    run, first.seconds, first.commitSeconds);
            if (firstOnly) {
                continue;
            }
            Floors floors = copyFloors(url, server);
            best.floor = Math.min(best.floor, floors.sameSchema);
            best.narrowFloor = Math.min(best.narrowFloor, floors.narrow);
            best.floorRows = floors.rows;
            Result unchanged = importOnce(url, server, exchangePackage);
            best.unchanged = Math.min(best.unchanged, unchanged.seconds);
            Changed changed = changeFivePercent(url, server);
            Result changedImport = importOnce(url, server, exchangePackage);
            changed.check(changedImport.written);
            best.changed = Math.min(best.changed, changedImport.seconds);
            best.changedRows = changed.toString();
            System.out.printf(Locale.ROOT, "run %d: floor %.1f s (narrow %.1f s), unchanged %.1f s, 5 %% changed %.1f s%n",
                    run, floors.sameSchema, floors.narrow, unchanged.seconds, changedImport.seconds);
        }

        System.out.println("accounting: every item read was stored, merged or skipped, in every import (checked per entity)");
        System.out.printf(Locale.ROOT, "%n%s, %d products, best of %d run(s)%n", dialect, products, repeat);
        System.out.printf(Locale.ROOT, "first import:         %7.1f s  %,9.0f items/s  rows: %s%n",
                best.first, items / best.first, best.firstCounts);
        if (!firstOnly) {
            System.out.printf(Locale.ROOT, "same-schema COPY floor: %5.1f s  (%,d rows of %d catalog tables, same keys,"
                    + " indexes and deferred foreign keys, one transaction with its commit)%n",
                    best.floor, best.floorRows, CATALOG_TABLES.size());
            System.out.printf(Locale.ROOT, "narrow COPY floor:    %7.1f s  (products, offers, prices, stock into keyed tables)%n",
                    best.narrowFloor);
            System.out.printf(Locale.ROOT, "unchanged re-import:  %7.1f s  (%.1f %% of the first)%n",
                    best.unchanged, 100 * best.unchanged / best.first);
            System.out.printf(Locale.ROOT, "5 %% changed re-import: %6.1f s  (%.1f %% of the first; rows updated: %s)%n",
                    best.changed, 100 * best.changed / best.first, best.changedRows);
            System.out.printf(Locale.ROOT, "first import / same-schema COPY floor = %.2f x   (/ narrow floor = %.2f x)%n",
                    best.first / best.floor, best.first / best.narrowFloor);
        }
        System.out.printf(Locale.ROOT, "peak heap during the first import: %.0f MB (max heap %.0f MB)%n",
                best.peakHeap / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    }

    /** The best (lowest) figure of each kind over the runs. */
    private static final class Best {
        double first = Double.MAX_VALUE;
        double floor = Double.MAX_VALUE;
        double narrowFloor = Double.MAX_VALUE;
        double unchanged = Double.MAX_VALUE;
        double changed = Double.MAX_VALUE;
        long peakHeap;
        long floorRows;
        String firstCounts = "";
        String changedRows = "";
    }

    private record Result(double seconds, double commitSeconds, String counts, Map<CatalogEntity, Long> written) {
    }

    private static Result importOnce(String url, ServiceEndpoints server, ExchangePackage exchangePackage) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, server.dbUser(), server.dbPassword())) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            ImportRun run = new ImportRun(connection, CatalogWriter.DEFAULT_BATCH_SIZE, DeactivationPolicy.DEFAULT,
                    exchangePackage, ImportPictures.checkOnly(), Thread::new);
            run.importAll(new CommerceMlReader());
            // the importer refuses to commit an import whose accounting does not add up; say it was checked
            EntityCounts counts = run.writer().counts();
            counts.asMap().forEach((entity, c) -> {
                if (!c.balanced()) {
                    throw new IllegalStateException("accounting of " + entity + " does not add up: " + counts.toJson());
                }
                if (c.skipped() > 0) {
                    throw new IllegalStateException("the synthetic package has no bad items, yet " + entity
                            + " skipped some: " + counts.toJson());
                }
            });
            System.out.printf(Locale.ROOT, "  (the writer analyzed catalog tables %d times during this import)%n",
                    run.writer().analyzeRuns());
            long commitStart = System.nanoTime();
            connection.commit();
            double commit = seconds(commitStart);
            try (Statement statement = connection.createStatement();
                 ResultSet states = statement.executeQuery("SELECT count(*) FROM import_file_state")) {
                states.next();
                System.out.printf(Locale.ROOT, "  (%d of the package's %d files may be skipped next time)%n",
                        states.getLong(1), exchangePackage.files().size());
            }
            Map<CatalogEntity, Long> written = new EnumMap<>(CatalogEntity.class);
            counts.asMap().forEach((entity, c) -> written.put(entity, c.inserted() + c.updated()));
            return new Result(seconds(start), commit, counts.toJson(), written);
        }
    }

    /** How many rows of each big table were changed behind the importer's back. */
    private record Changed(long products, long offers, long prices, long stock) {

        void check(Map<CatalogEntity, Long> written) {
            Changed actual = new Changed(written.getOrDefault(CatalogEntity.PRODUCTS, 0L),
                    written.getOrDefault(CatalogEntity.OFFERS, 0L), written.getOrDefault(CatalogEntity.PRICES, 0L),
                    written.getOrDefault(CatalogEntity.STOCK, 0L));
            if (!equals(actual)) {
                throw new IllegalStateException("the re-import should have written back exactly the changed rows " + this
                        + ", it wrote " + actual);
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d products, %,d offers, %,d prices, %,d stock rows", products, offers,
                    prices, stock);
        }
    }

    /**
     * Makes 5 % of the products differ from the package, with all their offers, prices and stock
     * rows: the next import must write exactly those back, as if 1C had changed them. (Changing the
     * catalog rather than the package keeps the package files identical, so the reading cost is the
     * same as in the other runs.) Vacuumed and analysed afterwards, outside the timing.
     */
    private static Changed changeFivePercent(String url, ServiceEndpoints server) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, server.dbUser(), server.dbPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE changed_product AS SELECT external_id FROM product"
                    + " WHERE abs(hashtext(external_id)) % 20 = 0");
            long products = statement.executeUpdate("UPDATE product SET name = name || ' (old)', content_hash = content_hash + 1"
                    + " WHERE external_id IN (SELECT external_id FROM changed_product)");
            long offers = statement.executeUpdate("UPDATE offer SET content_hash = content_hash + 1"
                    + " WHERE product_id IN (SELECT external_id FROM changed_product)");
            long prices = statement.executeUpdate("UPDATE offer_price SET price_per_unit = price_per_unit + 1"
                    + " WHERE offer_id IN (SELECT o.external_id FROM offer o JOIN changed_product c ON c.external_id = o.product_id)");
            long stock = statement.executeUpdate("UPDATE offer_stock SET quantity = quantity + 1"
                    + " WHERE offer_id IN (SELECT o.external_id FROM offer o JOIN changed_product c ON c.external_id = o.product_id)");
            // why forget the files: 5 % of the products changed with their offers, prices and stock
            // change every file of a real export (1C spreads them over all segments), so no file is
            // skipped; and a change behind the importer's back is invisible to the file check
            statement.executeUpdate("DELETE FROM import_file_state");
            statement.execute("VACUUM ANALYZE product, offer, offer_price, offer_stock");
            return new Changed(products, offers, prices, stock);
        }
    }

    private record Floors(double sameSchema, double narrow, long rows) {
    }

    /**
     * The floors: {@code COPY} of the rows the import wrote (exported to files first: they do not fit
     * the 256 MB heap) into a fresh database migrated like the application's, all ten catalog tables
     * in one transaction, commit (and its deferred foreign key checks) included; and the previous,
     * narrow floor (four tables with their keys and indexes only, no foreign keys).
     */
    private static Floors copyFloors(String url, ServiceEndpoints server) throws SQLException, IOException {
        Map<String, Path> data = new LinkedHashMap<>();
        long rows = 0;
        try (Connection source = DriverManager.getConnection(url, server.dbUser(), server.dbPassword())) {
            CopyManager copy = source.unwrap(PGConnection.class).getCopyAPI();
            for (String table : CATALOG_TABLES) {
                Path file = Files.createTempFile("copy-" + table, ".bin");
                try (var out = Files.newOutputStream(file)) {
                    rows += copy.copyOut("COPY " + table + " TO STDOUT (FORMAT binary)", out);
                }
                data.put(table, file);
            }
        }
        String floorUrl = recreateDatabase(server, "catalog_bench_floor");
        try (Connection floor = DriverManager.getConnection(floorUrl, server.dbUser(), server.dbPassword())) {
            CopyManager copy = floor.unwrap(PGConnection.class).getCopyAPI();
            floor.setAutoCommit(false);
            long start = System.nanoTime();
            for (String table : CATALOG_TABLES) {
                try (var in = Files.newInputStream(data.get(table))) {
                    copy.copyIn("COPY " + table + " FROM STDIN (FORMAT binary)", in);
                }
            }
            floor.commit();
            double sameSchema = seconds(start);
            floor.setAutoCommit(true);
            double narrow = 0;
            for (String table : NARROW_TABLES) {
                try (Statement statement = floor.createStatement()) {
                    statement.execute("CREATE TABLE copy_" + table + " (LIKE " + table + " INCLUDING DEFAULTS INCLUDING INDEXES)");
                }
                long narrowStart = System.nanoTime();
                try (var in = Files.newInputStream(data.get(table))) {
                    copy.copyIn("COPY copy_" + table + " FROM STDIN (FORMAT binary)", in);
                }
                narrow += seconds(narrowStart);
            }
            return new Floors(sameSchema, narrow, rows);
        } finally {
            for (Path file : data.values()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static String recreateDatabase(ServiceEndpoints server, String name) throws SQLException {
        return TestDatabase.recreate(server, name);
    }

    private static void analyzeEmptyCatalog(String url, ServiceEndpoints server) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, server.dbUser(), server.dbPassword());
             Statement statement = connection.createStatement()) {
            for (String table : CATALOG_TABLES) {
                statement.execute("ANALYZE " + table);
            }
        }
        System.out.println("catalog tables analyzed while empty (bench.emptyStatistics)");
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
