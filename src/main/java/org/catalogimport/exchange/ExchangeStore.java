package org.catalogimport.exchange;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
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
import java.util.Locale;
import java.util.Optional;
import org.catalogimport.platform.persistence.CatalogDatabase;
import java.util.function.LongFunction;

/**
 * The exchanges' state in PostgreSQL (V10): exchanges, their tokens, received files and the batches
 * that import sessions read. Each method is one container transaction, so any node sees what
 * another node did in the previous call of the same exchange.
 */
@Stateless
public class ExchangeStore {

    @Inject
    CatalogDatabase database;

    /** An exchange as a call needs it. */
    public record Exchange(long id, String kind, String user) {
    }

    /** A received file. {@code batchId} null: waiting for an import. */
    public record StagedFile(long id, String name, long size, int chunks, Long batchId) {
    }

    /** A set of files one import session reads. */
    public record Batch(long id, long exchangeId, Instant createdAt, String folder, List<String> zipEntries,
                        Long sessionId, String refusedMessage) {
    }

    /**
     * The user's open exchange of this kind (a call within {@code idle}, no {@code complete}), or a
     * new one; {@code tokenHash} becomes one of its tokens.
     */
    public Exchange open(String kind, String user, String address, String tokenHash, Instant now, Duration idle) {
        return sql(connection -> {
            Long id = null;
            try (PreparedStatement find = connection.prepareStatement(
                    "SELECT id FROM exchange WHERE user_name = ? AND kind = ? AND completed_at IS NULL"
                            + " AND last_call_at > ? ORDER BY last_call_at DESC LIMIT 1 FOR UPDATE")) {
                find.setString(1, user);
                find.setString(2, kind);
                find.setTimestamp(3, Timestamp.from(now.minus(idle)));
                try (ResultSet rows = find.executeQuery()) {
                    if (rows.next()) {
                        id = rows.getLong(1);
                    }
                }
            }
            if (id == null) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO exchange (kind, user_name, remote_address, started_at, last_call_at, last_mode)"
                                + " VALUES (?, ?, ?, ?, ?, 'checkauth') RETURNING id")) {
                    insert.setString(1, kind);
                    insert.setString(2, user);
                    insert.setString(3, address);
                    insert.setTimestamp(4, Timestamp.from(now));
                    insert.setTimestamp(5, Timestamp.from(now));
                    try (ResultSet rows = insert.executeQuery()) {
                        rows.next();
                        id = rows.getLong(1);
                    }
                }
            }
            if (tokenHash != null) {
                try (PreparedStatement token = connection.prepareStatement(
                        "INSERT INTO exchange_token (token_hash, exchange_id, issued_at) VALUES (?, ?, ?)")) {
                    token.setString(1, tokenHash);
                    token.setLong(2, id);
                    token.setTimestamp(3, Timestamp.from(now));
                    token.executeUpdate();
                }
            }
            update(connection, "UPDATE exchange SET last_call_at = ?, remote_address = ? WHERE id = ?",
                    Timestamp.from(now), address, id);
            return new Exchange(id, kind, user);
        });
    }

    /** The exchange a token was issued for, while it is not over. */
    public Optional<Exchange> byToken(String tokenHash) {
        return sql(connection -> {
            try (PreparedStatement find = connection.prepareStatement(
                    "SELECT e.id, e.kind, e.user_name FROM exchange_token t JOIN exchange e ON e.id = t.exchange_id"
                            + " WHERE t.token_hash = ? AND e.files_deleted_at IS NULL")) {
                find.setString(1, tokenHash);
                try (ResultSet rows = find.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new Exchange(rows.getLong(1), rows.getString(2), rows.getString(3)))
                            : Optional.<Exchange>empty();
                }
            }
        });
    }

    /** Records a call: which mode, when (the cleanup keeps files {@code keep} after the last call). */
    public void touch(long exchangeId, String mode, Instant now, boolean complete) {
        sql(connection -> update(connection, "UPDATE exchange SET last_call_at = ?, last_mode = ?"
                        + (complete ? ", completed_at = ?" : ", completed_at = completed_at") + " WHERE id = ?",
                complete ? new Object[]{Timestamp.from(now), mode, Timestamp.from(now), exchangeId}
                        : new Object[]{Timestamp.from(now), mode, exchangeId}));
    }

    /** Bytes the exchange's files hold, without the waiting file {@code name}. */
    public long bytesWithout(long exchangeId, String name) {
        return sql(connection -> {
            try (PreparedStatement sum = connection.prepareStatement(
                    "SELECT COALESCE(SUM(size), 0) FROM exchange_file WHERE exchange_id = ?"
                            + " AND NOT (batch_id IS NULL AND name = ?)")) {
                sum.setLong(1, exchangeId);
                sum.setString(2, name);
                try (ResultSet rows = sum.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** Records a body appended to the waiting file {@code name}: its size now, one more chunk. */
    public void received(long exchangeId, String name, long size, boolean restarted, Instant now) {
        sql(connection -> update(connection,
                "INSERT INTO exchange_file (exchange_id, name, size, chunks, restarts, first_at, last_at)"
                        + " VALUES (?, ?, ?, 1, 0, ?, ?)"
                        + " ON CONFLICT (exchange_id, name) WHERE batch_id IS NULL DO UPDATE SET size = EXCLUDED.size,"
                        + " chunks = CASE WHEN ? THEN 1 ELSE exchange_file.chunks + 1 END,"
                        + " restarts = exchange_file.restarts + CASE WHEN ? THEN 1 ELSE 0 END, last_at = EXCLUDED.last_at",
                exchangeId, name, size, Timestamp.from(now), Timestamp.from(now), restarted, restarted));
    }

    /** Every file of the exchange, oldest first. */
    public List<StagedFile> files(long exchangeId) {
        return sql(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, name, size, chunks, batch_id FROM exchange_file WHERE exchange_id = ? ORDER BY id")) {
                select.setLong(1, exchangeId);
                List<StagedFile> files = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        files.add(new StagedFile(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getInt(4),
                                (Long) rows.getObject(5)));
                    }
                }
                return files;
            }
        });
    }

    /** The exchange's batches, newest first. */
    public List<Batch> batches(long exchangeId) {
        return sql(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, exchange_id, created_at, folder, zip_entries, session_id, refused_message"
                            + " FROM exchange_batch WHERE exchange_id = ? ORDER BY id DESC")) {
                select.setLong(1, exchangeId);
                List<Batch> batches = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        batches.add(batch(rows));
                    }
                }
                return batches;
            }
        });
    }

    /** Moves a batch's files from where they were received into its folder. */
    public interface FileMover {
        /** @return the names inside the moved zips (empty when there are none or they cannot be listed) */
        List<String> move(List<StagedFile> files, String folder) throws IOException;
    }

    /**
     * Turns the exchange's waiting files into a new batch, moving them into {@code folderOf} the
     * batch; empty when no file waits. One transaction on one connection with the exchange's row
     * locked, so two nodes serving calls of one exchange at once cannot both take the same files.
     */
    public Optional<Batch> batchWaiting(long exchangeId, Instant now, LongFunction<String> folderOf,
                                        FileMover mover) {
        return sql(connection -> {
            update(connection, "SELECT id FROM exchange WHERE id = ? FOR UPDATE", exchangeId);
            List<StagedFile> waiting = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, name, size, chunks FROM exchange_file"
                    + " WHERE exchange_id = ? AND batch_id IS NULL ORDER BY id")) {
                select.setLong(1, exchangeId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        waiting.add(new StagedFile(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getInt(4), null));
                    }
                }
            }
            if (waiting.isEmpty()) {
                return Optional.<Batch>empty();
            }
            long batchId;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO exchange_batch (exchange_id, created_at, folder) VALUES (?, ?, '') RETURNING id")) {
                insert.setLong(1, exchangeId);
                insert.setTimestamp(2, Timestamp.from(now));
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    batchId = rows.getLong(1);
                }
            }
            String folder = folderOf.apply(batchId);
            List<String> entries;
            try {
                entries = mover.move(waiting, folder);
            } catch (IOException e) {
                throw new ExchangeRefused(ExchangeRefused.Kind.DISK_FULL, ExchangeMessage.NOT_PREPARED.with(e.getMessage()));
            }
            try (PreparedStatement assign = connection.prepareStatement("UPDATE exchange_file SET batch_id = ? WHERE id = ?")) {
                for (StagedFile file : waiting) {
                    assign.setLong(1, batchId);
                    assign.setLong(2, file.id());
                    assign.addBatch();
                }
                assign.executeBatch();
            }
            update(connection, "UPDATE exchange_batch SET folder = ?, zip_entries = ? WHERE id = ?", folder,
                    entries.isEmpty() ? null : String.join("\n", entries), batchId);
            return Optional.of(new Batch(batchId, exchangeId, now, folder, entries.isEmpty() ? null : entries, null, null));
        });
    }

    /**
     * Claims the start of a batch for this call: true for one caller only, until {@code staleAfter}
     * has passed (a node that died while starting does not block the batch for ever).
     */
    public boolean claimStart(long batchId, Instant now, Duration staleAfter) {
        return sql(connection -> update(connection, "UPDATE exchange_batch SET start_claimed_at = ? WHERE id = ?"
                        + " AND session_id IS NULL AND refused_message IS NULL"
                        + " AND (start_claimed_at IS NULL OR start_claimed_at < ?)",
                Timestamp.from(now), batchId, Timestamp.from(now.minus(staleAfter))) == 1);
    }

    public void releaseClaim(long batchId) {
        sql(connection -> update(connection, "UPDATE exchange_batch SET start_claimed_at = NULL WHERE id = ?", batchId));
    }

    public void started(long batchId, long sessionId) {
        sql(connection -> update(connection, "UPDATE exchange_batch SET session_id = ? WHERE id = ?", sessionId, batchId));
    }

    /** What 1C was told once the batch's import ended; the first final answer stays. */
    public void answered(long batchId, ExchangeAnswer answer) {
        sql(connection -> update(connection, "UPDATE exchange_batch SET answer_status = ?, answer_text = ?"
                + " WHERE id = ? AND answer_status IS NULL", answer.status().name().toLowerCase(Locale.ROOT),
                String.join("\n", answer.lines()), batchId));
    }

    public void refuse(long batchId, String message) {
        sql(connection -> update(connection,
                "UPDATE exchange_batch SET refused_message = ?, start_claimed_at = NULL WHERE id = ?", message, batchId));
    }

    /** Batches still waiting for the import lock, created after {@code since}, oldest first. */
    public List<Batch> waitingBatches(Instant since) {
        return sql(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, exchange_id, created_at, folder, zip_entries, session_id, refused_message"
                            + " FROM exchange_batch WHERE session_id IS NULL AND refused_message IS NULL"
                            + " AND created_at > ? ORDER BY id")) {
                select.setTimestamp(1, Timestamp.from(since));
                List<Batch> batches = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        batches.add(batch(rows));
                    }
                }
                return batches;
            }
        });
    }

    /** The exchange a batch belongs to. */
    public Optional<Exchange> exchange(long exchangeId) {
        return sql(connection -> {
            try (PreparedStatement find = connection.prepareStatement("SELECT id, kind, user_name FROM exchange WHERE id = ?")) {
                find.setLong(1, exchangeId);
                try (ResultSet rows = find.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new Exchange(rows.getLong(1), rows.getString(2), rows.getString(3)))
                            : Optional.<Exchange>empty();
                }
            }
        });
    }

    public Optional<Batch> batch(long batchId) {
        return sql(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, exchange_id, created_at, folder, zip_entries, session_id, refused_message"
                            + " FROM exchange_batch WHERE id = ?")) {
                select.setLong(1, batchId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(batch(rows)) : Optional.<Batch>empty();
                }
            }
        });
    }

    private static Batch batch(ResultSet rows) throws SQLException {
        String entries = rows.getString(5);
        return new Batch(rows.getLong(1), rows.getLong(2), rows.getTimestamp(3).toInstant(), rows.getString(4),
                entries == null ? null : List.of(entries.split("\n")), (Long) rows.getObject(6), rows.getString(7));
    }

    static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            if (sql.startsWith("SELECT")) {
                try (ResultSet ignored = statement.executeQuery()) {
                    return 0;
                }
            }
            return statement.executeUpdate();
        }
    }

    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    <T> T sql(Work<T> work) {
        try (Connection connection = database.dataSource().getConnection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("The exchange's state could not be read or written: " + e.getMessage(), e);
        }
    }
}
