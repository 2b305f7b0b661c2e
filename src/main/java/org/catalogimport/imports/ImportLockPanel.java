package org.catalogimport.imports;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Logger;
import org.catalogimport.platform.audit.Actor;
import org.catalogimport.platform.audit.AuditAction;
import org.catalogimport.platform.audit.AuditTrail;
import org.catalogimport.platform.redis.RedissonImportLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the console's lock panel shows and the one thing it may do: who holds the import lock (the
 * lock itself only knows an opaque owner id, so the holder is the session PostgreSQL has as
 * PENDING or RUNNING), and a forced release offered only when that holder is gone: no session
 * runs, or its node stopped reporting. Every release is recorded with who did it.
 */
@Stateless
public class ImportLockPanel {

    private static final Logger LOG = Logger.getLogger(ImportLockPanel.class.getName());
    /** How long the panel waits for Redis before it says "unknown" (remainTimeToLive: -2 = no key). */
    private static final long REDIS_TIMEOUT_MILLIS = 500;

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

    @Inject
    RedissonImportLock lock;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "catalog.import.heartbeat-timeout-seconds")
    int heartbeatTimeoutSeconds;

    /**
     * @param held        whether Redis has the lock
     * @param expiresIn   time until it expires unless renewed (a live holder renews it every 10 s)
     * @param holder      the session that holds it, when PostgreSQL has one PENDING or RUNNING
     * @param releasable  the holder is gone, so the console may release the lock
     */
    public record View(boolean held, Duration expiresIn, Optional<ImportSession> holder, boolean releasable) {
    }

    public View view(Instant now) {
        long remaining = lock.remainingMillis(REDIS_TIMEOUT_MILLIS);
        boolean held = remaining != -2;
        Optional<ImportSession> holder = entityManager.createQuery(
                        "select s from ImportSession s where s.status in :active order by s.startedAt desc", ImportSession.class)
                .setParameter("active", EnumSet.of(ImportStatus.PENDING, ImportStatus.RUNNING))
                .setMaxResults(1).getResultStream().findFirst();
        return new View(held, Duration.ofMillis(Math.max(0, remaining)), holder, held && holderGone(holder, now));
    }

    private boolean holderGone(Optional<ImportSession> holder, Instant now) {
        return holder.map(s -> s.getHeartbeatAt() == null
                        || s.getHeartbeatAt().isBefore(now.minusSeconds(heartbeatTimeoutSeconds)))
                .orElse(true);
    }

    /** Releases the lock if the holder is gone (checked again now); records who did it. */
    public boolean release(Actor actor, Instant now) {
        String user = actor.user();
        View view = view(now);
        if (!view.releasable()) {
            return false;
        }
        boolean released = lock.forceRelease();
        String reason = view.holder().map(s -> "session " + s.getId() + " on " + s.getNode() + " last reported at "
                + s.getHeartbeatAt()).orElse("no session was running");
        // why two statements: a null bound without a type confuses PostgreSQL's parameter typing.
        if (view.holder().isPresent()) {
            entityManager.createNativeQuery("""
                            insert into import_lock_release (released_by, session_id, holder_node, reason)
                            values (?1, ?2, ?3, ?4)""")
                    .setParameter(1, user)
                    .setParameter(2, view.holder().get().getId())
                    .setParameter(3, String.valueOf(view.holder().get().getNode()))
                    .setParameter(4, reason)
                    .executeUpdate();
        } else {
            entityManager.createNativeQuery("insert into import_lock_release (released_by, reason) values (?1, ?2)")
                    .setParameter(1, user)
                    .setParameter(2, reason)
                    .executeUpdate();
        }
        audit.record(actor, AuditAction.LOCK_RELEASED, "import lock (" + reason + ")");
        LOG.warning(() -> "Import lock released by " + user + " from the console (" + reason + ")");
        return released;
    }
}
