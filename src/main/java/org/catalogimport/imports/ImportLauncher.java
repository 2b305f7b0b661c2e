package org.catalogimport.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.catalogimport.imports.upload.PackageUploads;
import org.catalogimport.platform.RootCause;
import org.catalogimport.platform.audit.AuditAction;
import org.catalogimport.platform.audit.AuditTrail;
import org.catalogimport.platform.redis.RedissonImportLock;

/**
 * Starts the catalog import, at most one in the whole cluster: takes the Redis lock without
 * waiting, creates the session, hands the import to {@link ImportWorker} on a container thread and
 * returns at once (the page and the API never wait for an import). The worker releases the lock
 * when the import has ended, however it ends.
 */
@ApplicationScoped
public class ImportLauncher {

    private static final Logger LOG = Logger.getLogger(ImportLauncher.class.getName());

    @Inject
    RedissonImportLock lock;

    @Inject
    ImportSessions sessions;

    @Inject
    ImportWorker worker;

    @Inject
    ImportSettings settings;

    @Inject
    PackagePreviews packages;

    @Inject
    PackageUploads uploads;

    @Inject
    AuditTrail audit;

    private final Clock clock = Clock.systemUTC();

    /**
     * What a start says while another import runs, wherever that was found out: the Redis lock,
     * the RUNNING session in PostgreSQL, or the database fence (V3's one-running index).
     */
    public static final String ALREADY_RUNNING_MESSAGE = "An import is already running in the cluster.";

    /** How a start request ended. */
    public enum Outcome { STARTED, ALREADY_RUNNING, UNAVAILABLE, NOT_STARTED }

    public record StartResult(Outcome outcome, ImportSession session, String message) {
    }

    /** A console start of the configured import folder (kept for callers that need nothing else). */
    public StartResult start(String triggeredBy) {
        return start(ImportRequest.of(triggeredBy, ImportSource.CONSOLE));
    }

    /**
     * Takes the cluster's import lock without waiting and starts the import {@code request} asks
     * for; see {@link ImportRequest} for the options.
     */
    public StartResult start(ImportRequest request) {
        RedissonImportLock.Held held;
        try {
            held = lock.tryAcquire();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Import not started: Redis is unavailable", e);
            return new StartResult(Outcome.UNAVAILABLE, null,
                    "Redis is not available, so the cluster-wide import lock cannot be taken: " + RootCause.message(e));
        }
        if (held == null) {
            return new StartResult(Outcome.ALREADY_RUNNING, sessions.active().orElse(null), ALREADY_RUNNING_MESSAGE);
        }
        try {
            // why: Redis may have lost the lock (restart, failover, a dead node's lock expiring
            // before the watchdog fails its session); PostgreSQL still knows what runs.
            var running = sessions.running();
            if (running.isPresent()) {
                held.release();
                LOG.warning(() -> "Import not started: the Redis lock was free but session "
                        + running.get().getId() + " is RUNNING in the database");
                return new StartResult(Outcome.ALREADY_RUNNING, running.get(), ALREADY_RUNNING_MESSAGE);
            }
            // why here: the console and the API mean the same "next package"; while an upload is
            // pending (until a real import of it completes, or it is discarded) that is the upload.
            Long uploadId = null;
            if (request.packageDir() == null && request.source() != ImportSource.EXCHANGE) {
                var upload = uploads.pending();
                if (upload.isPresent()) {
                    uploadId = upload.get().id();
                    request = request.reading(upload.get().folder(), "upload " + uploadId);
                }
            }
            Path importDir = request.packageDir() == null ? settings.importDir() : request.packageDir();
            if (!Files.isDirectory(importDir)) {
                held.release();
                return new StartResult(Outcome.NOT_STARTED, null, request.packageDir() == null
                        ? "The import folder " + importDir + " does not exist (CATALOG_IMPORT_DIR)."
                        : "The package folder " + importDir + " does not exist"
                        + (uploadId == null ? "." : " (upload " + uploadId + "): discard the upload or upload it again."));
            }
            ImportSession fresh = new ImportSession(request.triggeredBy(), NodeName.get(), clock.instant())
                    .from(request.source(), request.sourceReference(), request.packageDir())
                    .allowingMassDeactivation(request.allowMassDeactivation())
                    .readingUpload(uploadId)
                    .readingPackage(request.packageDir() == null
                            ? packages.fingerprint().orElse(null) : packages.fingerprintOf(request.packageDir()).orElse(null));
            ImportSession session = sessions.save(request.dryRun() ? fresh.asDryRun() : fresh);
            audit.record(request.actor(), request.dryRun() ? AuditAction.IMPORT_CHECKED : AuditAction.IMPORT_STARTED,
                    "import " + session.getId() + " of " + (request.sourceReference() == null ? importDir
                            : request.sourceReference()));
            worker.run(session.getId(), held);
            return new StartResult(Outcome.STARTED, session,
                    (request.dryRun() ? "Check " : "Import ") + session.getId() + " started.");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Import not started", e);
            held.release();
            return new StartResult(Outcome.UNAVAILABLE, null,
                    "The import could not be started: " + RootCause.message(e));
        }
    }

}
