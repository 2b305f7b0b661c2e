package org.catalogimport.testing;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test a connection to the migrated test database inside a transaction that is rolled
 * back after the test: tests of the importer's SQL never see each other's rows.
 * Use with {@code @RegisterExtension final RolledBackTransaction database = new RolledBackTransaction();}.
 */
public final class RolledBackTransaction implements BeforeEachCallback, AfterEachCallback {

    private Connection connection;

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        connection = CatalogDatabaseForTests.openTransaction();
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        connection.rollback();
        connection.close();
    }

    public Connection connection() {
        return connection;
    }
}
