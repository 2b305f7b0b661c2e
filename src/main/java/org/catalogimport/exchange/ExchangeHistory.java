package org.catalogimport.exchange;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.catalogimport.platform.persistence.CatalogDatabase;
import jakarta.json.bind.annotation.JsonbTransient;

/**
 * What the console's "1C exchange" page and {@code GET /api/exchanges} show: the last exchanges
 * (when, who, from where, which files, which import sessions, how it ended), and for one import
 * session the files it read.
 */
@Stateless
public class ExchangeHistory {

    /** How an exchange stands, from its batches and their sessions. */
    public enum Result { RECEIVING, WAITING, RUNNING, COMPLETED, FAILED }

    public record ReceivedFile(String name, long size, int chunks, int restarts, Long sessionId) {
        @JsonbTransient
        public String getName() {
            return name;
        }

        @JsonbTransient

        public long getSize() {
            return size;
        }

        @JsonbTransient

        public int getChunks() {
            return chunks;
        }

        @JsonbTransient

        public Long getSessionId() {
            return sessionId;
        }
    }

    public record Summary(long id, String kind, String user, String remoteAddress, Instant startedAt, Instant lastCallAt,
                          Instant completedAt, String lastMode, List<ReceivedFile> files, List<Long> sessions,
                          Result result, String message, String told) {
        @JsonbTransient
        public long getId() {
            return id;
        }

        @JsonbTransient

        public String getUser() {
            return user;
        }

        @JsonbTransient

        public String getRemoteAddress() {
            return remoteAddress;
        }

        @JsonbTransient

        public Instant getStartedAt() {
            return startedAt;
        }

        @JsonbTransient

        public Instant getLastCallAt() {
            return lastCallAt;
        }

        @JsonbTransient

        public List<ReceivedFile> getFiles() {
            return files;
        }

        @JsonbTransient

        public List<Long> getSessions() {
            return sessions;
        }

        @JsonbTransient

        public Result getResult() {
            return result;
        }

        @JsonbTransient

        public String getMessage() {
            return message;
        }

        /** What 1C was told when the last answered import ended ({@code success: …} or {@code failure: …}). */
        public String getTold() {
            return told;
        }

        @JsonbTransient

        public String getKind() {
            return kind;
        }
    }

    @Inject
    CatalogDatabase database;

