package org.catalogimport.console;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import org.catalogimport.imports.ImportCancellation;
import org.catalogimport.imports.ImportLauncher;
import org.catalogimport.imports.ImportRequest;
import org.catalogimport.imports.ImportSource;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportSessions;
import org.catalogimport.imports.ImportStatus;
import org.catalogimport.imports.PackagePreviews;
import org.catalogimport.imports.retention.HistoryRetention;
import org.catalogimport.platform.web.Caller;

/**
 * Backs {@code /admin/imports}: the sessions table, the start button, and the poll that refreshes
 * the page every 10 s while (and only while) an import runs. When a session this view watched
 * ends, the next refresh shows a success or error message.
 */
@Named
@ViewScoped
public class ImportSessionsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ImportSessions sessions;

    @Inject
    ImportLauncher launcher;

    @Inject
    PackagePreviews packages;

    @Inject
    PackageUploadBacking uploads;

    @Inject
    UnfilteredSessionCount unfilteredCount;

    private boolean allowMassDeactivation;
    private transient PackagePreviews.Current nextPackage;

    private ImportSessionsLazyModel model;
    private Long watchedSessionId;
    private transient Optional<ImportSession> running;

    @PostConstruct
    void init() {
        model = new ImportSessionsLazyModel(sessions, unfilteredCount);
        running().ifPresent(session -> watchedSessionId = session.getId());
    }

    @Inject
    ImportCancellation cancellation;

    @Inject
    HistoryRetention retention;

    @Inject
    Caller caller;

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
        if (AdminOnly.refused(caller)) {
            return;
        }
        ImportCancellation.Result result = cancellation.request(sessionId, caller.actor());
        running = null;
        switch (result.outcome()) {
            case REQUESTED -> message(FacesMessage.SEVERITY_INFO, "imports.cancelRequested", sessionId);
            case CANCELLED -> message(FacesMessage.SEVERITY_INFO, "imports.cancelledNow", sessionId);
            case ALREADY_FINISHED, NOT_FOUND -> message(FacesMessage.SEVERITY_WARN, "imports.cancelTooLate", sessionId);
        }
    }

    private void launch(boolean dryRun) {
        if (AdminOnly.refused(caller)) {
            return;
        }
        ImportLauncher.StartResult result = launcher.start(ImportRequest.of(caller.actor(), ImportSource.CONSOLE)
                .allowingMassDeactivation(allowMassDeactivation && isNextPackageFull()).asDryRun(dryRun));
        allowMassDeactivation = false;
        running = null;
        nextPackage = null;
        switch (result.outcome()) {
            case STARTED -> {
                watchedSessionId = result.session().getId();
                message(FacesMessage.SEVERITY_INFO, dryRun ? "imports.checkStarted" : "imports.started",
                        result.session().getId());
            }
            case ALREADY_RUNNING -> message(FacesMessage.SEVERITY_WARN, "imports.alreadyRunning");
            default -> message(FacesMessage.SEVERITY_ERROR, "imports.startFailed", result.text().in(SessionFormat.locale()));
        }
    }

    /** The poll's listener: says how the watched session ended, once it has. */
    public void refresh() {
        running = null;
        nextPackage = null;
        if (watchedSessionId == null) {
            return;
        }
        sessions.find(watchedSessionId).filter(s -> s.getStatus().isFinal()).ifPresent(finished -> {
            watchedSessionId = null;
            if (finished.getStatus() == ImportStatus.COMPLETED && finished.isDryRun()) {
                message(FacesMessage.SEVERITY_INFO, "imports.checkCompleted", finished.getId(),
                        finished.getProcessedItems(), finished.getSkippedItems(), finished.getWarningItems());
            } else if (finished.getStatus() == ImportStatus.COMPLETED && finished.getProblemCount() > 0) {
                message(FacesMessage.SEVERITY_WARN, "imports.completedWithProblems", finished.getId(),
                        finished.getProcessedItems(), finished.getSkippedItems(), finished.getWarningItems(),
                        finished.getProblemCount());
            } else if (finished.getStatus() == ImportStatus.COMPLETED) {
                message(FacesMessage.SEVERITY_INFO, "imports.completed", finished.getId(), finished.getProcessedItems());
            } else if (finished.getStatus() == ImportStatus.CANCELLED) {
                message(FacesMessage.SEVERITY_INFO, "imports.cancelledMessage", finished.getId(),
                        finished.errorIn(SessionFormat.locale()));
            } else {
                message(FacesMessage.SEVERITY_ERROR, "imports.failed", finished.getId(),
                        finished.errorIn(SessionFormat.locale()));
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

    /** What the next "Start import" would read (cached by PackagePreviews until the folder changes). */
    public PackagePreviews.Current getNextPackage() {
        if (nextPackage == null) {
            nextPackage = packages.current();
        }
        return nextPackage;
    }

    /** A full exchange, or a zip whose sections are not known before it is unpacked: offer "allow mass deactivation". */
    public boolean isNextPackageFull() {
        var upload = uploads.getPending();
        if (upload != null) {
            return upload.getFullExchange() == null || upload.getFullExchange();
        }
        return getNextPackage().preview().map(p -> p.fullExchange().orElse(true)).orElse(false);
    }

    public boolean isAllowMassDeactivation() {
        return allowMassDeactivation;
    }

    public void setAllowMassDeactivation(boolean allowMassDeactivation) {
        this.allowMassDeactivation = allowMassDeactivation;
    }

    public String joined(List<String> values) {
        return String.join(", ", values);
    }

    /** Megabytes with one decimal, for the package panel: "1.2" in English, "1,2" in Russian. */
    public String megabytes(long bytes) {
        return String.format(SessionFormat.locale(), "%.1f", bytes / 1e6);
    }

    /** The status filter's options: every status, and "completed with problems" next to "completed". */
    public List<String> getStatuses() {
        return ShownStatus.filterOptions();
    }

    /** Progress in percent for the progress bar. */
    public int percent(ImportSession session) {
        if (session.getTotalItems() <= 0) {
            return session.getStatus() == ImportStatus.COMPLETED ? 100 : 0;
        }
        return (int) Math.min(100, session.getProcessedItems() * 100 / session.getTotalItems());
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
