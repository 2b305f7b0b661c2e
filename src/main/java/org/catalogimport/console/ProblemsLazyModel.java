package org.catalogimport.console;

import java.util.List;
import java.util.Locale;
import java.util.Set;
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
    private final long unfilteredCount;
    private final Locale locale;

    /**
     * @param unfilteredCount the session's problem count when it is final (skipped + warnings), or -1
     *                        while it runs: then problems are counted in SQL
     * @param locale          the page's language: a reason filter also finds the messages worded so in it
     */
    public ProblemsLazyModel(ImportSessions sessions, long sessionId, long unfilteredCount, Locale locale) {
        this.sessions = sessions;
        this.sessionId = sessionId;
        this.unfilteredCount = unfilteredCount;
        this.locale = locale;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        ProblemFilter filter = filter(filterBy);
        // why: every skipped item and warning of a session is one import_problem row, and a finished
        // session's counts no longer change; count(*) over a million rows cost ~100 ms per page view.
        long count = unfilteredCount >= 0 && filter.equals(ProblemFilter.NONE) ? unfilteredCount
                : sessions.countProblems(sessionId, filter);
        return Math.toIntExact(Math.min(Integer.MAX_VALUE, count));
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

    private ProblemFilter filter(Map<String, FilterMeta> filterBy) {
        String reason = value(filterBy, "reason");
        ProblemFilter filter = new ProblemFilter(value(filterBy, "kind"), reason,
                reason == null ? Set.of() : ProblemWording.keysContaining(reason, locale), value(filterBy, "file"));
        return filter.kind() == null && filter.reasonContains() == null && filter.fileContains() == null
                ? ProblemFilter.NONE : filter;
    }

    private static String value(Map<String, FilterMeta> filterBy, String field) {
        FilterMeta meta = filterBy == null ? null : filterBy.get(field);
        String text = meta == null || meta.getFilterValue() == null ? null : meta.getFilterValue().toString();
        return text == null || text.isBlank() ? null : text;
    }
}
