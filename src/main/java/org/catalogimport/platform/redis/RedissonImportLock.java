package org.catalogimport.platform.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/**
 * The cluster-wide "one import at a time" lock in Redis ({@value #LOCK_NAME}, behind the
 * deployment's key prefix, in its database: {@link RedisSettings}).
 *
 * <p>Taken without waiting and without a lease time: Redisson's watchdog keeps extending it (30 s
 * lease, renewed every 10 s) while this node lives, so a crashed node's lock expires within about
 * 30 s instead of blocking imports for a fixed hour.
 *
 * <p>Why an explicit owner id: Redisson locks belong to a thread, but the import is started on a
 * request thread and ends on an EJB worker thread. The async API with an explicit owner lets the
 * worker release exactly the lock the request took, and nothing else.
 */
@ApplicationScoped
public class RedissonImportLock {

    public static final String LOCK_NAME = "import_catalog_lock";
    private static final long REDIS_TIMEOUT_SECONDS = 10;
    /** How long a start waits for Redisson to reconnect a dead connection, and how often it tries. */
    private static final long RECONNECT_WAIT_MILLIS = 5_000;
    private static final long RECONNECT_PAUSE_MILLIS = 250;

    @Inject
    RedissonClient redisson;

    public RedissonImportLock() {
        // for CDI
    }

    /** A lock on another client, e.g. to act as a second node in a test. */
    public RedissonImportLock(RedissonClient redisson) {
        this.redisson = redisson;
    }

    /** A held lock; {@link #release()} it exactly once when the import has ended. */
    public final class Held {
        private final long owner;

        private Held(long owner) {
            this.owner = owner;
        }

        public void release() {
            await(lock().unlockAsync(owner).toCompletableFuture());
        }
    }

    /** The lock if it was free, or {@code null} when an import already holds it anywhere. */
    public Held tryAcquire() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECONNECT_WAIT_MILLIS);
        while (true) {
            try {
                return tryAcquireOnce();
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof ClosedChannelException) || System.nanoTime() > deadline) {
                    throw e;
                }
                // why again: right after Redis came back, pooled connections that died meanwhile fail
                // the write before Redis sees it until Redisson has reconnected them, which takes a few
                // seconds after a long outage (seen: "Redis is not available" for an import started
                // 4 s after Redis answered again; one retry was not enough). Why another owner each
                // time: had an attempt reached Redis after all, its lock expires unrenewed within
                // 30 s, and this start is answered "an import is already running" meanwhile, never twice.
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Redis", interrupted);
        }
    }

    private Held tryAcquireOnce() {
        // why random: an owner id that no thread of any node will ever use as its own.
        long owner = ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE);
        Boolean acquired = await(lock().tryLockAsync(0, -1, TimeUnit.MILLISECONDS, owner).toCompletableFuture());
        return Boolean.TRUE.equals(acquired) ? new Held(owner) : null;
    }

    public boolean isLocked() {
        return lock().isLocked();
    }

    /**
     * Milliseconds until the lock expires unless its holder renews it; {@code -2} when it is free.
     * Asked with a short bound of its own: the console's lock panel must not hang a page on Redis.
     */
    public long remainingMillis(long timeoutMillis) {
        try {
            return lock().remainTimeToLiveAsync().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while talking to Redis", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Redis did not tell who holds the import lock: " + e, e);
        }
    }

    /**
     * Frees the lock whoever holds it: only for the console's lock panel, once the holder is known
     * to be gone (its session ended, or its node stopped reporting).
     */
    public boolean forceRelease() {
        return lock().forceUnlock();
    }

    private RLock lock() {
        return redisson.getLock(LOCK_NAME);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(REDIS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while talking to Redis", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Redis refused the import lock operation: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Redis did not answer within " + REDIS_TIMEOUT_SECONDS + " s", e);
        }
    }
}
