package org.catalogimport.imports.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes old import sessions (their problems go with them: ON DELETE CASCADE), one small batch
 * per call, so the console's queries never wait long behind it. Plain JDBC on a connection the
 * caller owns (and commits), so the rule can be tested on PostgreSQL with any "now".
 *
 * <p>What is kept: every session that has not finished, every session that finished less than
 * {@code maxAge} before {@code now}, and always the {@code keepLatest} newest sessions whatever
 * their age (a quiet shop still sees its last imports). Rows another node is deleting at the same
 * moment are skipped ({@code FOR UPDATE SKIP LOCKED}), so concurrent runs never wait on each other.
 */
public final class SessionHistoryPurge {

    private final Connection connection;

    public SessionHistoryPurge(Connection connection) {
        this.connection = connection;
    }

    /** Deletes at most {@code batchSize} sessions and returns how many it deleted. */
    public int deleteBatch(Instant now, Duration maxAge, int keepLatest, int batchSize) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("""
                delete from import_session where id in (
                    select s.id from import_session s
                     where s.finished_at < ?
                       and s.status in ('COMPLETED', 'FAILED', 'CANCELLED')
                       and s.id not in (select k.id from import_session k
                                         order by k.started_at desc, k.id desc limit ?)
                     order by s.finished_at
                     limit ?
                       for update skip locked)""")) {
            delete.setTimestamp(1, Timestamp.from(now.minus(maxAge)));
            delete.setInt(2, keepLatest);
            delete.setInt(3, batchSize);
            return delete.executeUpdate();
        }
    }
}
