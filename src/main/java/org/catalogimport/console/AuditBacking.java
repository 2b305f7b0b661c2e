package org.catalogimport.console;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.catalogimport.imports.retention.HistoryRetention;
import org.catalogimport.platform.audit.AuditAction;
import org.catalogimport.platform.audit.AuditFilter;
import org.catalogimport.platform.audit.AuditTrail;

/**
 * Backs {@code /admin/audit} (admin role): the audit trail newest first, paged in SQL, filtered by
 * action, user and a time range (the server's time zone, as every time on the console).
 */
@Named
@ViewScoped
public class AuditBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AuditTrail audit;

    @Inject
    HistoryRetention retention;

    private AuditAction action;
    private String user;
    private LocalDateTime from;
    private LocalDateTime to;
    private AuditLazyModel model;

    @PostConstruct
    void init() {
        model = new AuditLazyModel(audit);
    }

    /** The "Filter" button: the table reads the first page of what the filter now says. */
    public void filter() {
        ZoneId zone = ZoneId.systemDefault();
        model.setFilter(new AuditFilter(action, user == null || user.isBlank() ? null : user.trim(),
                from == null ? null : from.atZone(zone).toInstant(), to == null ? null : to.atZone(zone).toInstant()));
    }

    public AuditLazyModel getModel() {
        return model;
    }

    public List<AuditAction> getActions() {
        return List.of(AuditAction.values());
    }

    public int getRetentionDays() {
        return retention.auditRetentionDays();
    }

    public AuditAction getAction() {
        return action;
    }

    public void setAction(AuditAction action) {
        this.action = action;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public LocalDateTime getFrom() {
        return from;
    }

    public void setFrom(LocalDateTime from) {
        this.from = from;
    }

    public LocalDateTime getTo() {
        return to;
    }

    public void setTo(LocalDateTime to) {
        this.to = to;
    }
}
