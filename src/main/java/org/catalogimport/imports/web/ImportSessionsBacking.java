package org.catalogimport.imports.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import org.catalogimport.imports.ImportCancellation;
import org.catalogimport.imports.ImportLauncher;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportSessions;
import org.catalogimport.imports.ImportStatus;
import org.catalogimport.imports.retention.HistoryRetention;

/**
 * Backs {@code /admin/imports}: the sessions table, the start button, and the poll that refreshes
 * the page every 10 s while (and only while) an import runs. When a session this view watched
 * ends, the next refresh shows a success or error message.
 */
@Named
@ViewScoped
public class ImportSessionsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Inject
    ImportSessions sessions;

    @Inject
    ImportLauncher launcher;

    private ImportSessionsLazyModel model;
    private Long watchedSessionId;
    private transient Optional<ImportSession> running;

    @PostConstruct
    void init() {
        model = new ImportSessionsLazyModel(sessions);
        running().ifPresent(session -> watchedSessionId = session.getId());
    }

    @Inject
    ImportCancellation cancellation;

    @Inject
    HistoryRetention retention;

    /** For the footer: how long the history is kept. */
    public int getRetentionDays() {
        return retention.retentionDays();
    }

    /** The "Start import" button. Returns at once: the import runs on the server. */
    public void start() {
        launch(false);
    }

    /** The "Check package" button: a dry run, always rolled back. */
    public void check() {
        launch(true);
    }

    /** A row's "Cancel" button (after its confirmation). */
    public void cancel(long sessionId) {
        String user = FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
        ImportCancellation.Result result = cancellation.request(sessionId, user);
        running = null;
        switch (result.outcome()) {
            case REQUESTED -> message(FacesMessage.SEVERITY_INFO, "imports.cancelRequested", sessionId);
            case CANCELLED -> message(FacesMessage.SEVERITY_INFO, "imports.cancelledNow", sessionId);
            case ALREADY_FINISHED, NOT_FOUND -> message(FacesMessage.SEVERITY_WARN, "imports.cancelTooLate", sessionId);
        }
    }

    private void launch(boolean dryRun) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String user = faces.getExternalContext().getRemoteUser();
        ImportLauncher.StartResult result = launcher.start(user, false, dryRun);
        running = null;
        switch (result.outcome()) {
            case STARTED -> {
                watchedSessionId = result.session().getId();
                message(FacesMessage.SEVERITY_INFO, dryRun ? "imports.checkStarted" : "imports.started",
                        result.session().getId());
            }
            case ALREADY_RUNNING -> message(FacesMessage.SEVERITY_WARN, "imports.alreadyRunning");
            default -> message(FacesMessage.SEVERITY_ERROR, "imports.startFailed", result.message());
        }
    }

    /** The poll's listener: says how the watched session ended, once it has. */
    public void refresh() {
        running = null;
        if (watchedSessionId == null) {
            return;
        }
        sessions.find(watchedSessionId).filter(s -> s.getStatus().isFinal()).ifPresent(finished -> {
            watchedSessionId = null;
            if (finished.getStatus() == ImportStatus.COMPLETED) {
                message(FacesMessage.SEVERITY_INFO, finished.isDryRun() ? "imports.checkCompleted" : "imports.completed",
                        finished.getId(), finished.getProcessedItems(), finished.getSkippedItems(), finished.getWarningItems());
            } else if (finished.getStatus() == ImportStatus.CANCELLED) {
                message(FacesMessage.SEVERITY_INFO, "imports.cancelledMessage", finished.getId(), finished.getErrorMessage());
            } else {
                message(FacesMessage.SEVERITY_ERROR, "imports.failed", finished.getId(), finished.getErrorMessage());
            }
        });
        if (watchedSessionId == null) {
            running().ifPresent(session -> watchedSessionId = session.getId());
        }
    }

    /** True while any session in the cluster is running: renders the poll and disables the button. */
    public boolean isImportRunning() {
        return running().isPresent();
    }

    /** The poll also runs while a session this view started has not finished yet (PENDING included). */
    public boolean isPolling() {
        return isImportRunning() || watchedSessionId != null;
    }

    private Optional<ImportSession> running() {
        if (running == null) {
            running = sessions.running();
        }
        return running;
    }

    public ImportSessionsLazyModel getModel() {
        return model;
    }

    public ImportStatus[] getStatuses() {
        return ImportStatus.values();
    }

    /** PrimeIcons class of a status (the "all" entry of the filter has none of its own). */
    public String icon(ImportStatus status) {
        if (status == null) {
            return "pi-filter";
        }
        return switch (status) {
            case PENDING -> "pi-clock";
            case RUNNING -> "pi-spin pi-spinner";
            case COMPLETED -> "pi-check-circle";
            case FAILED -> "pi-times-circle";
            case CANCELLED -> "pi-ban";
        };
    }

    public List<ImportSessions.Problem> problems(ImportSession session) {
        return sessions.problems(session.getId(), 100);
    }

    public String entityCounts(ImportSession session) {
        return sessions.entityCountsJson(session.getId());
    }

    /** Progress in percent for the progress bar. */
    public int percent(ImportSession session) {
        if (session.getTotalItems() <= 0) {
            return session.getStatus() == ImportStatus.COMPLETED ? 100 : 0;
        }
        return (int) Math.min(100, session.getProcessedItems() * 100 / session.getTotalItems());
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

    /** Seconds under a minute, then minutes and seconds; "running for ..." while it runs. */
    public String duration(ImportSession session) {
        Duration duration = session.duration();
        if (duration == null) {
            if (session.getStatus().isFinal()) {
                return "";
            }
            return MessageFormat.format(bundle().getString("imports.runningFor"),
                    format(Duration.between(session.getStartedAt(), Instant.now())));
        }
        return format(duration);
    }

    static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }

    private void message(FacesMessage.Severity severity, String key, Object... arguments) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String text = MessageFormat.format(bundle().getString(key), arguments);
        faces.addMessage(null, new FacesMessage(severity, text, null));
    }

    private ResourceBundle bundle() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces.getApplication().getResourceBundle(faces, "msg");
    }
}
