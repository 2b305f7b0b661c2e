package org.catalogimport.imports;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.catalogimport.commerceml.ItemProblem;
import org.catalogimport.commerceml.Text;
import org.catalogimport.platform.persistence.CatalogDatabase;
import java.sql.Timestamp;

/**
 * Writes an import's status, progress and problems, each call in its own transaction, so the
 * console sees them while the import's own (long) transaction is still open, and they survive
 * that transaction's rollback.
 *
 * <p>Status changes are conditional updates from the states {@link ImportStatus} allows: if
 * another node or the watchdog moved the session first, the update changes nothing and the
 * method says so by returning {@code false}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ImportProgress {

    /** Problems written per statement. */
    private static final int PROBLEMS_PER_INSERT = 5_000;

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

    @Inject
    CatalogDatabase database;

    /** How {@link #start} ended. */
    public enum Start { STARTED, ANOTHER_RUNNING, NOT_PENDING }

    /** Key of the transaction-scoped advisory lock that serialises PENDING -> RUNNING moves. */
    private static final long START_LOCK_KEY = 0x636174616c6f67L; // "catalog"

    /**
     * PENDING -> RUNNING, unless another session is RUNNING.
     *
     * <p>Why the advisory lock and the NOT EXISTS: the one-running index (V3) is the fence, but
     * hitting it throws a constraint violation that the container logs as a 250-line stack trace
     * and that marks the transaction for rollback. Serialising the moves makes the check exact,
     * so the loser of a race just updates nothing.
     */
    public Start start(long sessionId, long totalItems, String node, Instant now) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, START_LOCK_KEY)
                .getSingleResult();
        int updated = entityManager.createNativeQuery("""
                        update import_session set status = 'RUNNING', total_items = ?1, node = ?2,
                            heartbeat_at = ?3, version = version + 1
                        where id = ?4 and status in (?5)
                          and not exists (select 1 from import_session r where r.status = 'RUNNING')""")
                .setParameter(1, totalItems)
                .setParameter(2, node)
                .setParameter(3, Timestamp.from(now))
                .setParameter(4, sessionId)
                .setParameter(5, ImportStatus.allowedPrevious(ImportStatus.RUNNING).stream().map(Enum::name).toList())
                .executeUpdate();
        if (updated == 1) {
            return Start.STARTED;
        }
        boolean pending = ((Number) entityManager.createNativeQuery(
                        "select count(*) from import_session where id = ?1 and status = 'PENDING'")
                .setParameter(1, sessionId).getSingleResult()).longValue() == 1;
        return pending ? Start.ANOTHER_RUNNING : Start.NOT_PENDING;
    }

    /** The package's item count, known a few seconds into the import ({@link ItemCountAlongside}). */
    public void total(long sessionId, long totalItems) {
        entityManager.createQuery("update ImportSession s set s.totalItems = :total where s.id = :id")
                .setParameter("total", totalItems)
                .setParameter("id", sessionId)
                .executeUpdate();
    }

    /** Progress and heartbeat of a running session. */
    public boolean report(long sessionId, ImportCounts counts, Instant now) {
        return entityManager.createQuery("""
                        update ImportSession s set s.processedItems = :processed, s.skippedItems = :skipped,
                            s.warningItems = :warnings, s.heartbeatAt = :now
                        where s.id = :id and s.status = :running""")
                .setParameter("processed", counts.processed())
                .setParameter("skipped", counts.skipped())
                .setParameter("warnings", counts.warnings())
                .setParameter("now", now)
                .setParameter("id", sessionId)
                .setParameter("running", ImportStatus.RUNNING)
                .executeUpdate() == 1;
    }

    /**
     * Stores problems of a session (kind, entity, Ид, file, line, the reason in English and as a
     * message key with its arguments), a few thousand rows per statement.
     */
    public void recordProblems(long sessionId, List<ItemProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into import_problem (session_id, kind, entity, item_id, file, line, reason, reason_key, reason_args)
                     select ?, u.* from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::bigint[], ?::text[],
                                               ?::varchar[], ?::text[])
                         as u(kind, entity, item_id, file, line, reason, reason_key, reason_args)""")) {
            for (int from = 0; from < problems.size(); from += PROBLEMS_PER_INSERT) {
                List<ItemProblem> chunk = problems.subList(from, Math.min(problems.size(), from + PROBLEMS_PER_INSERT));
                int n = chunk.size();
                String[] kind = new String[n], entity = new String[n], itemId = new String[n], file = new String[n],
                        reason = new String[n], reasonKey = new String[n], reasonArgs = new String[n];
                Long[] line = new Long[n];
                for (int i = 0; i < n; i++) {
                    ItemProblem problem = chunk.get(i);
                    kind[i] = problem.kind().name();
                    entity[i] = problem.entity().key();
                    itemId[i] = truncate(problem.itemId(), 255);
                    file[i] = problem.file();
                    line[i] = problem.line() > 0 ? problem.line() : null;
                    reason[i] = problem.reason();
                    reasonKey[i] = problem.text().key();
                    reasonArgs[i] = StoredText.args(problem.text());
                }
                insert.setLong(1, sessionId);
                insert.setArray(2, connection.createArrayOf("varchar", kind));
                insert.setArray(3, connection.createArrayOf("varchar", entity));
                insert.setArray(4, connection.createArrayOf("varchar", itemId));
                insert.setArray(5, connection.createArrayOf("text", file));
                insert.setArray(6, connection.createArrayOf("bigint", line));
                insert.setArray(7, connection.createArrayOf("text", reason));
                insert.setArray(8, connection.createArrayOf("varchar", reasonKey));
                insert.setArray(9, connection.createArrayOf("text", reasonArgs));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The problems of import " + sessionId + " could not be stored: " + e.getMessage(), e);
        }
    }

    public boolean complete(long sessionId, ImportCounts counts, String entityCountsJson, Instant now) {
        return complete(sessionId, counts, entityCountsJson, 0, null, now);
    }

    /**
     * @param unreadItems        item elements the package held where no reader looks (each place is a problem)
     * @param censusJson  where the unread items sat, and the elements passed over as unknown or unused ({@link CensusJson})
     */
    public boolean complete(long sessionId, ImportCounts counts, String entityCountsJson, long unreadItems,
                            String censusJson, Instant now) {
        return finish(sessionId, ImportStatus.COMPLETED, null, counts, entityCountsJson, unreadItems, censusJson, now);
    }

    /** Who asked to cancel the session, if anyone did (read by the running import every second). */
    public Optional<String> cancelRequestedBy(long sessionId) {
        @SuppressWarnings("unchecked")
        List<String> requesters = entityManager.createNativeQuery(
                        "select cancel_requested_by from import_session where id = ?1 and cancel_requested_at is not null")
                .setParameter(1, sessionId).getResultList();
        return requesters.stream().findFirst();
    }

    /** Cancels the statement that PostgreSQL backend {@code pid} is running (an import's, waiting or working). */
    public void cancelStatement(int pid) {
        entityManager.createNativeQuery("select pg_cancel_backend(?1)").setParameter(1, pid).getSingleResult();
    }

    public boolean cancel(long sessionId, Text reason, ImportCounts counts, Instant now) {
        return finish(sessionId, ImportStatus.CANCELLED, reason, counts, "{}", 0, null, now);
    }

    public boolean fail(long sessionId, Text reason, ImportCounts counts, Instant now) {
        return finish(sessionId, ImportStatus.FAILED, reason, counts, "{}", 0, null, now);
    }

    /** {@code reason}: why it failed or was cancelled, stored in English and as a key with arguments (V17). */
    private boolean finish(long sessionId, ImportStatus status, Text reason, ImportCounts counts,
                           String entityCountsJson, long unreadItems, String censusJson, Instant now) {
        return entityManager.createNativeQuery("""
                        update import_session set status = ?1, error_message = ?2, processed_items = ?3,
                            skipped_items = ?4, warning_items = ?5, entity_counts = cast(?6 as jsonb), finished_at = ?7,
                            heartbeat_at = ?7, unread_items = ?12, census = cast(?13 as jsonb),
                            version = version + 1, error_key = ?10, error_args = ?11
                        where id = ?8 and status in (?9)""")
                .setParameter(1, status.name())
                .setParameter(2, reason == null ? null : reason.english())
                .setParameter(10, reason == null ? null : reason.key())
                .setParameter(11, reason == null ? null : StoredText.args(reason))
                .setParameter(3, counts.processed())
                .setParameter(4, counts.skipped())
                .setParameter(5, counts.warnings())
                .setParameter(6, entityCountsJson)
                .setParameter(7, Timestamp.from(now))
                .setParameter(8, sessionId)
                .setParameter(9, ImportStatus.allowedPrevious(status).stream().map(Enum::name).toList())
                .setParameter(12, unreadItems)
                .setParameter(13, censusJson)
                .executeUpdate() == 1;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
