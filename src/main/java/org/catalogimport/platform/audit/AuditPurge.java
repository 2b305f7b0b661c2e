package org.catalogimport.platform.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Deletes audit rows older than the audit retention, one small batch per call, so the audit page
 * never waits long behind it. Plain JDBC on a connection the caller owns (and commits), so the rule
 * can be tested on PostgreSQL with any "now"; rows another node is deleting are skipped.
 */
public final class AuditPurge {

    private final Connection connection;

    public AuditPurge(Connection connection) {
        this.connection = connection;
    }

    /** Deletes at most {@code batchSize} rows recorded before {@code before}; returns how many. */
    public int deleteBatch(Instant before, int batchSize) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("""
                delete from audit_event where id in (
                    select id from audit_event where at < ? order by at limit ? for update skip locked)""")) {
            delete.setTimestamp(1, Timestamp.from(before));
            delete.setInt(2, batchSize);
            return delete.executeUpdate();
        }
    }
}
