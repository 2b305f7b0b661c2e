package org.catalogimport.platform.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The one sink of the audit trail ({@code audit_event}). A change records its row inside its own
 * transaction ({@link #record}), so there is never a change without its row nor a row for a change
 * that rolled back; a refusal, which changes nothing and may happen inside a transaction that rolls
 * back, is recorded on its own ({@link #recordRefusal}). Pages are read in SQL, newest first.
 */
@Stateless
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

    /** Records a change, in the caller's transaction. */
    public void record(Actor actor, AuditAction action, String target) {
        entityManager.createNativeQuery(
                        "insert into audit_event (user_name, address, action, target) values (?1, ?2, ?3, ?4)")
                .setParameter(1, clip(actor.user(), 100))
                .setParameter(2, clip(actor.address() == null ? "" : actor.address(), 64))
                .setParameter(3, action.name())
                .setParameter(4, clip(target == null ? "" : target, 500))
                .executeUpdate();
        LOG.fine(() -> "audit: " + action + " " + target + " by " + actor);
    }

    /** Records a refusal in a transaction of its own: it stays even if the caller's rolls back. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRefusal(Actor actor, AuditAction action, String target) {
        record(actor, action, target);
    }

    /** Rows matching {@code filter}, newest first, {@code size} of them from {@code first}. */
    public List<AuditEvent> page(AuditFilter filter, int first, int size) {
        List<Object> parameters = new ArrayList<>();
        Query query = entityManager.createNativeQuery("select id, at, user_name, address, action, target from audit_event"
                + where(filter, parameters) + " order by at desc, id desc offset " + Math.max(0, first)
                + " limit " + Math.max(0, size));
        bind(query, parameters);
        List<AuditEvent> events = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            events.add(new AuditEvent(((Number) columns[0]).longValue(), instant(columns[1]), (String) columns[2],
                    emptyToNull((String) columns[3]), AuditAction.valueOf((String) columns[4]),
                    emptyToNull((String) columns[5])));
        }
        return events;
    }

    public long count(AuditFilter filter) {
        List<Object> parameters = new ArrayList<>();
        Query query = entityManager.createNativeQuery("select count(*) from audit_event" + where(filter, parameters));
        bind(query, parameters);
        return ((Number) query.getSingleResult()).longValue();
    }

    /**
     * why built, not "(:p is null or col = :p)": an always-true condition keeps PostgreSQL from
     * using the index for the filters that are set (the sessions page had that problem).
     */
    private static String where(AuditFilter filter, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (filter.action() != null) {
            parameters.add(filter.action().name());
            conditions.add("action = ?" + parameters.size());
        }
        if (filter.user() != null && !filter.user().isBlank()) {
            parameters.add(filter.user().trim());
            conditions.add("user_name = ?" + parameters.size());
        }
        if (filter.from() != null) {
            parameters.add(Timestamp.from(filter.from()));
            conditions.add("at >= ?" + parameters.size());
        }
        if (filter.to() != null) {
            parameters.add(Timestamp.from(filter.to()));
            conditions.add("at < ?" + parameters.size());
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static void bind(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return ((OffsetDateTime) value).toInstant();
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
