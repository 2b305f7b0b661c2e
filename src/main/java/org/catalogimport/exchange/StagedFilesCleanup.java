package org.catalogimport.exchange;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.catalogimport.imports.retention.HistoryRetention;
import org.catalogimport.platform.persistence.CatalogDatabase;

/**
 * The hourly clean-up of the exchanges' staging folder: files are kept
 * {@code catalog.exchange.keep-files-days} after an exchange's last call (for diagnosis), then
 * deleted; the exchange's record goes with the import history's retention. Every node schedules it;
 * {@code SKIP LOCKED} makes them share the work, so each exchange is cleaned by one node.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class StagedFilesCleanup {

    private static final Logger LOG = Logger.getLogger(StagedFilesCleanup.class.getName());
    static final int BATCH_SIZE = 20;

    @Inject
    ExchangeSettings settings;

    @Inject
    HistoryRetention retention;

    @Inject
    CatalogDatabase database;

    @Resource
    UserTransaction transaction;

    private final Clock clock = Clock.systemUTC();

    @Schedule(hour = "*", minute = "41", persistent = false)
    void hourly() {
        try {
            int cleaned = clean(clock.instant());
            if (cleaned > 0) {
                LOG.info(() -> "Exchange clean-up: deleted the staged files of " + cleaned + " exchange(s)");
            }
        } catch (Exception e) {
            // why: the next hour tries again; files only wait a little longer.
            LOG.log(Level.WARNING, "Exchange clean-up did not complete: " + e.getMessage(), e);
        }
    }

    /** Cleans, batch by batch, what the rules allow at {@code now}; returns how many exchanges lost their files. */
    public int clean(Instant now) throws Exception {
        ExchangeFolders folders = new ExchangeFolders(settings.dir());
        int total = 0;
        int deleted;
        do {
            transaction.begin();
            try (Connection connection = database.dataSource().getConnection()) {
                StagedFilesPurge purge = new StagedFilesPurge(connection, folders);
                deleted = purge.deleteFiles(now, settings.keepFiles(), BATCH_SIZE);
                purge.deleteHistory(now, Duration.ofDays(retention.retentionDays()), BATCH_SIZE);
                purge.deleteRefusals(now, Duration.ofDays(retention.retentionDays()), BATCH_SIZE);
            } catch (Exception e) {
                transaction.rollback();
                throw e;
            }
            transaction.commit();
            total += deleted;
        } while (deleted == BATCH_SIZE);
        return total;
    }
}