    /** The newest {@code limit} exchanges, newest first. */
    public List<Summary> recent(int limit) {
        try (Connection connection = database.dataSource().getConnection()) {
            Map<Long, Object[]> exchanges = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, kind, user_name, remote_address, started_at, last_call_at, completed_at, last_mode"
                            + " FROM exchange ORDER BY last_call_at DESC, id DESC LIMIT ?")) {
                select.setInt(1, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        exchanges.put(rows.getLong(1), new Object[]{rows.getString(2), rows.getString(3), rows.getString(4),
                                instant(rows.getTimestamp(5)), instant(rows.getTimestamp(6)), instant(rows.getTimestamp(7)),
                                rows.getString(8)});
                    }
                }
            }
            if (exchanges.isEmpty()) {
                return List.of();
            }
            Long[] ids = exchanges.keySet().toArray(Long[]::new);
            Map<Long, List<ReceivedFile>> files = files(connection, ids);
            Map<Long, List<Object[]>> batches = batches(connection, ids);
            Map<Long, Object[]> refusals = lastRefusals(connection, ids);
            List<Summary> summaries = new ArrayList<>();
            exchanges.forEach((id, e) -> {
                List<Object[]> own = batches.getOrDefault(id, List.of());
                List<Long> sessions = own.stream().map(b -> (Long) b[0]).filter(s -> s != null).toList();
                Object[] outcome = result(own, files.getOrDefault(id, List.of()));
                Object[] refusal = refusals.get(id);
                if (refusal != null && outcome[0] == Result.RECEIVING && !((Instant) refusal[0]).isBefore((Instant) e[4])) {
                    // why: the exchange's last call was refused (a file over a limit, no disk): it stopped
                    // there, and "receiving" would hide why
                    outcome = new Object[]{Result.FAILED, refusal[1]};
                }
                summaries.add(new Summary(id, (String) e[0], (String) e[1], (String) e[2], (Instant) e[3], (Instant) e[4],
                        (Instant) e[5], (String) e[6], files.getOrDefault(id, List.of()), sessions,
                        (Result) outcome[0], (String) outcome[1], told(own)));
            });
            return summaries;
        } catch (SQLException e) {
            throw new IllegalStateException("The exchanges could not be read: " + e.getMessage(), e);
        }
    }

    /** What 1C was told about an import session it started ({@code failure: …}), empty before or for other sources. */
    public Optional<String> toldAbout(long sessionId) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT answer_status, answer_text FROM exchange_batch WHERE session_id = ? AND answer_status IS NOT NULL")) {
            select.setLong(1, sessionId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1) + ": " + rows.getString(2)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The exchange answer could not be read: " + e.getMessage(), e);
        }
    }

    /** The files an import session read, when an exchange started it. */
    public List<ReceivedFile> filesOf(long sessionId) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT f.name, f.size, f.chunks, f.restarts, b.session_id FROM exchange_file f"
                             + " JOIN exchange_batch b ON b.id = f.batch_id WHERE b.session_id = ? ORDER BY f.id")) {
            select.setLong(1, sessionId);
            List<ReceivedFile> files = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    files.add(new ReceivedFile(rows.getString(1), rows.getLong(2), rows.getInt(3), rows.getInt(4),
                            (Long) rows.getObject(5)));
                }
            }
            return files;
        } catch (SQLException e) {
            throw new IllegalStateException("The exchange files could not be read: " + e.getMessage(), e);
        }
    }

    private static Map<Long, List<ReceivedFile>> files(Connection connection, Long[] ids) throws SQLException {
        Map<Long, List<ReceivedFile>> files = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT f.exchange_id, f.name, f.size, f.chunks, f.restarts, b.session_id FROM exchange_file f"
                        + " LEFT JOIN exchange_batch b ON b.id = f.batch_id WHERE f.exchange_id = ANY (?) ORDER BY f.id")) {
            select.setArray(1, connection.createArrayOf("bigint", ids));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    files.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(new ReceivedFile(rows.getString(2),
                            rows.getLong(3), rows.getInt(4), rows.getInt(5), (Long) rows.getObject(6)));
                }
            }
        }
        return files;
    }

    /** Per exchange: the newest refusal of one of its calls, [at, reason]. */
    private static Map<Long, Object[]> lastRefusals(Connection connection, Long[] ids) throws SQLException {
        Map<Long, Object[]> refusals = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT ON (exchange_id) exchange_id, at, reason FROM exchange_refusal"
                        + " WHERE exchange_id = ANY (?) ORDER BY exchange_id, at DESC")) {
            select.setArray(1, connection.createArrayOf("bigint", ids));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    refusals.put(rows.getLong(1), new Object[]{rows.getTimestamp(2).toInstant(), rows.getString(3)});
                }
            }
        }
        return refusals;
    }

    /** What 1C was told when the exchange's last answered import ended: {@code failure: …}, null before. */
    private static String told(List<Object[]> batches) {
        for (int i = batches.size() - 1; i >= 0; i--) {
            Object[] batch = batches.get(i);
            if (batch[4] != null) {
                return batch[4] + (batch[5] == null || ((String) batch[5]).isEmpty() ? "" : ": " + batch[5]);
            }
        }
        return null;
    }

    /** Per exchange: [session id, session status, refused message, session error, answer status, answer text], oldest first. */
    private static Map<Long, List<Object[]>> batches(Connection connection, Long[] ids) throws SQLException {
        Map<Long, List<Object[]>> batches = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT b.exchange_id, b.session_id, s.status, b.refused_message, s.error_message, b.answer_status,"
                        + " b.answer_text FROM exchange_batch b"
                        + " LEFT JOIN import_session s ON s.id = b.session_id WHERE b.exchange_id = ANY (?) ORDER BY b.id")) {
            select.setArray(1, connection.createArrayOf("bigint", ids));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    batches.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(new Object[]{
                            (Long) rows.getObject(2), rows.getString(3), rows.getString(4), rows.getString(5),
                            rows.getString(6), rows.getString(7)});
                }
            }
        }
        return batches;
    }

    /** The exchange's result and its message: the last batch decides, a failure anywhere is kept. */
    private static Object[] result(List<Object[]> batches, List<ReceivedFile> files) {
        for (Object[] batch : batches) {
            if (batch[2] != null) {
                return new Object[]{Result.FAILED, batch[2]};
            }
            if ("FAILED".equals(batch[1]) || "CANCELLED".equals(batch[1])) {
                return new Object[]{Result.FAILED, batch[3] == null ? "Import " + batch[0] + " " + batch[1] : batch[3]};
            }
            if ("failure".equals(batch[4])) {
                // why: the import completed, but 1C was told it failed (items not read): so was the exchange
                return new Object[]{Result.FAILED, batch[5]};
            }
        }
        if (batches.isEmpty()) {
            return new Object[]{Result.RECEIVING, null};
        }
        Object[] last = batches.get(batches.size() - 1);
        if (last[0] == null) {
            return new Object[]{Result.WAITING, null};
        }
        if ("PENDING".equals(last[1]) || "RUNNING".equals(last[1])) {
            return new Object[]{Result.RUNNING, null};
        }
        boolean waitingFiles = files.stream().anyMatch(f -> f.sessionId() == null);
        return new Object[]{waitingFiles ? Result.RECEIVING : Result.COMPLETED, null};
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
