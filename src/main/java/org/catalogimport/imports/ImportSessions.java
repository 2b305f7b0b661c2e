package org.catalogimport.imports;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import jakarta.persistence.Query;

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

    /**
     * Stores a new session, committed when this returns, whatever transaction the caller runs in. Why:
     * the launcher hands the session to a worker on another thread at once; a worker that did not see
     * the row found no pending session and failed the import with "another import is running". Seen
     * once in CI when the exchange's starter of waiting imports, a timer declared NOT_SUPPORTED, started
     * an import: Payara is reported to open a transaction around timer callbacks all the same
     * (payara/Payara#4826), which would hold the new row uncommitted until the timer returned.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ImportSession create(ImportSession session) {
        entityManager.persist(session);
        return session;
    }

    public Optional<ImportSession> find(long id) {
        return Optional.ofNullable(entityManager.find(ImportSession.class, id));
    }

    /** Columns the console may sort by (a whitelist: the name goes into the query). */
    public enum SortColumn {
        ID("s.id", false), STATUS("s.status", false), STARTED("s.startedAt", false), FINISHED("s.finishedAt", true),
        TRIGGERED_BY("s.triggeredBy", false);

        private final String path;
        private final boolean nullable;

        SortColumn(String path, boolean nullable) {
            this.path = path;
            this.nullable = nullable;
        }

        /**
         * The ORDER BY clause, ties newest first. why: the default sort (started, descending) must be
         * exactly "started_at desc, id desc" to walk import_session_started_at_idx and stop after one
         * page; a "nulls last" on a NOT NULL column, or started_at named twice, made PostgreSQL sort
         * all 100k rows on every page and poll.
         */
        String orderBy(boolean ascending) {
            String direction = ascending ? " asc" : " desc";
            return switch (this) {
                case STARTED -> "s.startedAt" + direction + ", s.id" + direction;
                case ID -> "s.id" + direction;
                default -> path + direction + (nullable ? " nulls last" : "") + ", s.startedAt desc, s.id desc";
            };
        }
    }

    /** A page of sessions, newest first, optionally only those in {@code status}. */
    public List<ImportSession> page(ImportStatus status, int first, int size) {
        return page(status, SortColumn.STARTED, false, first, size);
    }

    /** A page of sessions sorted by {@code column} (ties: newest first). */
    public List<ImportSession> page(ImportStatus status, SortColumn column, boolean ascending, int first, int size) {
        return page(status, null, column, ascending, first, size);
    }

    /**
     * A page of sessions sorted by {@code column} (ties: newest first); {@code withProblems} true
     * keeps only sessions with skipped items or warnings, false only those without, null both.
     */
    public List<ImportSession> page(ImportStatus status, Boolean withProblems, SortColumn column, boolean ascending,
                                    int first, int size) {
        // why no "(:status is null or ...)": a condition that is always true still keeps PostgreSQL's
        // generic plan (used after five executions) from trusting the index order.
        var query = entityManager.createQuery("select s from ImportSession s where 1 = 1"
                + (status == null ? "" : " and s.status = :status") + problems(withProblems)
                + " order by " + column.orderBy(ascending), ImportSession.class);
        if (status != null) {
            query.setParameter("status", status);
        }
        return query
                .setFirstResult(first)
                .setMaxResults(size)
                .getResultList();
    }

    /**
     * The newest session that is PENDING or RUNNING: who holds the lock when a start is refused (a
     * session is PENDING for the few milliseconds between its start and its worker taking it up).
     */
    public Optional<ImportSession> active() {
        return entityManager.createQuery("select s from ImportSession s where s.status in (:pending, :running)"
                        + " order by s.id desc", ImportSession.class)
                .setParameter("pending", ImportStatus.PENDING)
                .setParameter("running", ImportStatus.RUNNING)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    public Optional<ImportSession> running() {
        return entityManager.createQuery("select s from ImportSession s where s.status = :running", ImportSession.class)
                .setParameter("running", ImportStatus.RUNNING)
                .getResultStream().findFirst();
    }

    /**
     * A problem of an import: skipped or warning, what, where, why ({@code reason} in English, and as
     * a message key with its JSON arguments for the reader's language; no key before V17).
     */
    public record Problem(String kind, String entity, String itemId, String file, Long line, String reason,
                          @JsonbTransient String reasonKey, @JsonbTransient String reasonArgs) {
        // why getters: Jakarta EL 5 (EE 10) reads bean properties, not record components; transient
        // for JSON-B, which would otherwise add every one of them to the API answer as "getKind"...
        @JsonbTransient
        public String getKind() {
            return kind;
        }
        @JsonbTransient
        public String getEntity() {
            return entity;
        }
        @JsonbTransient
        public String getItemId() {
            return itemId;
        }
        @JsonbTransient
        public String getFile() {
            return file;
        }
        @JsonbTransient
        public Long getLine() {
            return line;
        }
        @JsonbTransient
        public String getReason() {
            return reason;
        }
        /** The reason in {@code locale}: its key and arguments, or the English text of an older row. */
        public String reasonIn(Locale locale) {
            return StoredText.shown(reasonKey, reasonArgs, reason, locale);
        }
    }

    /** The first {@code limit} problems of a session, skipped items first, in the order they were found. */
    public List<Problem> problems(long sessionId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select kind, entity, item_id, file, line, reason, reason_key, reason_args
                        from import_problem where session_id = ?1
                        order by kind, id""")
                .setParameter(1, sessionId)
                .setMaxResults(limit)
                .getResultList();
        return rows.stream().map(ImportSessions::problem).toList();
    }

    private static Problem problem(Object[] r) {
        return new Problem((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                r[4] == null ? null : ((Number) r[4]).longValue(), (String) r[5], (String) r[6], (String) r[7]);
    }

    /**
     * Filters of the problems list; null or blank means "any". A reason matches when its English
     * text or one of its arguments contains {@code reasonContains}, or when its message is one of
     * {@code reasonKeys} (the messages whose wording in the reader's language contains it).
     */
    public record ProblemFilter(String kind, String reasonContains, Set<String> reasonKeys, String fileContains) {
        public static final ProblemFilter NONE = new ProblemFilter(null, null, Set.of(), null);
    }

    /** Columns the problems list may sort by (a whitelist: the name goes into the query). */
    public enum ProblemSort {
        FOUND("id"), KIND("kind"), ITEM("item_id"), FILE("file"), REASON("reason");

        private final String column;

        ProblemSort(String column) {
            this.column = column;
        }
    }

    public long countProblems(long sessionId, ProblemFilter filter) {
        var query = entityManager.createNativeQuery("select count(*) from import_problem where session_id = ?1"
                + problemConditions(filter));
        bindProblemFilter(query.setParameter(1, sessionId), filter);
        return ((Number) query.getSingleResult()).longValue();
    }

    /** One page of a session's problems, filtered and sorted in SQL (ties: in the order they were found). */
    public List<Problem> problemPage(long sessionId, ProblemFilter filter, ProblemSort sort, boolean ascending,
                                     int first, int size) {
        String order = sort.column + (ascending ? " asc" : " desc") + " nulls last"
                + (sort == ProblemSort.FILE ? ", line" + (ascending ? " asc" : " desc") : "") + ", id";
        var query = entityManager.createNativeQuery("select kind, entity, item_id, file, line, reason, reason_key,"
                + " reason_args from import_problem"
                + " where session_id = ?1" + problemConditions(filter) + " order by " + order);
        bindProblemFilter(query.setParameter(1, sessionId), filter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.setFirstResult(first).setMaxResults(size).getResultList();
        return rows.stream().map(ImportSessions::problem).toList();
    }

    private static String problemConditions(ProblemFilter filter) {
        return (present(filter.kind()) ? " and kind = ?2" : "")
                + (present(filter.reasonContains()) ? " and (reason ilike ?3 escape '\\' or reason_args ilike ?3 escape '\\'"
                        + (filter.reasonKeys().isEmpty() ? "" : " or reason_key in (?5)") + ")" : "")
                + (present(filter.fileContains()) ? " and file ilike ?4 escape '\\'" : "");
    }

    private static void bindProblemFilter(Query query, ProblemFilter filter) {
        if (present(filter.kind())) {
            query.setParameter(2, filter.kind());
        }
        if (present(filter.reasonContains())) {
            query.setParameter(3, contains(filter.reasonContains()));
            if (!filter.reasonKeys().isEmpty()) {
                query.setParameter(5, List.copyOf(filter.reasonKeys()));
            }
        }
        if (present(filter.fileContains())) {
            query.setParameter(4, contains(filter.fileContains()));
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** A LIKE pattern that matches {@code text} literally anywhere. */
    private static String contains(String text) {
        return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The newest completed session that imported the package with this fingerprint. */
    public Optional<Long> lastCompletedWith(String packageFingerprint) {
        return entityManager.createQuery("select s.id from ImportSession s where s.packageFingerprint = :fingerprint"
                        + " and s.status = :completed order by s.startedAt desc", Long.class)
                .setParameter("fingerprint", packageFingerprint)
                .setParameter("completed", ImportStatus.COMPLETED)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** The per-entity counts of a finished import, as stored JSON. */
    public String entityCountsJson(long sessionId) {
        Object json = entityManager.createNativeQuery("select entity_counts::text from import_session where id = ?1")
                .setParameter(1, sessionId).getSingleResult();
        return json == null ? "{}" : json.toString();
    }

    /** What the import's census found (see {@link CensusJson}), null when nothing or an older session. */
    public String censusJson(long sessionId) {
        Object json = entityManager.createNativeQuery("select census::text from import_session where id = ?1")
                .setParameter(1, sessionId).getSingleResult();
        return json == null ? null : json.toString();
    }

    /** The id of the newest session, 0 when there is none (an index probe). */
    public long newestId() {
        Long newest = entityManager.createQuery("select max(s.id) from ImportSession s", Long.class).getSingleResult();
        return newest == null ? 0 : newest;
    }

    public long count(ImportStatus status) {
        return count(status, null);
    }

    public long count(ImportStatus status, Boolean withProblems) {
        var query = entityManager.createQuery("select count(s) from ImportSession s where 1 = 1"
                + (status == null ? "" : " and s.status = :status") + problems(withProblems), Long.class);
        if (status != null) {
            query.setParameter("status", status);
        }
        return query.getSingleResult();
    }

    private static String problems(Boolean withProblems) {
        if (withProblems == null) {
            return "";
        }
        return withProblems ? " and s.skippedItems + s.warningItems > 0" : " and s.skippedItems + s.warningItems = 0";
    }
}
