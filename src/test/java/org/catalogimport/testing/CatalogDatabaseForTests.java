package org.catalogimport.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * Plain JDBC access to the test database with the application's own migrations applied, for tests
 * of the importer's SQL that need PostgreSQL but not an application server. Each test works in a
 * transaction that it rolls back, so tests never see each other's rows.
 */
public final class CatalogDatabaseForTests {

    private static boolean migrated;

    private CatalogDatabaseForTests() {
    }

    /** A connection in a transaction (auto-commit off); roll it back when done. */
    public static Connection openTransaction() throws SQLException {
        ServiceEndpoints services = BackingServices.forTests();
        migrateOnce(services);
        Connection connection = DriverManager.getConnection(services.dbUrl(), services.dbUser(), services.dbPassword());
        connection.setAutoCommit(false);
        return connection;
    }

    private static synchronized void migrateOnce(ServiceEndpoints services) {
        if (!migrated) {
            Flyway.configure()
                    .dataSource(services.dbUrl(), services.dbUser(), services.dbPassword())
                    .locations("classpath:db/migration")
                    .outOfOrder(true) // as DatabaseMigrations: numbers are reserved per feature
                    .load()
                    .migrate();
            migrated = true;
        }
    }
}
