package org.catalogimport.exchange;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.catalogimport.commerceml.PackageFolder;

/**
 * Deletes what old exchanges left, one small batch per call, on a connection the caller owns (and
 * commits), so the rule can be tested on PostgreSQL with any "now":
 * <ul>
 *   <li>the staged files of an exchange whose last call is older than {@code keepFiles}, unless one
 *       of its imports is still pending or running (the files are kept for diagnosis until then);</li>
 *   <li>the exchange's rows once it is older than {@code keepHistory} (the import history's
 *       retention), its files gone.</li>
 * </ul>
 * Rows another node is cleaning at the same moment are skipped ({@code FOR UPDATE SKIP LOCKED}).
 */
public final class StagedFilesPurge {

    private final Connection connection;
    private final ExchangeFolders folders;

    public StagedFilesPurge(Connection connection, ExchangeFolders folders) {
        this.connection = connection;
        this.folders = folders;
    }

    /** Deletes the files of at most {@code batchSize} exchanges; returns how many exchanges. */
    public int deleteFiles(Instant now, Duration keepFiles, int batchSize) throws SQLException, IOException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select e.id from exchange e
                 where e.files_deleted_at is null and e.last_call_at < ?
                   and not exists (select 1 from exchange_batch b join import_session s on s.id = b.session_id
                                    where b.exchange_id = e.id and s.status in ('PENDING', 'RUNNING'))
                 order by e.last_call_at
                 limit ?
                   for update of e skip locked""")) {
            select.setTimestamp(1, Timestamp.from(now.minus(keepFiles)));
            select.setInt(2, batchSize);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        try (PreparedStatement mark = connection.prepareStatement(
                "update exchange set files_deleted_at = ? where id = ?")) {
            for (long id : ids) {
                PackageFolder.deleteTree(folders.exchange(id));
                mark.setTimestamp(1, Timestamp.from(now));
                mark.setLong(2, id);
                mark.addBatch();
            }
            mark.executeBatch();
        }
        return ids.size();
    }

    /** Deletes at most {@code batchSize} exchanges older than {@code keepHistory} whose files are gone. */
    public int deleteHistory(Instant now, Duration keepHistory, int batchSize) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("""
                delete from exchange where id in (
                    select e.id from exchange e
                     where e.files_deleted_at is not null and e.last_call_at < ?
                     order by e.last_call_at
                     limit ?
                       for update skip locked)""")) {
            delete.setTimestamp(1, Timestamp.from(now.minus(keepHistory)));
            delete.setInt(2, batchSize);
            return delete.executeUpdate();
        }
    }

    /** Deletes at most {@code batchSize} refused calls older than {@code keepHistory}. */
    public int deleteRefusals(Instant now, Duration keepHistory, int batchSize) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("""
                delete from exchange_refusal where id in (
                    select id from exchange_refusal where at < ? order by at limit ? for update skip locked)""")) {
            delete.setTimestamp(1, Timestamp.from(now.minus(keepHistory)));
            delete.setInt(2, batchSize);
            return delete.executeUpdate();
        }
    }
}
