package org.catalogimport.imports;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.catalogimport.commerceml.ItemProblem;

/**
 * Writes an import's status, progress and failures, each call in its own transaction, so the
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

    /** Failures stored per session; more are counted but not listed (a broken package can fail every item). */
    static final int MAX_STORED_FAILURES = 10_000;

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

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
                .setParameter(3, java.sql.Timestamp.from(now))
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

    /** The item count of the pre-scan, known once the package has been read through once. */
    public void total(long sessionId, long totalItems) {
        entityManager.createQuery("update ImportSession s set s.totalItems = :total where s.id = :id")
                .setParameter("total", totalItems)
                .setParameter("id", sessionId)
                .executeUpdate();
    }

    /** Progress and heartbeat of a running session. */
    public boolean report(long sessionId, long processed, long failed, Instant now) {
        return entityManager.createQuery("""
                        update ImportSession s set s.processedItems = :processed, s.failedItems = :failed,
                            s.heartbeatAt = :now
                        where s.id = :id and s.status = :running""")
                .setParameter("processed", processed)
                .setParameter("failed", failed)
                .setParameter("now", now)
                .setParameter("id", sessionId)
                .setParameter("running", ImportStatus.RUNNING)
                .executeUpdate() == 1;
    }

    public void recordFailures(long sessionId, List<ItemProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        long stored = ((Number) entityManager.createNativeQuery(
                        "select count(*) from import_failure where session_id = ?1")
                .setParameter(1, sessionId).getSingleResult()).longValue();
        int room = (int) Math.max(0, MAX_STORED_FAILURES - stored);
        for (ItemProblem problem : problems.subList(0, Math.min(room, problems.size()))) {
            entityManager.createNativeQuery(
                            "insert into import_failure (session_id, item_id, file, line, reason) values (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, sessionId)
                    .setParameter(2, truncate(problem.itemId(), 255))
                    .setParameter(3, problem.file())
                    .setParameter(4, problem.line())
                    .setParameter(5, problem.reason())
                    .executeUpdate();
        }
    }

    public boolean complete(long sessionId, long processed, long failed, String entityCountsJson, Instant now) {
        return finish(sessionId, ImportStatus.COMPLETED, null, processed, failed, entityCountsJson, now);
    }

    /** Who asked to cancel the session, if anyone did (read by the running import every second). */
    public java.util.Optional<String> cancelRequestedBy(long sessionId) {
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

    public boolean cancel(long sessionId, String reason, long processed, long failed, Instant now) {
        return finish(sessionId, ImportStatus.CANCELLED, reason, processed, failed, "{}", now);
    }

    public boolean fail(long sessionId, String reason, long processed, long failed, Instant now) {
        return finish(sessionId, ImportStatus.FAILED, reason, processed, failed, "{}", now);
    }

    private boolean finish(long sessionId, ImportStatus status, String reason, long processed, long failed,
                           String entityCountsJson, Instant now) {
        return entityManager.createNativeQuery("""
                        update import_session set status = ?1, error_message = ?2, processed_items = ?3,
                            failed_items = ?4, entity_counts = cast(?5 as jsonb), finished_at = ?6,
                            heartbeat_at = ?6, version = version + 1
                        where id = ?7 and status in (?8)""")
                .setParameter(1, status.name())
                .setParameter(2, reason)
                .setParameter(3, processed)
                .setParameter(4, failed)
                .setParameter(5, entityCountsJson)
                .setParameter(6, java.sql.Timestamp.from(now))
                .setParameter(7, sessionId)
                .setParameter(8, ImportStatus.allowedPrevious(status).stream().map(Enum::name).toList())
                .executeUpdate() == 1;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
