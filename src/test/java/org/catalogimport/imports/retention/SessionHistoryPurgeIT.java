package org.catalogimport.imports.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.catalogimport.testing.RolledBackTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The retention rule on real PostgreSQL, with a clock the test sets: sessions older than the
 * retention period go (with their failures), the newest 100 and unfinished ones always stay.
 */
class SessionHistoryPurgeIT {

    private static final Instant NOW = Instant.parse("2031-03-01T03:17:00Z");
    private static final Duration NINETY_DAYS = Duration.ofDays(90);

    @RegisterExtension
    final RolledBackTransaction database = new RolledBackTransaction();

    /** Session i started i+1 days before NOW and finished an hour later, newest first. */
    private final List<Long> sessions = new ArrayList<>();
    private long runningForAges;

    @BeforeEach
    void history() throws SQLException {
        Connection connection = database.connection();
        try (Statement statement = connection.createStatement()) {
            // why: other tests' sessions would count among "the newest 100"; this transaction is rolled back.
            statement.executeUpdate("delete from import_session");
        }
        for (int i = 0; i < 150; i++) {
            Instant started = NOW.minus(Duration.ofDays(i + 1));
            sessions.add(insert(i % 3 == 0 ? "FAILED" : i % 3 == 1 ? "COMPLETED" : "CANCELLED", started, started.plusSeconds(3600)));
        }
        runningForAges = insert("RUNNING", NOW.minus(Duration.ofDays(400)), null);
        try (PreparedStatement failure = connection.prepareStatement(
                "insert into import_problem (session_id, kind, item_id, reason) values (?, 'SKIPPED', 'x', 'bad')")) {
            failure.setLong(1, sessions.get(149));
            failure.executeUpdate();
        }
    }

    @Test
    void sessionsOlderThanTheRetentionPeriodGoExceptTheNewestHundredAndUnfinishedOnes() throws SQLException {
        SessionHistoryPurge purge = new SessionHistoryPurge(database.connection());

        // When the purge runs at NOW in batches of 7, until nothing is left to delete
        int deleted = 0;
        int batch;
        int batches = 0;
        while ((batch = purge.deleteBatch(NOW, NINETY_DAYS, 100, 7)) > 0) {
            assertEquals(true, batch <= 7);
            deleted += batch;
            batches++;
        }

        // Then the sessions 100..149 (older than 90 days and not among the newest 100) are gone, in 8 batches
        assertEquals(50, deleted);
        assertEquals(8, batches);
        assertEquals(sessions.subList(0, 100), remainingFinished());
        // and the running one stays however old, and the deleted sessions' problems went with them
        assertEquals(1L, count("select count(*) from import_session where id = " + runningForAges));
        assertEquals(0L, count("select count(*) from import_problem where session_id = " + sessions.get(149)));
    }

    @Test
    void withFewerToKeepOnlyTheRetentionPeriodDecides() throws SQLException {
        int deleted = new SessionHistoryPurge(database.connection()).deleteBatch(NOW, NINETY_DAYS, 10, 1000);

        // sessions 0..89 finished within 90 days (89 finished 90 days minus an hour ago): they stay
        assertEquals(60, deleted);
        assertEquals(sessions.subList(0, 90), remainingFinished());
    }

    @Test
    void aDayLaterOneMoreSessionIsOld() throws SQLException {
        SessionHistoryPurge purge = new SessionHistoryPurge(database.connection());
        assertEquals(60, purge.deleteBatch(NOW, NINETY_DAYS, 10, 1000));

        assertEquals(1, purge.deleteBatch(NOW.plus(Duration.ofDays(1)), NINETY_DAYS, 10, 1000));
        assertEquals(sessions.subList(0, 89), remainingFinished());
    }

    private long insert(String status, Instant started, Instant finished) throws SQLException {
        try (PreparedStatement insert = database.connection().prepareStatement(
                "insert into import_session (status, started_at, finished_at, triggered_by) values (?, ?, ?, 'retention-it')"
                        + " returning id")) {
            insert.setString(1, status);
            insert.setTimestamp(2, Timestamp.from(started));
            insert.setTimestamp(3, finished == null ? null : Timestamp.from(finished));
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private List<Long> remainingFinished() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement statement = database.connection().createStatement();
             ResultSet rows = statement.executeQuery(
                     "select id from import_session where finished_at is not null order by started_at desc")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = database.connection().createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
