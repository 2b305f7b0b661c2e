package org.catalogimport.imports.retention;

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
import org.catalogimport.platform.audit.AuditPurge;
import org.catalogimport.platform.persistence.CatalogDatabase;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The daily clean-up of the import history ({@code CATALOG_RETENTION_DAYS}, default 90; the newest
 * 100 sessions are always kept) and of the audit trail ({@code CATALOG_AUDIT_RETENTION_DAYS},
 * default 365: kept longer, it is what is asked for after an incident). Every node schedules it; the batches' {@code SKIP LOCKED} makes
 * the nodes share the work instead of waiting on each other, and each batch is its own short
 * transaction so the console stays fast while it runs.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class HistoryRetention {

    private static final Logger LOG = Logger.getLogger(HistoryRetention.class.getName());
    static final int KEEP_LATEST = 100;
    static final int BATCH_SIZE = 500;

    @Inject
    @ConfigProperty(name = "catalog.retention.days")
    int retentionDays;

    @Inject
    @ConfigProperty(name = "catalog.audit.retention-days")
    int auditRetentionDays;

    @Inject
    CatalogDatabase database;


    @Resource
    UserTransaction transaction;

    private final Clock clock = Clock.systemUTC();

    public int retentionDays() {
        return retentionDays;
    }

    public int auditRetentionDays() {
        return auditRetentionDays;
    }

    @Schedule(hour = "3", minute = "17", persistent = false)
    void daily() {
        // why two tries: a failure of one clean-up must not keep the other from running.
        try {
            int deleted = purge(clock.instant());
            LOG.info(() -> "History retention: deleted " + deleted + " import session(s) older than "
                    + retentionDays + " days");
        } catch (Exception e) {
            // why: tomorrow's run tries again; nothing depends on this one.
            LOG.log(Level.WARNING, "History retention did not complete: " + e.getMessage(), e);
        }
        try {
            int audited = purgeAudit(clock.instant());
            LOG.info(() -> "Audit retention: deleted " + audited + " audit row(s) older than "
                    + auditRetentionDays + " days");
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Audit retention did not complete: " + e.getMessage(), e);
        }
    }

    /** Deletes, batch by batch (a transaction each), audit rows older than the audit retention at {@code now}. */
    public int purgeAudit(Instant now) throws Exception {
        Instant before = now.minus(Duration.ofDays(auditRetentionDays));
        int total = 0;
        while (true) {
            transaction.begin();
            int deleted;
            try (Connection connection = database.dataSource().getConnection()) {
                deleted = new AuditPurge(connection).deleteBatch(before, BATCH_SIZE);
            } catch (Exception e) {
                transaction.rollback();
                throw e;
            }
            transaction.commit();
            total += deleted;
            if (deleted < BATCH_SIZE) {
                return total;
            }
        }
    }

    /** Deletes, batch by batch, what the retention rule allows at {@code now}; returns how many. */
    public int purge(Instant now) throws Exception {
        int total = 0;
        while (true) {
            transaction.begin();
            int deleted;
            try (Connection connection = database.dataSource().getConnection()) {
                deleted = new SessionHistoryPurge(connection)
                        .deleteBatch(now, Duration.ofDays(retentionDays), KEEP_LATEST, BATCH_SIZE);
            } catch (Exception e) {
                transaction.rollback();
                throw e;
            }
            transaction.commit();
            total += deleted;
            if (deleted < BATCH_SIZE) {
                return total;
            }
        }
    }
}
