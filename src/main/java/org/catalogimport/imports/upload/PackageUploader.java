package org.catalogimport.imports.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.catalogimport.commerceml.PackageException;
import org.catalogimport.commerceml.PackageFolder;
import org.catalogimport.commerceml.PackagePreview;
import org.catalogimport.commerceml.Text;
import org.catalogimport.commerceml.UploadedPackageCheck;
import org.catalogimport.imports.ImportSettings;
import org.catalogimport.platform.audit.Actor;
import org.catalogimport.platform.audit.AuditAction;
import org.catalogimport.platform.audit.AuditTrail;

/**
 * Turns the files of one upload into the next package, or refuses them with nothing stored:
 * limits first (from the sizes the container measured while it spooled the parts to disk), then
 * the files are streamed into a new folder of their own, checked ({@link UploadedPackageCheck}),
 * and only then recorded. A refusal deletes the folder.
 */
@ApplicationScoped
public class PackageUploader {

    private static final Logger LOG = Logger.getLogger(PackageUploader.class.getName());

    /** One uploaded file as the container received it (spooled to disk, not held in memory). */
    public interface IncomingFile {
        String name();

        long size();

        InputStream open() throws IOException;
    }

    /**
     * Why an upload was refused: a message key of the console's bundle and its arguments; an
     * argument that is a {@link Text} (a size, the check's reason) is read in the reader's language.
     */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final transient Object[] arguments;

        Refused(String key, Object... arguments) {
            super(key, null, false, false);
            this.key = key;
            this.arguments = arguments;
        }

        public String key() {
            return key;
        }

        public Object[] arguments() {
            return arguments.clone();
        }
    }

    @Inject
    UploadSettings settings;

    @Inject
    ImportSettings importSettings;

    @Inject
    PackageUploads uploads;

    @Inject
    AuditTrail audit;

    private final Clock clock = Clock.systemUTC();

    /** Checks and stores {@code files} as the next package, uploaded by {@code user}. */
    public PackageUpload accept(List<? extends IncomingFile> files, Actor actor) throws Refused {
        String user = actor.user();
        if (files.isEmpty()) {
            throw new Refused("upload.refused.nothing");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (IncomingFile file : files) {
            String name;
            try {
                name = UploadedPackageCheck.safeName(file.name());
            } catch (PackageException e) {
                throw new Refused("upload.refused.check", e.text());
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new Refused("upload.refused.twice", name);
            }
            if (file.size() > settings.maxFileBytes()) {
                throw new Refused("upload.refused.fileTooLarge", name, mebibytes(file.size()), mebibytes(settings.maxFileBytes()));
            }
            total += file.size();
            names.add(name);
        }
        if (total > settings.maxTotalBytes()) {
            throw new Refused("upload.refused.totalTooLarge", mebibytes(total), mebibytes(settings.maxTotalBytes()));
        }
        Path folder = newFolder();
        try {
            for (int i = 0; i < files.size(); i++) {
                store(files.get(i), folder.resolve(names.get(i)));
            }
            PackagePreview preview = new UploadedPackageCheck(importSettings.readLimits()).check(folder);
            PackageUpload upload = uploads.record(folder, names, total, preview, user, clock.instant());
            audit.record(actor, AuditAction.UPLOAD_STORED, "upload " + upload.id() + ": " + String.join(", ", names)
                    + " (" + total + " bytes)");
            LOG.info(() -> "Upload " + upload.id() + " by " + user + " accepted: " + String.join(", ", names)
                    + " (" + upload.totalBytes() + " bytes) in " + folder);
            deleteUnneededFolders();
            return upload;
        } catch (PackageException e) {
            delete(folder);
            LOG.info(() -> "Upload by " + user + " refused: " + e.getMessage());
            throw new Refused("upload.refused.check", e.text());
        } catch (IOException | RuntimeException e) {
            delete(folder);
            LOG.log(Level.WARNING, "Upload by " + user + " could not be stored", e);
            throw new Refused("upload.refused.storage", e.getMessage());
        }
    }

    /** Discards the pending upload {@code id}: it is no longer the next package; its files go. */
    public boolean discard(long id, Actor actor) {
        String user = actor.user();
        boolean discarded = uploads.discard(id, user, clock.instant());
        if (discarded) {
            audit.record(actor, AuditAction.UPLOAD_DISCARDED, "upload " + id);
            LOG.info(() -> "Upload " + id + " discarded by " + user);
            deleteUnneededFolders();
        }
        return discarded;
    }

    private Path newFolder() throws Refused {
        try {
            Files.createDirectories(settings.folder());
            // why a random name: two nodes (shared storage) or two admins never write into one folder.
            return Files.createDirectory(settings.folder().resolve("upload-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new Refused("upload.refused.storage", e.getMessage());
        }
    }

    private static void store(IncomingFile file, Path target) throws IOException {
        try (InputStream in = file.open()) {
            Files.copy(in, target);
        }
    }

    /** Keeps the upload folder to the pending upload and what a running import still reads. */
    private void deleteUnneededFolders() {
        try {
            uploads.foldersNoLongerNeeded().stream().filter(Files::isDirectory).forEach(PackageUploader::delete);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Old upload folders could not be cleaned up", e);
        }
    }

    static void delete(Path folder) {
        try {
            PackageFolder.deleteTree(folder);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Upload folder " + folder + " could not be deleted", e);
        }
    }

    private static Text mebibytes(long bytes) {
        return Text.mebibytes(bytes);
    }
}
