package org.catalogimport.imports.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportSessions;
import org.catalogimport.imports.ImportStatus;

/** Backs {@code /admin/imports}: the table of import sessions. */
@Named
@ViewScoped
public class ImportSessionsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ImportSessions sessions;

    private ImportSessionsLazyModel model;

    @PostConstruct
    void init() {
        model = new ImportSessionsLazyModel(sessions);
    }

    public ImportSessionsLazyModel getModel() {
        return model;
    }

    public ImportStatus[] getStatuses() {
        return ImportStatus.values();
    }

    /** Seconds under a minute, then minutes and seconds; empty while the session runs. */
    public String duration(ImportSession session) {
        Duration duration = session.duration();
        if (duration == null) {
            return "";
        }
        long seconds = duration.toSeconds();
        return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }
}
