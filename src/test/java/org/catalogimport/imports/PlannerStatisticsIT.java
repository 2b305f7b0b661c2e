package org.catalogimport.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.catalogimport.catalog.CatalogWriter;
import org.catalogimport.catalog.DeactivationPolicy;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.PackageLocator;
import org.catalogimport.commerceml.ReadLimits;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.ServiceEndpoints;
import org.catalogimport.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner's picture of the catalog tables keeps up with an import's own uncommitted rows.
 * Without it, an import into a new catalog, or into one whose previous import was cancelled or
 * checked and then vacuumed, had every batch query planned for an empty table and ran ~20× slower
 * (a 60,000-product import took over 9 minutes in CI instead of ~30 s: the per-batch read-back of
 * stored stock rows was planned, and its plan cached, as a scan of a tiny table). The test reads what
 * PostgreSQL believes (pg_class.reltuples) against what the transaction holds, and the plan of the
 * writer's per-batch key lookup.
 */
class PlannerStatisticsIT {

    @TempDir
    Path temp;

    private Connection connection;

    /**
     * A database of its own, migrated like the application's, whose catalog tables were analyzed
     * while empty: what the planner sees after a cancelled or checked first import was vacuumed.
     * (The shared test database cannot be used: its estimates depend on the tests before this one,
     * and an ANALYZE inside a rolled-back transaction leaves its estimate behind.)
     */
    @BeforeEach
    void emptyCatalogAnalyzedAsEmpty() throws SQLException {
        ServiceEndpoints server = BackingServices.forTests();
        String url = TestDatabase.recreate(server, "catalog_planner_it");
        connection = DriverManager.getConnection(url, server.dbUser(), server.dbPassword());
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE product, offer, offer_price, offer_stock");
        }
        connection.setAutoCommit(false);
    }

    @AfterEach
    void dropTheDatabase() throws SQLException {
        connection.rollback();
        connection.close();
        TestDatabase.drop(BackingServices.forTests(), "catalog_planner_it");
    }

    @Test
    void afterALargeImportThePlannerKnowsTheRowsTheTransactionAdded() throws Exception {
        // Given a package whose products, offers, prices and stock rows each pass the analyze threshold
        Path dir = DemoPackageWriter.write(temp.resolve("package"), 12_000, 4242);
        var exchangePackage = new PackageLocator(ReadLimits.defaults()).locate(dir, temp.resolve("work"));
        assertEquals(0, number("SELECT reltuples::bigint FROM pg_class WHERE oid = 'offer_stock'::regclass"));

        // When it is imported (the transaction stays open)
        ImportRun run = new ImportRun(connection, CatalogWriter.DEFAULT_BATCH_SIZE,
                new DeactivationPolicy(0.5, true), exchangePackage, ImportPictures.checkOnly(), Thread::new);
        run.importAll(new CommerceMlReader());
        assertEquals(12_000, run.writer().counts().get("products").read());

        // Then for every big table PostgreSQL believes at least half the rows the transaction sees
        // (the writer analyzes each time its new rows outnumber the estimate, so it lags by at most 2×)
        for (String table : List.of("product", "offer", "offer_price", "offer_stock")) {
            long rows = number("SELECT count(*) FROM " + table);
            long believed = number("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = '" + table + "'::regclass");
            assertTrue(believed * 2 >= rows, table + ": the planner believes " + believed + " rows, the transaction holds " + rows);
        }
        assertTrue(run.writer().analyzeRuns() <= 4 * 6, "a handful of ANALYZE runs per table, not one per batch: "
                + run.writer().analyzeRuns());

        // and the per-batch lookup by Ид walks the index, not the table
        String plan = plan("EXPLAIN SELECT external_id FROM offer WHERE external_id = ANY ('{a,b,c}'::varchar[])");
        assertTrue(plan.contains("Index"), plan);
    }

    private long number(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private String plan(String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
