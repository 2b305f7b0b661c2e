package org.catalogimport.console;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.List;
import java.util.Optional;
import org.catalogimport.imports.ImportAgain;
import org.catalogimport.imports.ImportLauncher;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportSource;
import org.catalogimport.imports.CensusJson;
import org.catalogimport.imports.ImportSessions;
import org.catalogimport.imports.ImportStatus;
import org.catalogimport.imports.upload.PackageUpload;
import org.catalogimport.imports.upload.PackageUploads;
import org.catalogimport.platform.web.Caller;
import java.io.IOException;
import org.catalogimport.exchange.ExchangeHistory;

/**
 * Backs {@code /admin/session.xhtml?id=N}: one session with its change report and its problems
 * (paged, filtered and sorted in PostgreSQL), and the link to download them all as CSV.
 */
@Named
@ViewScoped
public class SessionDetailBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ImportSessions sessions;

    private Long id;
    private ImportSession session;
    private ChangeReport changeReport;
    private ProblemsLazyModel problems;
    private List<ExchangeHistory.ReceivedFile> receivedFiles = List.of();

    @Inject
    ExchangeHistory exchanges;

    /** The view action: loads the session named by the {@code id} parameter, or answers 404. */
    public void load() throws IOException {
        Optional<ImportSession> found = id == null ? Optional.empty() : sessions.find(id);
        if (found.isEmpty()) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "No import session " + id);
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        session = found.get();
        changeReport = ChangeReport.of(sessions.entityCountsJson(id));
        // why only COMPLETED: its counts are written with the last problems in one transaction; a
        // failed or cancelled session's counts may lag its last stored problems by a tick.
        problems = new ProblemsLazyModel(sessions, id,
                session.getStatus() == ImportStatus.COMPLETED ? session.getProblemCount() : -1, SessionFormat.locale());
        upload = session.getUploadId() == null ? null : uploads.find(session.getUploadId()).orElse(null);
        if (session.getSource() == ImportSource.EXCHANGE) {
            receivedFiles = exchanges.filesOf(id);
            told = exchanges.toldAbout(id).orElse(null);
        }
        againCheck = again.check(session);
        String census = sessions.censusJson(id);
        unread = CensusJson.unread(census);
        unused = CensusJson.unused(census);
    }

    @Inject
    PackageUploads uploads;

    private PackageUpload upload;

    @Inject
    ImportAgain again;

    @Inject
    Caller caller;

    private ImportAgain.Check againCheck;

    /** A failed or cancelled session whose files are still kept: the page offers "Import again". */
    public boolean isCanImportAgain() {
        return againCheck == ImportAgain.Check.POSSIBLE;
    }

    /** A failed or cancelled session whose files were deleted after their keep time. */
    public boolean isFilesGone() {
        return againCheck == ImportAgain.Check.FILES_GONE;
    }

    /**
     * Starts a new session that reads this one's files again and opens its page; stays here with a
     * message when it could not start (another import runs, the files went meanwhile).
     */
    public String importAgain() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (AdminOnly.refused(caller)) {
            return null;
        }
        ImportAgain.Result result = again.start(sessions.find(id).orElseThrow(), caller.actor(), ImportSource.CONSOLE);
        if (result.start() == null) {
            message(FacesMessage.SEVERITY_WARN, result.check() == ImportAgain.Check.FILES_GONE
                    ? "session.filesGone" : "session.importAgainRefused", id);
            return null;
        }
        ImportLauncher.StartResult started = result.start();
        switch (started.outcome()) {
            case STARTED -> {
                message(FacesMessage.SEVERITY_INFO, "session.importAgainStarted", started.session().getId(), id);
                faces.getExternalContext().getFlash().setKeepMessages(true);
                return "/admin/session?faces-redirect=true&id=" + started.session().getId();
            }
            case ALREADY_RUNNING -> message(FacesMessage.SEVERITY_WARN, "imports.alreadyRunning");
            default -> message(FacesMessage.SEVERITY_ERROR, "imports.startFailed", started.message());
        }
        return null;
    }

    private static void message(FacesMessage.Severity severity, String key, Object... arguments) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "msg");
        faces.addMessage(null, new FacesMessage(severity, new MessageFormat(bundle.getString(key),
                faces.getViewRoot().getLocale()).format(arguments), null));
    }

    private String told;
    private List<CensusJson.Place> unread = List.of();
    private List<CensusJson.Place> unused = List.of();

    /** For a session a 1C exchange started: what 1C was told when it ended. */
    public String getTold() {
        return told;
    }

    /** Where the package held items no reader read. */
    public List<CensusJson.Place> getUnread() {
        return unread;
    }

    /** Elements the import passed over as unknown or unused, once per path. */
    public List<CensusJson.Place> getUnused() {
        return unused;
    }

    /** The console upload this session read, if it read one: its files, who uploaded it and when. */
    public PackageUpload getUpload() {
        return upload;
    }

    /** For a session a 1C exchange started: the files 1C sent for it. */
    public List<ExchangeHistory.ReceivedFile> getReceivedFiles() {
        return receivedFiles;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public ImportSession getSession() {
        return session;
    }

    public ChangeReport getChangeReport() {
        return changeReport;
    }

    public ProblemsLazyModel getProblems() {
        return problems;
    }
}
