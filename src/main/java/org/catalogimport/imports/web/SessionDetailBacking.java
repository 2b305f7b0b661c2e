package org.catalogimport.imports.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Optional;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportSessions;
import org.catalogimport.imports.ImportStatus;
import org.catalogimport.imports.upload.PackageUpload;
import org.catalogimport.imports.upload.PackageUploads;

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
    private java.util.List<org.catalogimport.exchange.ExchangeHistory.ReceivedFile> receivedFiles = java.util.List.of();

    @Inject
    org.catalogimport.exchange.ExchangeHistory exchanges;

    /** The view action: loads the session named by the {@code id} parameter, or answers 404. */
    public void load() throws java.io.IOException {
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
        if (session.getSource() == org.catalogimport.imports.ImportSource.EXCHANGE) {
            receivedFiles = exchanges.filesOf(id);
        }
    }

    @Inject
    PackageUploads uploads;

    private PackageUpload upload;

    /** The console upload this session read, if it read one: its files, who uploaded it and when. */
    public PackageUpload getUpload() {
        return upload;
    }

    /** For a session a 1C exchange started: the files 1C sent for it. */
    public java.util.List<org.catalogimport.exchange.ExchangeHistory.ReceivedFile> getReceivedFiles() {
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
