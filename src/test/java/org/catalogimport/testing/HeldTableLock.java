package org.catalogimport.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Holds a PostgreSQL lock that blocks writes to one catalog table, so an import started meanwhile
 * stays RUNNING (its writes wait) for as long as a test needs, without a slow package or a sleep.
 * (and the import's file states, see {@code ImportedFiles}). Reads are not blocked: the console and the API keep working. {@link #close()} lets the import go on.
 */
public final class HeldTableLock implements AutoCloseable {

    private final Connection connection;

    private HeldTableLock(Connection connection) {
        this.connection = connection;
    }

    /** Blocks inserts and updates of {@code table} (a name from the schema, not user input). */
    public static HeldTableLock onWritesTo(String table) throws SQLException {
        ServiceEndpoints services = BackingServices.forTests();
        Connection connection = DriverManager.getConnection(services.dbUrl(), services.dbUser(), services.dbPassword());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("lock table " + table + " in exclusive mode");
            // why also the file states: an import of files it read before skips them and would not
            // write the table at all; it locks the file states first thing, so it waits here instead
            statement.execute("lock table import_file_state in exclusive mode");
        }
        return new HeldTableLock(connection);
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
