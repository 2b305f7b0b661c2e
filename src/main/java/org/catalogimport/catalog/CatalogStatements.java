package org.catalogimport.catalog;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.ItemProblem;
import org.catalogimport.commerceml.Location;
import org.catalogimport.commerceml.Text;

/**
 * What every entity writer shares: the import's one connection, the counts of the change report,
 * and where problems go. Statements are array-bound ({@code unnest(?::type[])}), one per batch.
 */
final class CatalogStatements {

    static final String LIST_SEPARATOR = "\u001F";
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1e15");

    private final Connection connection;
    private final EntityCounts counts;
    private final Consumer<ItemProblem> problems;

    CatalogStatements(Connection connection, EntityCounts counts, Consumer<ItemProblem> problems) {
        this.connection = connection;
        this.counts = counts;
        this.problems = problems;
    }

    EntityCounts counts() {
        return counts;
    }

    Connection connection() {
        return connection;
    }

    /** The item was not stored: counted as skipped and reported with the reason. */
    void skip(CatalogEntity entity, String itemId, Location location, Text reason) {
        counts.skipped(entity, 1);
        problems.accept(ItemProblem.skipped(entity, itemId, location, reason));
    }

    /**
     * {@code items} item elements at one place of a file were never read: counted as not read and
     * reported once for the place.
     */
    void notRead(CatalogEntity entity, long items, Location location, Text reason) {
        counts.notRead(entity, items);
        problems.accept(ItemProblem.skipped(entity, null, location, reason));
    }

    /** The item was stored with a caveat: counted as a warning and reported. */
    void warn(CatalogEntity entity, String itemId, Location location, Text reason) {
        counts.warnings(entity, 1);
        problems.accept(ItemProblem.warning(entity, itemId, location, reason));
    }

    /** Runs an upsert whose rows return {@code xmax = 0} (inserted) or not (updated); the rest are unchanged. */
    void upsert(CatalogEntity entity, int rows, String sql, Array... arrays) throws SQLException {
        long inserted = 0;
        long updated = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arrays.length; i++) {
                statement.setArray(i + 1, arrays[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    if (result.getBoolean(1)) {
                        inserted++;
                    } else {
                        updated++;
                    }
                }
            }
        } finally {
            for (Array array : arrays) {
                array.free();
            }
        }
        counts.written(entity, rows, inserted, updated);
    }

    /**
     * Copies rows that are not in {@code table} yet (the caller checked) straight into it, counted as
     * inserted. Why not an upsert: {@code COPY} inserts a batch in one pass, without building and
     * parsing array literals or probing each key for a conflict first (the primary key still refuses a
     * duplicate, failing the import rather than losing a row).
     */
    void insert(CatalogEntity entity, String tableAndColumns, CopyRows rows) throws SQLException {
        if (rows.rows() == 0) {
            return;
        }
        rows.copyInto(connection, tableAndColumns);
        counts.written(entity, rows.rows(), rows.rows(), 0);
    }

    /** The ids of {@code ids} that have no row in {@code table}. */
    Set<String> missing(String table, Collection<String> ids) throws SQLException {
        Set<String> missing = new HashSet<>();
        if (ids.isEmpty()) {
            return missing;
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT x FROM unnest(?::varchar[]) AS x WHERE NOT EXISTS (SELECT 1 FROM " + table
                        + " t WHERE t.external_id = x)")) {
            query.setArray(1, array("varchar", ids.toArray(String[]::new)));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    missing.add(rows.getString(1));
                }
            }
        }
        return missing;
    }

    /** Rows of {@code sql} (one array parameter) as first column → second column. */
    Map<String, String> pairs(String sql, Stream<String> ids) throws SQLException {
        Map<String, String> result = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, array("varchar", ids.distinct().toArray(String[]::new)));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    result.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return result;
    }

    /** The ids a statement with array parameters returns. */
    Set<String> returnedIds(String sql, Array... arrays) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arrays.length; i++) {
                statement.setArray(i + 1, arrays[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    int update(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    long[] longs(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            long[] values = new long[rows.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rows.getLong(i + 1);
            }
            return values;
        }
    }

    Array array(String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }

    /** An amount that fits NUMERIC(19,4), or null. */
    static BigDecimal amountOrNull(BigDecimal amount) {
        return amount == null || amount.abs().compareTo(MAX_AMOUNT) >= 0 ? null : amount;
    }
}
