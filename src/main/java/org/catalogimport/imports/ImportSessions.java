package org.catalogimport.imports;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Reads and stores import sessions. Transactions are the container's (one per call by default). */
@Stateless
public class ImportSessions {

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

    public ImportSession save(ImportSession session) {
        if (session.getId() == null) {
            entityManager.persist(session);
            return session;
        }
        return entityManager.merge(session);
    }

    public Optional<ImportSession> find(long id) {
        return Optional.ofNullable(entityManager.find(ImportSession.class, id));
    }

    /** Columns the console may sort by (a whitelist: the name goes into the query). */
    public enum SortColumn {
        ID("s.id"), STATUS("s.status"), STARTED("s.startedAt"), FINISHED("s.finishedAt"), TRIGGERED_BY("s.triggeredBy");

        private final String path;

        SortColumn(String path) {
            this.path = path;
        }
    }

    /** A page of sessions, newest first, optionally only those in {@code status}. */
    public List<ImportSession> page(ImportStatus status, int first, int size) {
        return page(status, SortColumn.STARTED, false, first, size);
    }

    /** A page of sessions sorted by {@code column} (ties: newest first). */
    public List<ImportSession> page(ImportStatus status, SortColumn column, boolean ascending, int first, int size) {
        return entityManager.createQuery(
                        "select s from ImportSession s where (:status is null or s.status = :status)"
                                + " order by " + column.path + (ascending ? " asc" : " desc")
                                + " nulls last, s.startedAt desc, s.id desc", ImportSession.class)
                .setParameter("status", status)
                .setFirstResult(first)
                .setMaxResults(size)
                .getResultList();
    }

    public Optional<ImportSession> running() {
        return entityManager.createQuery("select s from ImportSession s where s.status = :running", ImportSession.class)
                .setParameter("running", ImportStatus.RUNNING)
                .getResultStream().findFirst();
    }

    /** A problem of an import: skipped or warning, what, where, why. */
    public record Problem(String kind, String entity, String itemId, String file, Long line, String reason) {
    }

    /** The first {@code limit} problems of a session, skipped items first, in the order they were found. */
    public List<Problem> problems(long sessionId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select kind, entity, item_id, file, line, reason from import_problem where session_id = ?1
                        order by kind, id""")
                .setParameter(1, sessionId)
                .setMaxResults(limit)
                .getResultList();
        return rows.stream().map(r -> new Problem((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                r[4] == null ? null : ((Number) r[4]).longValue(), (String) r[5])).toList();
    }

    /** The per-entity counts of a finished import, as stored JSON. */
    public String entityCountsJson(long sessionId) {
        Object json = entityManager.createNativeQuery("select entity_counts::text from import_session where id = ?1")
                .setParameter(1, sessionId).getSingleResult();
        return json == null ? "{}" : json.toString();
    }

    public long count(ImportStatus status) {
        return entityManager.createQuery(
                        "select count(s) from ImportSession s where (:status is null or s.status = :status)",
                        Long.class)
                .setParameter("status", status)
                .getSingleResult();
    }
}
