package org.catalogimport.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.catalogimport.imports.upload.PackageUploads;
import org.catalogimport.commerceml.Text;
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
    public static final Text ALREADY_RUNNING_MESSAGE = ImportMessage.ALREADY_RUNNING.with();

    /** How a start request ended. */
    public enum Outcome { STARTED, ALREADY_RUNNING, UNAVAILABLE, NOT_STARTED }

    /** {@code text}: what to tell the person who asked, in their language; {@link #message()} in English. */
    public record StartResult(Outcome outcome, ImportSession session, Text text) {
        public String message() {
            return text.english();
        }
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
                    ImportMessage.REDIS_UNAVAILABLE.with(RootCause.message(e)));
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
            if (request.packageDir() == null && request.source() != ImportSource.EXCHANGE) {
                var upload = uploads.pending();
                if (upload.isPresent()) {
                    request = request.readingUpload(upload.get().id(), upload.get().folder());
                }
            }
            Long uploadId = request.uploadId();
            Path importDir = request.packageDir() == null ? settings.importDir() : request.packageDir();
            if (!Files.isDirectory(importDir)) {
                held.release();
                return new StartResult(Outcome.NOT_STARTED, null, request.packageDir() == null
                        ? ImportMessage.IMPORT_FOLDER_MISSING.with(importDir)
                        : uploadId == null ? ImportMessage.PACKAGE_FOLDER_MISSING.with(importDir)
                        : ImportMessage.UPLOAD_FOLDER_MISSING.with(importDir, uploadId));
            }
            ImportSession fresh = new ImportSession(request.triggeredBy(), NodeName.get(), clock.instant())
                    .from(request.source(), request.sourceReference(), request.packageDir())
                    .allowingMassDeactivation(request.allowMassDeactivation())
                    .readingUpload(uploadId)
                    .repeating(request.retryOf())
                    .readingPackage(request.packageDir() == null
                            ? packages.fingerprint().orElse(null) : packages.fingerprintOf(request.packageDir()).orElse(null));
            // why create: committed before the worker takes it, even when the caller runs in a transaction
            ImportSession session = sessions.create(request.dryRun() ? fresh.asDryRun() : fresh);
            audit.record(request.actor(), request.retryOf() != null ? AuditAction.IMPORT_RETRIED
                    : request.dryRun() ? AuditAction.IMPORT_CHECKED : AuditAction.IMPORT_STARTED,
                    "import " + session.getId() + " of " + (request.sourceReference() == null ? importDir
                            : request.sourceReference()));
            worker.run(session, importDir, held);
            return new StartResult(Outcome.STARTED, session,
                    (request.dryRun() ? ImportMessage.CHECK_STARTED : ImportMessage.STARTED).with(session.getId()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Import not started", e);
            held.release();
            return new StartResult(Outcome.UNAVAILABLE, null,
                    ImportMessage.NOT_STARTED.with(RootCause.message(e)));
        }
    }

}
