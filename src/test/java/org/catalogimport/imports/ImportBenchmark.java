package org.catalogimport.imports;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
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
import org.catalogimport.commerceml.PackageFolder;
import org.catalogimport.commerceml.PackageLocator;
import org.catalogimport.commerceml.ReadLimits;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.dev.DemoRevision;
import org.catalogimport.dev.DemoShape;
import org.catalogimport.dev.DialectPackageWriter;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.ServiceEndpoints;
import org.catalogimport.testing.TestDatabase;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The import benchmark (docs/PERFORMANCE.md): writes a synthetic package, imports it into an empty
 * database with the application's own reading and writing code, and measures against the import's
 * physical floor: {@code COPY} of exactly the rows that import wrote (every catalog table) into an
 * empty database with the same schema (same keys, indexes, constraints and deferred foreign keys,
 * built by the same migrations), in one transaction, commit included. Then three re-imports: the
 * package unchanged; the package as 1C exports it after 5 % of the offers changed (names, prices,
 * stock: {@link DemoRevision#OFFERS_CHANGED}); and after only those offers' stock changed again
 * ({@link DemoRevision#STOCK_CHANGED}). Each changed re-import must write exactly the changed rows.
 *
 * <pre>./mvnw -B -Pbenchmark package -Dbench.products=100000 -Dbench.dialect=all -Dbench.repeat=2</pre>
 * Arguments (system properties): bench.products (default 10000), bench.dialect (split, classic,
 * ut11 or all; default split), bench.repeat (runs of the whole sequence; each figure is the best of
 * them, which tames the noise of a shared machine; default 1), bench.shape (demo, or field: shaped
 * like issue 21's third-party package, see {@link DemoShape}), bench.statements (N: PostgreSQL's top N
 * statements of each import, {@link StatementProfile}), bench.firstOnly (only the first
 * import and its peak heap, for the 1M-offer memory run), bench.seed, bench.dir (where the packages
 * are written, default target/bench; reused if present). Database: CATALOG_DB_URL's server (or an
 * embedded PostgreSQL); the benchmark uses its own databases catalog_bench and catalog_bench_floor.
 */
public final class ImportBenchmark {

    /** The tables an import writes, parents first. */
    private static final List<String> CATALOG_TABLES = List.of("catalog_group", "catalog_property",
            "catalog_property_value", "price_type", "warehouse", "unit", "product", "offer", "offer_price", "offer_stock", "offer_price_digest", "offer_stock_digest");
    /** The previous, narrow floor: the four big tables into tables with their keys and indexes only. */
    private static final List<String> NARROW_TABLES = List.of("product", "offer", "offer_price", "offer_stock");

    /** {@code -Dbench.statements=N}: PostgreSQL's top N statements of each import (0, the default: none). */
    private static final StatementProfile STATEMENTS = new StatementProfile(Integer.getInteger("bench.statements", 0));

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int products = Integer.getInteger("bench.products", 10_000);
        long seed = Long.getLong("bench.seed", 1);
        int repeat = Math.max(1, Integer.getInteger("bench.repeat", 1));
        boolean firstOnly = Boolean.getBoolean("bench.firstOnly");
        // split = CommerceML 3.1 split folders; classic = 2.x import.xml/offers.xml; ut11 = import___/offers___/prices___/rests___
        String dialectArgument = System.getProperty("bench.dialect", "split").toLowerCase(Locale.ROOT);
        List<String> dialects = dialectArgument.equals("all") ? List.of("split", "ut11", "classic") : List.of(dialectArgument);
        Path projectDir = Path.of(System.getProperty("catalog.project.dir", ".")).toAbsolutePath();
        Path packages = Path.of(System.getProperty("bench.dir", projectDir.resolve("target/bench").toString()));
        // demo = the project's demo catalog; field = shaped like issue 21's third-party package (DemoShape)
        DemoShape shape = DemoShape.valueOf(System.getProperty("bench.shape", "demo").toUpperCase(Locale.ROOT));
        ServiceEndpoints server = BackingServices.endpoints(System.getenv(), projectDir.resolve("target/bench/services"));

        List<String> table = new ArrayList<>();
        for (String dialect : dialects) {
            Best best = measure(server, dialect, shape, packages, products, seed, repeat, firstOnly);
            table.add(best.row(dialect));
        }
        System.out.printf(Locale.ROOT, "%n%d products (%s shape), best of %d run(s); re-imports as %% of the first import%n",
                products, shape.name().toLowerCase(Locale.ROOT), repeat);
        System.out.println("| dialect | first import | same-schema COPY floor | first / floor | unchanged | 5 % offers changed | only stock changed | peak heap |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        table.forEach(System.out::println);
    }

    private static Best measure(ServiceEndpoints server, String dialect, DemoShape shape, Path packages, int products,
                                long seed, int repeat, boolean firstOnly) throws Exception {
        Map<DemoRevision, ExchangePackage> revisions = new EnumMap<>(DemoRevision.class);
        for (DemoRevision revision : firstOnly ? List.of(DemoRevision.ORIGINAL) : List.of(DemoRevision.values())) {
            Path dir = packages.resolve("package-" + dialect + "-" + products
                    + (shape == DemoShape.DEMO ? "" : "-" + shape.name().toLowerCase(Locale.ROOT))
                    + (revision == DemoRevision.ORIGINAL ? "" : "-" + revision.name().toLowerCase(Locale.ROOT)));
            write(dir, dialect, shape, products, seed, revision);
            revisions.put(revision, new PackageLocator(ReadLimits.defaults()).locate(dir, dir.resolveSibling("work")));
        }
        ExchangePackage original = revisions.get(DemoRevision.ORIGINAL);
        long items = new CommerceMlReader().countItems(original);
        System.out.printf(Locale.ROOT, "package: %s, %.1f MB, %d files, %d items (products + offers)%n",
                original.root(), size(original.root()) / 1e6, original.files().size(), items);

        Best best = new Best();
        for (int run = 1; run <= repeat; run++) {
            String url = recreateDatabase(server, "catalog_bench");
            if (Boolean.getBoolean("bench.emptyStatistics")) {
                // what a catalog looks like to the planner after a cancelled, checked or failed first
                // import was vacuumed: tables analyzed as empty (reltuples 0), the case PlannerStatistics handles
                analyzeEmptyCatalog(url, server);
            }
            resetPeakHeap();
            Result first = importOnce(url, server, original);
            best.peakHeap = Math.max(best.peakHeap, peakHeapBytes());
            best.first = Math.min(best.first, first.seconds);
            System.out.printf(Locale.ROOT, "%s run %d: first import %.1f s (%,.0f items/s), of which commit (deferred"
                    + " foreign key checks) %.1f s; rows %s%n", dialect, run, first.seconds, items / first.seconds,
                    first.commitSeconds, first.counts);
            if (firstOnly) {
                continue;
            }
            Floors floors = copyFloors(url, server);
            best.floor = Math.min(best.floor, floors.sameSchema);
            Result unchanged = importOnce(url, server, original);
            best.unchanged = Math.min(best.unchanged, unchanged.seconds);
            List<String> changedOffers = DemoRevision.changedOffers(products, seed, shape);
            Result offersChanged = importOnce(url, server, revisions.get(DemoRevision.OFFERS_CHANGED));
            DemoRevision.Changes offersExpected = expected(url, server, changedOffers, DemoRevision.OFFERS_CHANGED, DemoRevision.ORIGINAL);
            check(offersChanged, offersExpected);
            best.offersChanged = Math.min(best.offersChanged, offersChanged.seconds);
            Result stockChanged = importOnce(url, server, revisions.get(DemoRevision.STOCK_CHANGED));
            DemoRevision.Changes stockExpected = expected(url, server, changedOffers, DemoRevision.STOCK_CHANGED, DemoRevision.OFFERS_CHANGED);
            check(stockChanged, stockExpected);
            System.out.printf(Locale.ROOT, "%s run %d: the 5 %% re-import wrote exactly %s; the stock-only one %s%n",
                    dialect, run, offersExpected, stockExpected);
            best.stockChanged = Math.min(best.stockChanged, stockChanged.seconds);
            System.out.printf(Locale.ROOT, "%s run %d: floor %.1f s (%,d rows of %d tables; narrow floor %.1f s),"
                    + " unchanged %.1f s, 5 %% offers changed %.1f s, only stock changed %.1f s%n", dialect, run,
                    floors.sameSchema, floors.rows, CATALOG_TABLES.size(), floors.narrow, unchanged.seconds,
                    offersChanged.seconds, stockChanged.seconds);
        }
        System.out.println("accounting: every item read was stored, merged or skipped, in every import (checked per entity);"
                + " each changed re-import wrote exactly the changed rows");
        System.out.printf(Locale.ROOT, "peak heap during the first import: %.0f MB (max heap %.0f MB)%n",
                best.peakHeap / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        return best;
    }

    private static void write(Path dir, String dialect, DemoShape shape, int products, long seed, DemoRevision revision)
            throws IOException {
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            return;
        }
        long start = System.nanoTime();
        // why written beside and renamed: a package cut short (a run stopped while writing it) must not
        // be taken for a whole one by the next run, which reuses what it finds
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        PackageFolder.deleteTree(partial);
        switch (dialect) {
            case "split" -> DemoPackageWriter.write(partial, products, seed, 0, revision, shape);
            case "classic" -> DialectPackageWriter.write(partial, DialectPackageWriter.Dialect.CLASSIC, products, seed, revision, shape);
            case "ut11" -> DialectPackageWriter.write(partial, DialectPackageWriter.Dialect.UT11, products, seed, revision, shape);
            default -> throw new IllegalArgumentException("bench.dialect must be split, classic, ut11 or all: " + dialect);
        }
        PackageFolder.deleteTree(dir);
        Files.move(partial, dir);
        System.out.printf(Locale.ROOT, "generated %d products (%s, %s) in %.1f s%n", products, dialect, revision, seconds(start));
    }

    /** The best (lowest) figure of each kind over the runs. */
    private static final class Best {
        double first = Double.MAX_VALUE;
        double floor = Double.MAX_VALUE;
        double unchanged = Double.MAX_VALUE;
        double offersChanged = Double.MAX_VALUE;
        double stockChanged = Double.MAX_VALUE;
        long peakHeap;

        String row(String dialect) {
            if (floor == Double.MAX_VALUE) {
                return String.format(Locale.ROOT, "| %s | %.1f s | – | – | – | – | – | %.0f MB |", dialect, first, peakHeap / 1e6);
            }
            return String.format(Locale.ROOT, "| %s | %.1f s | %.1f s | **%.2f×** | %.1f s (%.1f %%) | %.1f s (%.1f %%) | %.1f s (%.1f %%) | %.0f MB |",
                    dialect, first, floor, first / floor, unchanged, percent(unchanged), offersChanged, percent(offersChanged),
                    stockChanged, percent(stockChanged), peakHeap / 1e6);
        }

        private double percent(double seconds) {
            return 100 * seconds / first;
        }
    }

    private record Result(double seconds, double commitSeconds, String counts, Map<CatalogEntity, Long> written) {
    }

    /**
     * The rows of the changed offers in the catalog: what a re-import from {@code from} to {@code to}
     * must write: the offer and its prices when names and prices changed, its stock rows when stock
     * did (and then the offer too where it carries a total quantity, as classic offers do).
     */
    private static DemoRevision.Changes expected(String url, ServiceEndpoints server, List<String> offers,
                                                 DemoRevision to, DemoRevision from) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, server.dbUser(), server.dbPassword());
             PreparedStatement query = connection.prepareStatement("SELECT (SELECT count(*) FROM offer WHERE external_id = ANY (?)),"
                     + " (SELECT count(*) FROM offer WHERE external_id = ANY (?) AND total_quantity IS NOT NULL),"
                     + " (SELECT count(*) FROM offer_price WHERE offer_id = ANY (?)), (SELECT count(*) FROM offer_stock WHERE offer_id = ANY (?))")) {
            for (int i = 1; i <= 4; i++) {
                query.setArray(i, connection.createArrayOf("varchar", offers.toArray()));
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                boolean names = to.changesOffersSince(from);
                boolean stock = to.changesStockSince(from);
                return new DemoRevision.Changes(names ? rows.getLong(1) : stock ? rows.getLong(2) : 0,
                        names ? rows.getLong(3) : 0, stock ? rows.getLong(4) : 0);
            }
        }
    }

    /** A changed re-import must write exactly the rows 1C changed: nothing lost, nothing rewritten. */
    private static void check(Result result, DemoRevision.Changes expected) {
        Map<CatalogEntity, Long> written = result.written();
        DemoRevision.Changes actual = new DemoRevision.Changes(written.getOrDefault(CatalogEntity.OFFERS, 0L),
                written.getOrDefault(CatalogEntity.PRICES, 0L), written.getOrDefault(CatalogEntity.STOCK, 0L));
        if (!actual.equals(expected) || written.getOrDefault(CatalogEntity.PRODUCTS, 0L) != 0) {
            throw new IllegalStateException("the re-import should have written exactly " + expected + " and no product;"
                    + " it wrote " + actual + ": " + result.counts());
        }
    }

    private static Result importOnce(String url, ServiceEndpoints server, ExchangePackage exchangePackage) throws Exception {
        if (!STATEMENTS.enabled()) {
            return timedImport(url, server, exchangePackage);
        }
        try (Connection profile = DriverManager.getConnection(url, server.dbUser(), server.dbPassword())) {
            STATEMENTS.reset(profile);
            Result result = timedImport(url, server, exchangePackage);
            STATEMENTS.print(profile, result.seconds());
            return result;
        }
    }

    private static Result timedImport(String url, ServiceEndpoints server, ExchangePackage exchangePackage) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, server.dbUser(), server.dbPassword())) {
            connection.setAutoCommit(false);
            // the wall clock, to find this import in a profile (-Dbench.jvm=-XX:StartFlightRecording=...)
            System.out.printf(Locale.ROOT, "  (import of %s started at %s)%n", exchangePackage.root().getFileName(), Instant.now());
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
