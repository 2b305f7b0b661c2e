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
import org.catalogimport.commerceml.ItemProblem;
import org.catalogimport.platform.persistence.CatalogDatabase;

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

    public boolean start(long sessionId, long totalItems, String node, Instant now) {
        return entityManager.createQuery("""
                        update ImportSession s set s.status = :running, s.totalItems = :total, s.node = :node,
                            s.heartbeatAt = :now, s.version = s.version + 1
                        where s.id = :id and s.status in :previous""")
                .setParameter("running", ImportStatus.RUNNING)
                .setParameter("total", totalItems)
                .setParameter("node", node)
                .setParameter("now", now)
                .setParameter("id", sessionId)
                .setParameter("previous", ImportStatus.allowedPrevious(ImportStatus.RUNNING))
                .executeUpdate() == 1;
    }

    /** The item count of the pre-scan, known once the package has been read through once. */
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

    /** Stores problems of a session (kind, entity, Ид, file, line, reason), a few thousand rows per statement. */
    public void recordProblems(long sessionId, List<ItemProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into import_problem (session_id, kind, entity, item_id, file, line, reason)
                     select ?, u.* from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::bigint[], ?::text[])
                         as u(kind, entity, item_id, file, line, reason)""")) {
            for (int from = 0; from < problems.size(); from += PROBLEMS_PER_INSERT) {
                List<ItemProblem> chunk = problems.subList(from, Math.min(problems.size(), from + PROBLEMS_PER_INSERT));
                int n = chunk.size();
                String[] kind = new String[n], entity = new String[n], itemId = new String[n], file = new String[n],
                        reason = new String[n];
                Long[] line = new Long[n];
                for (int i = 0; i < n; i++) {
                    ItemProblem problem = chunk.get(i);
                    kind[i] = problem.kind().name();
                    entity[i] = problem.entity().key();
                    itemId[i] = truncate(problem.itemId(), 255);
                    file[i] = problem.file();
                    line[i] = problem.line() > 0 ? problem.line() : null;
                    reason[i] = problem.reason();
                }
                insert.setLong(1, sessionId);
                insert.setArray(2, connection.createArrayOf("varchar", kind));
                insert.setArray(3, connection.createArrayOf("varchar", entity));
                insert.setArray(4, connection.createArrayOf("varchar", itemId));
                insert.setArray(5, connection.createArrayOf("text", file));
                insert.setArray(6, connection.createArrayOf("bigint", line));
                insert.setArray(7, connection.createArrayOf("text", reason));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The problems of import " + sessionId + " could not be stored: " + e.getMessage(), e);
        }
    }

    public boolean complete(long sessionId, ImportCounts counts, String entityCountsJson, Instant now) {
        return finish(sessionId, ImportStatus.COMPLETED, null, counts, entityCountsJson, now);
    }

    public boolean fail(long sessionId, String reason, ImportCounts counts, Instant now) {
        return finish(sessionId, ImportStatus.FAILED, reason, counts, "{}", now);
    }

    private boolean finish(long sessionId, ImportStatus status, String reason, ImportCounts counts,
                           String entityCountsJson, Instant now) {
        return entityManager.createNativeQuery("""
                        update import_session set status = ?1, error_message = ?2, processed_items = ?3,
                            skipped_items = ?4, warning_items = ?5, entity_counts = cast(?6 as jsonb), finished_at = ?7,
                            heartbeat_at = ?7, version = version + 1
                        where id = ?8 and status in (?9)""")
                .setParameter(1, status.name())
                .setParameter(2, reason)
                .setParameter(3, counts.processed())
                .setParameter(4, counts.skipped())
                .setParameter(5, counts.warnings())
                .setParameter(6, entityCountsJson)
                .setParameter(7, java.sql.Timestamp.from(now))
                .setParameter(8, sessionId)
                .setParameter(9, ImportStatus.allowedPrevious(status).stream().map(Enum::name).toList())
                .executeUpdate() == 1;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
