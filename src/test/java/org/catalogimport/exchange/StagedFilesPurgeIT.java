package org.catalogimport.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.catalogimport.testing.RolledBackTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchange clean-up on real PostgreSQL with a clock the test sets: staged files go a week after
 * the exchange's last call unless its import still runs; the record goes with the history's retention.
 */
class StagedFilesPurgeIT {

    private static final Instant NOW = Instant.parse("2031-03-01T03:41:00Z");

    @RegisterExtension
    final RolledBackTransaction database = new RolledBackTransaction();

    @TempDir
    Path root;

    @Test
    void filesGoAfterTheKeepTimeUnlessAnImportStillRunsAndRecordsGoWithTheHistory() throws Exception {
        Connection connection = database.connection();
        ExchangeFolders folders = new ExchangeFolders(root);
        try (var statement = connection.createStatement()) {
            // why: other tests' exchanges would be cleaned too; this transaction is rolled back.
            statement.executeUpdate("delete from exchange");
        }
        long recent = exchange(connection, NOW.minus(Duration.ofDays(2)));
        long old = exchange(connection, NOW.minus(Duration.ofDays(10)));
        long oldButRunning = exchange(connection, NOW.minus(Duration.ofDays(10)));
        long ancient = exchange(connection, NOW.minus(Duration.ofDays(200)));
        // why PENDING: the one-RUNNING index would clash with an import another test class left running.
        long running = session(connection, "PENDING");
        batch(connection, oldButRunning, running);
        for (long id : new long[]{recent, old, oldButRunning, ancient}) {
            Path file = folders.incoming(id).resolve("goods/import.xml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "<?xml version=\"1.0\"?>");
        }
        StagedFilesPurge purge = new StagedFilesPurge(connection, folders);

        assertEquals(2, purge.deleteFiles(NOW, Duration.ofDays(7), 20));
        assertEquals(0, purge.deleteFiles(NOW, Duration.ofDays(7), 20), "nothing left to clean");

        assertTrue(Files.exists(folders.exchange(recent)), "a recent exchange keeps its files");
        assertTrue(Files.exists(folders.exchange(oldButRunning)), "files an import still reads stay");
        assertFalse(Files.exists(folders.exchange(old)));
        assertFalse(Files.exists(folders.exchange(ancient)));

        assertEquals(1, purge.deleteHistory(NOW, Duration.ofDays(90), 20), "only the exchange older than 90 days goes");
        assertFalse(exists(connection, ancient));
        assertTrue(exists(connection, old));
    }

    private static long exchange(Connection connection, Instant lastCall) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into exchange (kind, user_name, started_at,"
                + " last_call_at) values ('catalog', 'it-exchange', ?, ?) returning id")) {
            insert.setTimestamp(1, Timestamp.from(lastCall.minusSeconds(600)));
            insert.setTimestamp(2, Timestamp.from(lastCall));
            return single(insert);
        }
    }

    private static long session(Connection connection, String status) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into import_session (status, started_at, triggered_by) values (?, ?, 'it') returning id")) {
            insert.setString(1, status);
            insert.setTimestamp(2, Timestamp.from(NOW.minus(Duration.ofDays(10))));
            return single(insert);
        }
    }

    private static void batch(Connection connection, long exchange, long session) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into exchange_batch (exchange_id, created_at,"
                + " folder, session_id) values (?, ?, 'x', ?)")) {
            insert.setLong(1, exchange);
            insert.setTimestamp(2, Timestamp.from(NOW));
            insert.setLong(3, session);
            insert.executeUpdate();
        }
    }

    private static boolean exists(Connection connection, long exchange) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select count(*) from exchange where id = ?")) {
            select.setLong(1, exchange);
            return single(select) == 1;
        }
    }

    private static long single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
