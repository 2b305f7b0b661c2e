package org.catalogimport.imports;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.catalogimport.catalog.CatalogWriteRefused;
import org.catalogimport.catalog.DeactivationPolicy;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.ExchangePackage;
import org.catalogimport.commerceml.PackageException;
import org.catalogimport.commerceml.PackageLocator;
import org.catalogimport.platform.persistence.CatalogDatabase;

/**
 * Runs one import of the whole package in ONE JTA transaction: either all of it commits, or on a
 * fatal error (broken XML, unreadable package, database error) nothing changes. Bad items are
 * reported and skipped, the rest imports.
 *
 * <p>Bean-managed transactions: the timeout of a large import is set on the transaction itself
 * (portable across Payara and WildFly, unlike vendor timeout annotations), and the session's
 * final status is written only after the catalog transaction has committed or rolled back.
 * Progress (counts, heartbeat, failures) is written every second by a ticker on a managed thread,
 * each write in its own transaction, so the console sees it while this transaction is open.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class CatalogImporter {

    private static final Logger LOG = Logger.getLogger(CatalogImporter.class.getName());
    static final long PROGRESS_INTERVAL_MILLIS = 1_000;

    @Resource
    UserTransaction transaction;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    jakarta.enterprise.concurrent.ManagedThreadFactory threads;

    @Inject
    ImportProgress progress;

    @Inject
    ImportSettings settings;

    @Inject
    ImportSessions sessions;

    @Inject
    CatalogDatabase database;

    private final Clock clock = Clock.systemUTC();

    /** What an import ended with. */
    public record Outcome(ImportStatus status, ImportCounts counts, String errorMessage) {
    }

    /** Imports the configured package into the catalog for session {@code sessionId} (PENDING). */
    public Outcome importPackage(long sessionId) {
        return importPackage(sessionId, settings.importDir());
    }

    /** Imports the package in {@code importDir} (a folder, or a zip in it) for session {@code sessionId}. */
    public Outcome importPackage(long sessionId, java.nio.file.Path importDir) {
        boolean started;
        try {
            started = progress.start(sessionId, 0, NodeName.get(), clock.instant());
        } catch (RuntimeException e) {
            // why: the partial unique index allows one RUNNING session; the loser of a race ends here.
            return failBeforeStart(sessionId, "Another import is already running: " + e.getMessage());
        }
        if (!started) {
            return new Outcome(ImportStatus.FAILED, ImportCounts.NONE, "Session " + sessionId + " is not pending");
        }
        java.nio.file.Path workDir = settings.workDir().resolve("session-" + sessionId);
        ProgressCounter counter = new ProgressCounter();
        ScheduledFuture<?> ticker = startTicker(sessionId, counter);
        ImportRun run = null;
        try {
            CommerceMlReader reader = new CommerceMlReader();
            ExchangePackage exchangePackage = new PackageLocator(settings.readLimits()).locate(importDir, workDir);
            progress.total(sessionId, reader.countItems(exchangePackage));
            transaction.setTransactionTimeout(settings.transactionTimeoutSeconds());
            transaction.begin();
            try (Connection connection = database.dataSource().getConnection()) {
                run = new ImportRun(connection, settings.batchSize(), deactivationPolicy(sessionId), exchangePackage,
                        settings.mediaDir(), threads);
                counter.attach(run);
                run.importAll(reader);
            }
            transaction.commit();
        } catch (PackageException | CatalogWriteRefused e) {
            return failAfterStart(sessionId, counter, ticker, e.getMessage(), null);
        } catch (SQLException e) {
            return failAfterStart(sessionId, counter, ticker, databaseMessage(e), e);
        } catch (Exception e) {
            return failAfterStart(sessionId, counter, ticker, "The import stopped: " + e, e);
        } finally {
            deleteQuietly(workDir);
        }
        stopTicker(ticker);
        flushProgress(sessionId, counter);
        progress.complete(sessionId, run.counts(), run.writer().counts().toJson(), clock.instant());
        ImportRun finished = run;
        LOG.info(() -> "Import " + sessionId + " completed: " + finished.writer().counts().toJson());
        return new Outcome(ImportStatus.COMPLETED, run.counts(), null);
    }

    /** The configured share, and the session's "allow mass deactivation". */
    private DeactivationPolicy deactivationPolicy(long sessionId) {
        boolean allowed = sessions.find(sessionId).map(ImportSession::isAllowMassDeactivation).orElse(false);
        return new DeactivationPolicy(settings.maxDeactivationShare(), allowed);
    }

    /** The running import as the ticker sees it: nothing until the catalog transaction has begun. */
    static final class ProgressCounter {
        private volatile ImportRun run;

        void attach(ImportRun importRun) {
            run = importRun;
        }

        ImportRun run() {
            return run;
        }
    }

    private ScheduledFuture<?> startTicker(long sessionId, ProgressCounter counter) {
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                flushProgress(sessionId, counter);
            } catch (RuntimeException e) {
                // why: a missed progress write must not stop the next one (or the import).
                LOG.log(Level.WARNING, "Progress of import " + sessionId + " could not be written", e);
            }
        }, PROGRESS_INTERVAL_MILLIS, PROGRESS_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Writes counts, heartbeat and new failures; also a heartbeat alone before the catalog work begins. */
    private synchronized void flushProgress(long sessionId, ProgressCounter counter) {
        ImportRun run = counter.run();
        if (run == null) {
            progress.report(sessionId, ImportCounts.NONE, clock.instant());
            return;
        }
        progress.recordProblems(sessionId, run.drainProblems());
        progress.report(sessionId, run.counts(), clock.instant());
    }

    private static void deleteQuietly(java.nio.file.Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            LOG.warning(() -> "Could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static void stopTicker(ScheduledFuture<?> ticker) {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    private Outcome failBeforeStart(long sessionId, String message) {
        LOG.warning(() -> "Import " + sessionId + " failed: " + message);
        progress.fail(sessionId, message, ImportCounts.NONE, clock.instant());
        return new Outcome(ImportStatus.FAILED, ImportCounts.NONE, message);
    }

    private Outcome failAfterStart(long sessionId, ProgressCounter counter, ScheduledFuture<?> ticker, String message,
                                   Exception e) {
        ImportRun run = counter.run();
        stopTicker(ticker);
        rollback();
        if (e != null) {
            LOG.log(Level.SEVERE, "Import " + sessionId + " failed and was rolled back: " + message, e);
        } else {
            LOG.warning(() -> "Import " + sessionId + " failed and was rolled back: " + message);
        }
        ImportCounts counts = run == null ? ImportCounts.NONE : run.counts();
        flushProgress(sessionId, counter);
        String reason = message + " Nothing was changed in the catalog.";
        progress.fail(sessionId, reason, counts, clock.instant());
        return new Outcome(ImportStatus.FAILED, counts, reason);
    }

    private void rollback() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.log(Level.SEVERE, "Rollback of a failed import did not complete", e);
        }
    }

    private static String databaseMessage(SQLException e) {
        SQLException next = e.getNextException();
        String detail = next != null ? next.getMessage() : e.getMessage();
        return "Database error (SQL state " + e.getSQLState() + "): " + detail + ".";
    }
}
