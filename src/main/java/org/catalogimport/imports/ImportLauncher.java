package org.catalogimport.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.catalogimport.platform.RootCause;
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

    private final Clock clock = Clock.systemUTC();

    /** How a start request ended. */
    public enum Outcome { STARTED, ALREADY_RUNNING, UNAVAILABLE, NOT_STARTED }

    public record StartResult(Outcome outcome, ImportSession session, String message) {
    }

    public StartResult start(String triggeredBy) {
        return start(triggeredBy, false);
    }

    /**
     * @param allowMassDeactivation let a full exchange deactivate more than the configured share of
     *                              the catalog (the administrator said so explicitly)
     */
    public StartResult start(String triggeredBy, boolean allowMassDeactivation) {
        RedissonImportLock.Held held;
        try {
            held = lock.tryAcquire();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Import not started: Redis is unavailable", e);
            return new StartResult(Outcome.UNAVAILABLE, null,
                    "Redis is not available, so the cluster-wide import lock cannot be taken: " + RootCause.message(e));
        }
        if (held == null) {
            return new StartResult(Outcome.ALREADY_RUNNING, sessions.running().orElse(null),
                    "An import is already running in the cluster.");
        }
        try {
            Path importDir = settings.importDir();
            if (!Files.isDirectory(importDir)) {
                held.release();
                return new StartResult(Outcome.NOT_STARTED, null,
                        "The import folder " + importDir + " does not exist (CATALOG_IMPORT_DIR).");
            }
            ImportSession session = sessions.save(new ImportSession(triggeredBy, NodeName.get(), clock.instant())
                    .allowingMassDeactivation(allowMassDeactivation)
                    .readingPackage(packages.fingerprint().orElse(null)));
            worker.run(session.getId(), held);
            return new StartResult(Outcome.STARTED, session, "Import " + session.getId() + " started.");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Import not started", e);
            held.release();
            return new StartResult(Outcome.UNAVAILABLE, null,
                    "The import could not be started: " + RootCause.message(e));
        }
    }

}
