package org.catalogimport.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.Flyway;

/** Plain SQL on the database the test servers use, for setting up and checking what the API cannot. */
public final class TestDatabase {

    private TestDatabase() {
    }

    /**
     * Drops and creates the database {@code name} on {@code server}, migrated like the
     * application's (for benchmarks and tests that need a database of their own); returns its URL.
     */
    public static String recreate(ServiceEndpoints server, String name) throws SQLException {
        drop(server, name);
        try (Connection admin = DriverManager.getConnection(server.dbUrl(), server.dbUser(), server.dbPassword());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        String url = server.dbUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        Flyway.configure().dataSource(url, server.dbUser(), server.dbPassword()).locations("classpath:db/migration").load().migrate();
        return url;
    }

    public static void drop(ServiceEndpoints server, String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(server.dbUrl(), server.dbUser(), server.dbPassword());
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    public static Connection connect() throws SQLException {
        ServiceEndpoints services = BackingServices.forTests();
        return DriverManager.getConnection(services.dbUrl(), services.dbUser(), services.dbPassword());
    }

    /** Runs an update with positional parameters and returns the first generated or returned long, or the row count. */
    public static long update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            if (sql.toLowerCase(Locale.ROOT).contains(" returning ")) {
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
            return statement.executeUpdate();
        }
    }

    /** The tables an import writes to (V2). */
    private static final List<String> CATALOG_TABLES = List.of("catalog_group", "catalog_property",
            "catalog_property_value", "price_type", "warehouse", "unit", "product", "offer", "offer_price", "offer_stock");

    /**
     * A digest of every row of every catalog table, all columns included (timestamps too), per
     * table: equal fingerprints mean the catalog is byte for byte the same.
     */
    public static Map<String, String> catalogFingerprint() throws SQLException {
        Map<String, String> fingerprint = new LinkedHashMap<>();
        for (String table : CATALOG_TABLES) {
            fingerprint.put(table, text("select count(*) || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), ''))"
                    + " from " + table + " t"));
        }
        return fingerprint;
    }

    /** The first column of the first row as text ({@code null} when there is no row). */
    public static String text(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
