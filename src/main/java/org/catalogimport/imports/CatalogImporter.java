package org.catalogimport.imports;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.catalogimport.catalog.CatalogWriteRefused;
import org.catalogimport.catalog.DeactivationPolicy;
import org.catalogimport.catalog.media.MediaFolder;
import org.catalogimport.catalog.media.PictureCounts;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.ExchangePackage;
import org.catalogimport.commerceml.PackageException;
import org.catalogimport.commerceml.PackageFolder;
import org.catalogimport.commerceml.PackageLocator;
import org.catalogimport.commerceml.Text;
import org.catalogimport.commerceml.ZipsUnpackedAhead;
import org.catalogimport.platform.RootCause;
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
    ManagedThreadFactory threads;

    @Inject
    ImportProgress progress;

    @Inject
    ImportSettings settings;

    @Inject
    ImportSessions sessions;

    @Inject
    CatalogDatabase database;

    /** The exchange's zips, unpacked while 1C sent them. */
    @Inject
    ZipsUnpackedAhead unpackedAhead;

    private final Clock clock = Clock.systemUTC();

    /** What an import ended with. */
    public record Outcome(ImportStatus status, ImportCounts counts, String errorMessage) {
    }

    /** Imports the package in {@code importDir} (a folder, or a zip in it) for session {@code sessionId}. */
    public Outcome importPackage(long sessionId, Path importDir) {
        Optional<ImportSession> session = sessions.find(sessionId);
        return importPackage(sessionId, importDir, session.map(ImportSession::isDryRun).orElse(false),
                session.map(ImportSession::isAllowMassDeactivation).orElse(false));
    }

    /**
     * Imports {@code importDir} for session {@code sessionId} as the launcher planned it. Why the plan
     * comes as arguments and is not read back from the session's row: the worker starts the moment the
     * launcher hands the session over; a read that did not see the new row yet would have imported the
     * configured import folder instead of an exchange's files (seen twice in the test suite), and a
     * check that lost its "dry run" would have committed.
     */
    public Outcome importPackage(long sessionId, Path importDir, boolean dryRun, boolean allowMassDeactivation) {
        ImportProgress.Start started;
        try {
            started = progress.start(sessionId, 0, NodeName.get(), clock.instant());
        } catch (RuntimeException e) {
            // why: the fence in the database (V3's one-running index) as a last resort; one line, no trace.
            return failBeforeStart(sessionId, ImportLauncher.ALREADY_RUNNING_MESSAGE.english() + " (" + RootCause.message(e) + ")",
                    ImportLauncher.ALREADY_RUNNING_MESSAGE);
        }
        if (started == ImportProgress.Start.ANOTHER_RUNNING) {
            // why: Redis lost the lock and two starts raced past the launcher's check; the loser ends here.
            return failBeforeStart(sessionId, ImportLauncher.ALREADY_RUNNING_MESSAGE.english(),
                    ImportLauncher.ALREADY_RUNNING_MESSAGE);
        }
        if (started == ImportProgress.Start.NOT_PENDING) {
            return new Outcome(ImportStatus.FAILED, ImportCounts.NONE, ImportMessage.NOT_PENDING.with(sessionId).english());
        }
        Path workDir = settings.workDir().resolve("session-" + sessionId);
        ProgressCounter counter = new ProgressCounter();
        ScheduledFuture<?> ticker = startTicker(sessionId, counter);
        ImportRun run = null;
        ExchangePackage exchangePackage = null;
        ItemCountAlongside count = null;
        ImportPictures pictures = null;
        PictureCounts pictureCounts;
        ImportTimings timings = new ImportTimings();
        try {
            CommerceMlReader reader = new CommerceMlReader();
            BooleanSupplier cancelled = () -> counter.cancelledBy() != null;
            exchangePackage = new PackageLocator(settings.readLimits())
                    .locate(importDir, workDir, threads, cancelled, unpackedAhead);
            timings.mark("package located");
            count = new ItemCountAlongside(exchangePackage, threads, cancelled);
            counter.counting(count);
            counter.throwIfCancelled();
            Optional<MediaFolder> media = settings.mediaDir().map(MediaFolder::new);
            if (media.isPresent()) {
                recoverPictures(media.get());
            }
            transaction.setTransactionTimeout(settings.transactionTimeoutSeconds());
            transaction.begin();
            try (Connection connection = database.dataSource().getConnection()) {
                counter.connectedTo(backendPid(connection));
                pictures = media.isPresent()
                        ? ImportPictures.open(connection, media.get(), sessionId, dryRun, settings.mediaMaxFileBytes())
                        : ImportPictures.checkOnly(settings.mediaMaxFileBytes());
                run = new ImportRun(connection, settings.batchSize(), new DeactivationPolicy(settings.maxDeactivationShare(), allowMassDeactivation), exchangePackage,
                        pictures, threads);
                counter.attach(run);
                run.importAll(reader, count::passed);
                timings.mark("read and written");
                counter.throwIfCancelled();
                pictureCounts = pictures.prepare(connection);
            } finally {
                counter.connectedTo(null);
            }
            counter.throwIfCancelled();
            if (dryRun) {
                // why: a check runs everything a real import does, then keeps none of it.
                transaction.rollback();
                pictures.discard();
            } else {
                transaction.commit();
                publishPictures(sessionId, pictures);
            }
            timings.mark(dryRun ? "rolled back" : "committed");
            // why after the transaction: a count still running (every file skipped as unchanged) must not lengthen it
            if (count.awaitTotal().isEmpty()) {
                // the count could not read a file the import could: the total is what was read
                progress.total(sessionId, run.processed());
            }
        } catch (Exception e) {
            if (pictures != null) {
                // why here: whatever ended the import, its staged pictures must never reach the folder
                pictures.discard();
            }
            if (counter.cancelledBy() != null) {
                return cancelAfterStart(sessionId, counter, ticker);
            }
            if (e instanceof PackageException refused) {
                return failAfterStart(sessionId, counter, ticker, refused.text(), null);
            }
            if (e instanceof CatalogWriteRefused refused) {
                return failAfterStart(sessionId, counter, ticker, refused.text(), null);
            }
            if (e instanceof SQLException sql) {
                return failAfterStart(sessionId, counter, ticker, databaseMessage(sql), e);
            }
            return failAfterStart(sessionId, counter, ticker, ImportMessage.STOPPED.with(e), e);
        } finally {
            if (count != null) {
                count.close(); // why first: it must not be reading the files deleted next
            }
            closeQuietly(exchangePackage);
            deleteQuietly(workDir);
        }
        stopTicker(ticker);
        flushProgress(sessionId, counter);
        progress.complete(sessionId, run.counts(), pictureCounts.addTo(run.writer().counts().toJson()),
                run.writer().counts().notRead(),
                CensusJson.of(run.unreadElements(), run.unusedElements()), clock.instant());
        ImportRun finished = run;
        LOG.info(() -> "Import " + sessionId + (dryRun ? " (check only, rolled back)" : "") + " completed in " + timings + "; "
                + finished.writer().counts().toJson());
        return new Outcome(ImportStatus.COMPLETED, run.counts(), null);
    }

    /**
     * Finishes a publish of pictures that committed but did not complete (a node died half-way), and
     * discards pictures staged by imports that never committed. Runs before this import stages
     * anything, as the cluster's one running import (the session is RUNNING), outside its transaction.
     */
    private void recoverPictures(MediaFolder media) throws SQLException, IOException {
        try (Connection connection = database.dataSource().getConnection()) {
            String done = ImportPictures.recover(connection, media);
            if (done != null) {
                LOG.warning(() -> "Media folder " + media.root() + ": " + done);
            }
        }
    }

    /**
     * After the commit: the catalog already names the new pictures, so they go into place now. If
     * that fails (disk full, node dies), the journal written with the commit lets the next import
     * finish it; the import stays completed.
     */
    private void publishPictures(long sessionId, ImportPictures pictures) {
        try (Connection connection = database.dataSource().getConnection()) {
            pictures.publish(connection);
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Import " + sessionId + " committed, but its pictures were not all published yet;"
                    + " the next import finishes the publish", e);
        }
    }

    private static Integer backendPid(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery("select pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
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

    /**
     * Writes counts, heartbeat and new failures, and the total once counted; also a heartbeat alone
     * before the catalog work begins.
     */
    private synchronized void flushProgress(long sessionId, ProgressCounter counter) {
        counter.totalToWrite().ifPresent(total -> progress.total(sessionId, total));
        ImportRun run = counter.run();
        if (run == null) {
            progress.report(sessionId, ImportCounts.NONE, clock.instant());
        } else {
            progress.recordProblems(sessionId, run.drainProblems());
            progress.report(sessionId, run.counts(), clock.instant());
        }
        if (counter.cancelledBy() == null) {
            progress.cancelRequestedBy(sessionId).ifPresent(user -> {
                LOG.info(() -> "Import " + sessionId + ": " + user + " asked to cancel it");
                counter.cancel(user);
                // why: the import may be waiting in one long statement (a lock, a huge batch); cancelling
                // that statement lets it stop now rather than after it. The pid is cleared before the
                // connection goes back to the pool, so no one else's query is hit.
                Integer pid = counter.backendPid();
                if (pid != null) {
                    progress.cancelStatement(pid);
                }
            });
        }
    }

    /** Closes the zip a package's files were read in, if any. */
    private static void closeQuietly(ExchangePackage exchangePackage) {
        if (exchangePackage == null) {
            return;
        }
        try {
            exchangePackage.close();
        } catch (IOException e) {
            LOG.warning(() -> "Could not close the zip of " + exchangePackage.root() + ": " + e.getMessage());
        }
    }

        private static void deleteQuietly(Path dir) {
        try {
            PackageFolder.deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "Could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static void stopTicker(ScheduledFuture<?> ticker) {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    /** One log line (never a stack trace: nothing went wrong but a lost race), the plain message on the session. */
    private Outcome failBeforeStart(long sessionId, String logLine, Text message) {
        LOG.warning(() -> "Import " + sessionId + " not started: " + logLine);
        progress.fail(sessionId, message, ImportCounts.NONE, clock.instant());
        return new Outcome(ImportStatus.FAILED, ImportCounts.NONE, message.english());
    }

    private Outcome failAfterStart(long sessionId, ProgressCounter counter, ScheduledFuture<?> ticker, Text message,
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
        Text reason = ImportMessage.NOTHING_CHANGED.with(message);
        progress.fail(sessionId, reason, counts, clock.instant());
        return new Outcome(ImportStatus.FAILED, counts, reason.english());
    }

    private Outcome cancelAfterStart(long sessionId, ProgressCounter counter, ScheduledFuture<?> ticker) {
        ImportRun run = counter.run();
        stopTicker(ticker);
        rollback();
        ImportCounts counts = run == null ? ImportCounts.NONE : run.counts();
        flushProgress(sessionId, counter);
        Text reason = ImportMessage.CANCELLED.with(counter.cancelledBy());
        LOG.info(() -> "Import " + sessionId + " cancelled by " + counter.cancelledBy() + " and rolled back");
        progress.cancel(sessionId, reason, counts, clock.instant());
        return new Outcome(ImportStatus.CANCELLED, counts, reason.english());
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

    private static Text databaseMessage(SQLException e) {
        SQLException next = e.getNextException();
        String detail = next != null ? next.getMessage() : e.getMessage();
        return ImportMessage.DATABASE_ERROR.with(e.getSQLState(), detail);
    }
}
