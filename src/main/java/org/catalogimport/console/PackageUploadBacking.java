package org.catalogimport.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.catalogimport.commerceml.Text;
import org.catalogimport.imports.ImportSessions;
import org.catalogimport.imports.upload.PackageUpload;
import org.catalogimport.imports.upload.PackageUploader;
import org.catalogimport.imports.upload.PackageUploads;
import org.catalogimport.imports.upload.UploadSettings;
import org.catalogimport.platform.web.Caller;
import org.primefaces.model.file.UploadedFile;
import org.primefaces.model.file.UploadedFiles;

/**
 * Backs the upload form and the pending upload in the package panel of {@code /admin/imports}. The
 * form posts multipart with the view's state (the console's CSRF protection); the container spools
 * the files to disk (web.xml multipart-config) and they are streamed from there into the upload
 * folder, never held in memory.
 */
@Named
@RequestScoped
public class PackageUploadBacking {

    private static final Logger LOG = Logger.getLogger(PackageUploadBacking.class.getName());

    @Inject
    PackageUploader uploader;

    @Inject
    PackageUploads uploads;

    @Inject
    UploadSettings settings;

    @Inject
    ImportSessions sessions;

    @Inject
    Caller caller;

    private static final String FORM = "upload";

    private UploadedFiles files;
    private Optional<PackageUpload> pending;
    private Optional<Long> pendingImportedBy;

    /** The "Upload" button. */
    public void upload() {
        List<UploadedFile> received = files == null || files.getFiles() == null ? List.of() : files.getFiles();
        try {
            if (AdminOnly.refused(caller)) {
                return;
            }
            PackageUpload upload = uploader.accept(received.stream().map(Incoming::new).toList(), caller.actor());
            pending = Optional.of(upload);
            pendingImportedBy = null;
            message(FORM, FacesMessage.SEVERITY_INFO, "upload.accepted", upload.getNames());
        } catch (PackageUploader.Refused refused) {
            message(FORM, FacesMessage.SEVERITY_ERROR, refused.key(), refused.arguments());
        } finally {
            for (UploadedFile file : received) {
                try {
                    file.delete();
                } catch (IOException e) {
                    LOG.log(Level.FINE, "spooled upload part not deleted", e);
                }
            }
        }
    }

    /** The "Discard upload" button (after its confirmation). */
    public void discard(long id) {
        if (AdminOnly.refused(caller)) {
            return;
        }
        if (uploader.discard(id, caller.actor())) {
            message(null, FacesMessage.SEVERITY_INFO, "upload.discarded", id);
        } else {
            message(null, FacesMessage.SEVERITY_WARN, "upload.notPending", id);
        }
        pending = null;
        pendingImportedBy = null;
    }

    /** The upload that the next "Start import" reads, if one is pending (one indexed query per request). */
    public PackageUpload getPending() {
        if (pending == null) {
            pending = uploads.pending();
        }
        return pending.orElse(null);
    }

    /**
     * The completed import that already read this exact package (the same fingerprint, whether it
     * came from the import folder or an earlier upload), or null: one indexed query per request.
     */
    public Long getPendingImportedBy() {
        if (pendingImportedBy == null) {
            PackageUpload upload = getPending();
            pendingImportedBy = upload == null || upload.fingerprint() == null ? Optional.empty()
                    : sessions.lastCompletedWith(upload.fingerprint());
        }
        return pendingImportedBy.orElse(null);
    }

    /** "up to 2048 MiB per file, 4096 MiB in all", for the form's hint. */
    public String getLimits() {
        Locale locale = SessionFormat.locale();
        return MessageFormat.format(text("upload.limits"), Text.mebibytes(settings.maxFileBytes()).in(locale),
                Text.mebibytes(settings.maxTotalBytes()).in(locale));
    }

    public UploadedFiles getFiles() {
        return files;
    }

    public void setFiles(UploadedFiles files) {
        this.files = files;
    }

    /**
     * The upload form's own messages stay on the page (the growl fades after 8 s); an argument that
     * is a {@link Text} (a size, a refusal's reason) is written in the page's language.
     */
    private static void message(String clientId, FacesMessage.Severity severity, String key, Object... arguments) {
        Object[] shown = arguments.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof Text text) {
                shown[i] = text.in(SessionFormat.locale());
            }
        }
        FacesContext.getCurrentInstance().addMessage(clientId,
                new FacesMessage(severity, MessageFormat.format(text(key), shown), null));
    }

    private static String text(String key) {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces.getApplication().getResourceBundle(faces, "msg").getString(key);
    }

    /** A part the container spooled, as the uploader reads it. */
    private record Incoming(UploadedFile file) implements PackageUploader.IncomingFile {
        @Override
        public String name() {
            return file.getFileName();
        }

        @Override
        public long size() {
            return file.getSize();
        }

        @Override
        public InputStream open() throws IOException {
            return file.getInputStream();
        }
    }
}
