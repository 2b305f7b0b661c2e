package org.catalogimport.console;

import java.util.List;
import java.util.Map;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportSessions;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * Pages import sessions out of PostgreSQL (count and page queries in SQL), newest first,
 * optionally filtered by status; the table never holds more than one page in memory.
 */
public class ImportSessionsLazyModel extends LazyDataModel<ImportSession> {

    private static final long serialVersionUID = 1L;

    private final ImportSessions sessions;
    private final UnfilteredSessionCount unfilteredCount;

    public ImportSessionsLazyModel(ImportSessions sessions, UnfilteredSessionCount unfilteredCount) {
        this.sessions = sessions;
        this.unfilteredCount = unfilteredCount;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        ShownStatus.Filter filter = statusFilter(filterBy);
        if (filter.status() == null && filter.withProblems() == null) {
            return Math.toIntExact(unfilteredCount.get());
        }
        return Math.toIntExact(sessions.count(filter.status(), filter.withProblems()));
    }

    @Override
    public List<ImportSession> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                    Map<String, FilterMeta> filterBy) {
        SortMeta sort = sortBy == null ? null : sortBy.values().stream().findFirst().orElse(null);
        ImportSessions.SortColumn column = sort == null ? ImportSessions.SortColumn.STARTED : switch (sort.getField()) {
            case "id" -> ImportSessions.SortColumn.ID;
            case "status" -> ImportSessions.SortColumn.STATUS;
            case "finishedAt" -> ImportSessions.SortColumn.FINISHED;
            case "triggeredBy" -> ImportSessions.SortColumn.TRIGGERED_BY;
            default -> ImportSessions.SortColumn.STARTED;
        };
        boolean ascending = sort != null && sort.getOrder() == SortOrder.ASCENDING;
        ShownStatus.Filter filter = statusFilter(filterBy);
        return sessions.page(filter.status(), filter.withProblems(), column, ascending, first, pageSize);
    }

    @Override
    public String getRowKey(ImportSession session) {
        return String.valueOf(session.getId());
    }

    @Override
    public ImportSession getRowData(String rowKey) {
        return sessions.find(Long.parseLong(rowKey)).orElse(null);
    }

    private static ShownStatus.Filter statusFilter(Map<String, FilterMeta> filterBy) {
        FilterMeta meta = filterBy == null ? null : filterBy.get("status");
        return ShownStatus.filter(meta == null || meta.getFilterValue() == null ? null : meta.getFilterValue().toString());
    }
}
