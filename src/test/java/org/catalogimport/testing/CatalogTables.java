package org.catalogimport.testing;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog tables as the in-database import tests use them: emptied inside the test's own
 * (rolled-back) transaction, and read back as one string per row.
 */
public final class CatalogTables {

    /** Every catalog table, children first (so that deleting in this order breaks no reference). */
    public static final List<String> ALL = List.of("offer_stock", "offer_price", "offer", "product",
            "catalog_property_value", "catalog_property", "catalog_group", "price_type", "warehouse", "unit");

    private CatalogTables() {
    }

    /**
     * Waits until no import runs in the test server (its writes would wait for ours, or deadlock with
     * them), then deletes every catalog row, the remembered file states and the offers' row digests inside {@code connection}'s
     * transaction.
     */
    public static void emptyInside(Connection connection) throws SQLException {
        await().atMost(Duration.ofMinutes(3))
                .until(() -> rows(connection, "select count(*) from import_session where status = 'RUNNING'").equals(List.of("0")));
        try (Statement statement = connection.createStatement()) {
            for (String table : ALL) {
                statement.executeUpdate("DELETE FROM " + table);
            }
            // why by hand: after an import in the same transaction, the catalog triggers no longer
            // forget these (the import marked the transaction as one that tracks them)
            statement.executeUpdate("DELETE FROM import_file_state");
            statement.executeUpdate("DELETE FROM offer_price_digest");
            statement.executeUpdate("DELETE FROM offer_stock_digest");
        }
    }

    /** The first column of every row {@code sql} returns, as text. */
    public static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
