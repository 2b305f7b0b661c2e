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

    /** A page of sessions, newest first, optionally only those in {@code status}. */
    public List<ImportSession> page(ImportStatus status, int first, int size) {
        return entityManager.createQuery(
                        "select s from ImportSession s where (:status is null or s.status = :status)"
                                + " order by s.startedAt desc, s.id desc", ImportSession.class)
                .setParameter("status", status)
                .setFirstResult(first)
                .setMaxResults(size)
                .getResultList();
    }

    public long count(ImportStatus status) {
        return entityManager.createQuery(
                        "select count(s) from ImportSession s where (:status is null or s.status = :status)",
                        Long.class)
                .setParameter("status", status)
                .getSingleResult();
    }
}
