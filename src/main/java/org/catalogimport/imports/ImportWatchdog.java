package org.catalogimport.imports;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fails sessions whose node stopped reporting (killed, crashed, cut off): a RUNNING session's
 * heartbeat is written every second, so one older than the timeout belongs to a dead import, whose
 * transaction PostgreSQL has already rolled back. Runs every 10 s on every node and at start-up;
 * the conditional update makes concurrent runs harmless.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class ImportWatchdog {

    private static final Logger LOG = Logger.getLogger(ImportWatchdog.class.getName());

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

    @Inject
    @ConfigProperty(name = "catalog.import.heartbeat-timeout-seconds")
    int heartbeatTimeoutSeconds;

    @PostConstruct
    void atStartUp() {
        failOrphans();
    }

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
    void everyTenSeconds() {
        try {
            failOrphans();
        } catch (RuntimeException e) {
            // why: the database may be down for a while; the next run tries again.
            LOG.log(Level.FINE, "Watchdog could not check import sessions", e);
        }
    }

    /** Marks orphaned sessions FAILED and returns how many. */
    public int failOrphans() {
        int failed = entityManager.createNativeQuery("""
                        update import_session
                           set status = 'FAILED', finished_at = now(), version = version + 1,
                               error_message = 'Node ' || coalesce(node, '?') || ' stopped reporting at '
                                   || to_char(heartbeat_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC;'
                                   || ' the import was abandoned and nothing of it was saved.',
                               -- why the key beside the English text: the console shows it in the reader's language (V17)
                               error_key = ?2,
                               error_args = json_build_array(coalesce(node, '?'),
                                   to_char(heartbeat_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'))::text
                         where status in ('PENDING', 'RUNNING')
                           and heartbeat_at < now() - make_interval(secs => ?1)""")
                .setParameter(1, heartbeatTimeoutSeconds)
                .setParameter(2, ImportMessage.NODE_STOPPED.key())
                .executeUpdate();
        if (failed > 0) {
            LOG.warning(() -> "Watchdog failed " + failed + " import session(s) whose node stopped reporting");
        }
        return failed;
    }
}
