package org.catalogimport.console;

import java.util.List;
import java.util.Map;
import org.catalogimport.platform.audit.AuditEvent;
import org.catalogimport.platform.audit.AuditFilter;
import org.catalogimport.platform.audit.AuditTrail;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** Pages the audit trail out of PostgreSQL (count and page in SQL), newest first; one page in memory. */
public class AuditLazyModel extends LazyDataModel<AuditEvent> {

    private static final long serialVersionUID = 1L;

    private final AuditTrail audit;
    private AuditFilter filter = AuditFilter.ALL;

    AuditLazyModel(AuditTrail audit) {
        this.audit = audit;
    }

    void setFilter(AuditFilter filter) {
        this.filter = filter;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return Math.toIntExact(audit.count(filter));
    }

    @Override
    public List<AuditEvent> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        return audit.page(filter, first, pageSize);
    }

    @Override
    public String getRowKey(AuditEvent event) {
        return String.valueOf(event.id());
    }
}
