package org.catalogimport.imports.web;

import java.util.List;
import java.util.Map;
import org.catalogimport.imports.ImportSessions;
import org.catalogimport.imports.ImportSessions.Problem;
import org.catalogimport.imports.ImportSessions.ProblemFilter;
import org.catalogimport.imports.ImportSessions.ProblemSort;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * Pages one session's problems out of PostgreSQL: count, filter (kind, reason text, file) and sort
 * in SQL, so a session with a million problems pages as fast as one with ten.
 */
public class ProblemsLazyModel extends LazyDataModel<Problem> {

    private static final long serialVersionUID = 1L;

    private final ImportSessions sessions;
    private final long sessionId;

    public ProblemsLazyModel(ImportSessions sessions, long sessionId) {
        this.sessions = sessions;
        this.sessionId = sessionId;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return Math.toIntExact(Math.min(Integer.MAX_VALUE, sessions.countProblems(sessionId, filter(filterBy))));
    }

    @Override
    public List<Problem> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        SortMeta sort = sortBy == null ? null : sortBy.values().stream().findFirst().orElse(null);
        ProblemSort column = sort == null ? ProblemSort.FOUND : switch (sort.getField()) {
            case "kind" -> ProblemSort.KIND;
            case "itemId" -> ProblemSort.ITEM;
            case "file" -> ProblemSort.FILE;
            case "reason" -> ProblemSort.REASON;
            default -> ProblemSort.FOUND;
        };
        boolean ascending = sort == null || sort.getOrder() != SortOrder.DESCENDING;
        return sessions.problemPage(sessionId, filter(filterBy), column, ascending, first, pageSize);
    }

    @Override
    public String getRowKey(Problem problem) {
        return null;
    }

    private static ProblemFilter filter(Map<String, FilterMeta> filterBy) {
        return new ProblemFilter(value(filterBy, "kind"), value(filterBy, "reason"), value(filterBy, "file"));
    }

    private static String value(Map<String, FilterMeta> filterBy, String field) {
        FilterMeta meta = filterBy == null ? null : filterBy.get(field);
        return meta == null || meta.getFilterValue() == null ? null : meta.getFilterValue().toString();
    }
}
