package org.catalogimport.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import org.catalogimport.commerceml.CatalogEntity;

/**
 * Keeps PostgreSQL's row estimate of each big catalog table in step with the rows this import has
 * added in its own, uncommitted transaction, by running {@code ANALYZE} on the table inside that
 * transaction (which counts and samples the transaction's own rows).
 *
 * <p>Why: the per-batch queries ({@link BatchChanges}, the reference checks) look keys up in the
 * very tables the import is filling. Autovacuum cannot see uncommitted rows, so the planner keeps
 * believing a table holds what it held before the import. When that is (nearly) nothing — a new
 * catalog, or one whose earlier import was cancelled, checked or failed and then vacuumed (reltuples
 * 0 over thousands of pages) — every batch query is planned as a scan of a tiny table and becomes a
 * scan of hundreds of thousands of rows: an import of 60,000 products ran at ~700 items/s instead
 * of ~16,000 (measured; see the README). Analyzing whenever the import has added more rows than
 * the planner believes the table holds keeps the plans on the indexes, at a handful of
 * {@code ANALYZE} runs per table (the threshold doubles each time), each of the key column on a
 * sample of 3,000 rows.
 */
final class PlannerStatistics {

    /** Below this many new rows a wrong estimate costs little; no ANALYZE. */
    static final long MIN_NEW_ROWS = 10_000;

    /** Each big table with the column its per-batch lookups use (its key, or its key's first column). */
    private static final Map<CatalogEntity, String> TABLES = Map.of(
            CatalogEntity.PRODUCTS, "product (external_id)",
            CatalogEntity.OFFERS, "offer (external_id)",
            CatalogEntity.PRICES, "offer_price (offer_id)",
            CatalogEntity.STOCK, "offer_stock (offer_id)");
    /**
     * Tables that grow with an entity's table and are looked up per batch too: the offers' row
     * digests (V24), about one per offer where the rows are one per offer and price type or warehouse.
     * Analyzed with their entity's table: planned as empty while filled, each batch's digest lookup
     * became a scan of every digest written so far (the UT 11 first import took 27 % longer).
     */
    private static final Map<CatalogEntity, String> GROWING_WITH = Map.of(
            CatalogEntity.PRICES, "offer_price_digest (offer_id)",
            CatalogEntity.STOCK, "offer_stock_digest (offer_id)");

    private final CatalogStatements sql;
    /** What the planner believes each table holds (reltuples; never analyzed counts as empty). */
    private final Map<CatalogEntity, Long> believed = new EnumMap<>(CatalogEntity.class);
    /** The import's inserted count of each entity when its table was last analyzed (or at the start). */
    private final Map<CatalogEntity, Long> insertedAtLastAnalyze = new EnumMap<>(CatalogEntity.class);
    private int analyzeRuns;

    PlannerStatistics(CatalogStatements sql) {
        this.sql = sql;
    }

    /** Reads the planner's current estimates; called once, before the first batch. */
    void load() throws SQLException {
        for (Map.Entry<CatalogEntity, String> table : TABLES.entrySet()) {
            believed.put(table.getKey(), reltuples(tableName(table.getValue())));
            insertedAtLastAnalyze.put(table.getKey(), 0L);
        }
    }

    /** After a flush: analyzes each table to which the import added more rows than the planner believes it holds. */
    void afterFlush() throws SQLException {
        if (believed.isEmpty()) {
            load();
        }
        for (Map.Entry<CatalogEntity, String> table : TABLES.entrySet()) {
            CatalogEntity entity = table.getKey();
            long added = sql.counts().get(entity).inserted() - insertedAtLastAnalyze.get(entity);
            if (added >= MIN_NEW_ROWS && added > believed.get(entity)) {
                try (Statement statement = sql.connection().createStatement()) {
                    if (analyzeRuns == 0) {
                        // why a small sample (3,000 rows instead of 30,000) and one column: the import
                        // needs the row count and the key's distribution, not fine statistics; it
                        // made each run ~7x cheaper (the first 100k import paid 3.7 s for 21 full runs).
                        // Autovacuum analyzes the tables properly after the commit. LOCAL: ends with
                        // the transaction, and only ANALYZE reads this setting.
                        statement.execute("SET LOCAL default_statistics_target = 10");
                    }
                    statement.execute("ANALYZE " + table.getValue());
                    if (GROWING_WITH.containsKey(entity)) {
                        statement.execute("ANALYZE " + GROWING_WITH.get(entity));
                    }
                }
                analyzeRuns++;
                believed.put(entity, reltuples(tableName(table.getValue())));
                insertedAtLastAnalyze.put(entity, sql.counts().get(entity).inserted());
            }
        }
    }

    /** How many times a table was analyzed during this import (for tests and the benchmark). */
    int analyzeRuns() {
        return analyzeRuns;
    }

    private static String tableName(String tableAndColumn) {
        return tableAndColumn.substring(0, tableAndColumn.indexOf(' '));
    }

    private long reltuples(String table) throws SQLException {
        try (PreparedStatement query = sql.connection().prepareStatement(
                "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }
}
