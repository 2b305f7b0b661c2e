package org.catalogimport.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.catalogimport.commerceml.PackageFolder;
import org.catalogimport.platform.audit.Actor;

/**
 * Imports again a failed or cancelled session whose package is still kept: an exchange's files or
 * a console upload, which stay on disk for a while after the import (the exchange's keep time, the
 * upload until it is imported or discarded). The new session reads the very same folder and says
 * which one it repeats. A session that read the import folder is not repeated: that folder may hold
 * another package by now, and "Start import" reads it anyway.
 */
@ApplicationScoped
public class ImportAgain {

    /** Why a session can or cannot be imported again. */
    public enum Check { POSSIBLE, NOT_ENDED_BADLY, IMPORT_FOLDER, FILES_GONE }

    /** How a request to import again ended; {@code session} is the new one when started, else the old. */
    public record Result(Check check, ImportLauncher.StartResult start) {
    }

    @Inject
    ImportLauncher launcher;

    /** Whether {@code session} can be imported again now (its files may go later). */
    public Check check(ImportSession session) {
        if (session.getStatus() != ImportStatus.FAILED && session.getStatus() != ImportStatus.CANCELLED) {
            return Check.NOT_ENDED_BADLY;
        }
        Optional<Path> dir = session.packageDir();
        if (dir.isEmpty()) {
            return Check.IMPORT_FOLDER;
        }
        return PackageFolder.holdsFiles(dir.get()) ? Check.POSSIBLE : Check.FILES_GONE;
    }

    /** Whether the package {@code session} read is still on disk (the session page says when it is gone). */
    public boolean filesKept(ImportSession session) {
        return session.packageDir().map(PackageFolder::holdsFiles).orElse(false);
    }

    /** Starts the new session when {@link #check} allows it, with the same kind (import or check) as the old. */
    public Result start(ImportSession session, Actor actor, ImportSource source) {
        Check check = check(session);
        if (check != Check.POSSIBLE) {
            return new Result(check, null);
        }
        ImportRequest request = ImportRequest.of(actor, source).asDryRun(session.isDryRun());
        request = session.getUploadId() != null
                ? request.readingUpload(session.getUploadId(), session.packageDir().orElseThrow())
                : request.reading(session.packageDir().orElseThrow(), session.getSourceReference());
        return new Result(check, launcher.start(request.repeating(session.getId())));
    }
}
