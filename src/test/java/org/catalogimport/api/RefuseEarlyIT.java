package org.catalogimport.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.catalogimport.platform.redis.RedissonImportLock;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.HeldTableLock;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.StoredSession;
import org.catalogimport.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * A start while PostgreSQL holds a RUNNING session is refused at once (409), even when Redis has
 * lost the lock; and an import folder that is a symbolic link is followed.
 */
@ExtendWith(RunningApplication.class)
class RefuseEarlyIT {

    private AdminApi api;

    @BeforeEach
    void nothingRuns() {
        api = AdminApi.onceIdle();
    }

    @Test
    void aStartAfterRedisLostTheLockMidImportIs409AndCreatesNoSession() throws Exception {
        long running;
        try (HeldTableLock blocked = HeldTableLock.onWritesTo("product")) {
            // Given an import that is RUNNING (its product writes wait on the test's table lock)
            HttpResponse<String> started = api.send("POST", api.uri("imports"));
            assertEquals(202, started.statusCode(), started.body());
            running = AdminApi.object(started).getJsonNumber("id").longValue();
            await().atMost(Duration.ofMinutes(1)).until(() -> "RUNNING".equals(api.object("imports/" + running).getString("status")));
            // and Redis has lost the lock (as after a restart without persistence)
            assertTrue(deleteLockKey(), "the lock key was in Redis while the import ran");

            // When another start comes
            HttpResponse<String> second = api.send("POST", api.uri("imports"));

            // Then it is refused at once, naming the running session, and no session was created
            assertEquals(409, second.statusCode(), second.body());
            JsonObject answer = AdminApi.object(second);
            assertEquals("An import is already running in the cluster.", answer.getString("message"));
            assertEquals(running, answer.getJsonNumber("runningSessionId").longValue());
            assertEquals(running, api.array("imports?size=1").getJsonObject(0).getJsonNumber("id").longValue());
        }
        // and the running import still completes
        api.awaitIdle();
        assertEquals("COMPLETED", api.object("imports/" + running).getString("status"));
    }

    @Test
    void aStartInTheGapAfterANodeDiedIs409UntilTheWatchdogFailsItsSession() throws Exception {
        // Given a session RUNNING on a node that has just died: its Redis lock is gone, its heartbeat not yet stale
        long orphan = StoredSession.of("RUNNING").heartbeat(Duration.ZERO).by("gap-it").onNode("killed-node").insert();
        try {
            // When a start comes
            HttpResponse<String> response = api.send("POST", api.uri("imports"));

            // Then it is refused with the plain warning, and nothing new was created
            assertEquals(409, response.statusCode(), response.body());
            assertEquals(orphan, AdminApi.object(response).getJsonNumber("runningSessionId").longValue());
            assertEquals(orphan, api.array("imports?size=1").getJsonObject(0).getJsonNumber("id").longValue());
            assertFalse(lockHeld(), "the refused start released the lock it had taken");
        } finally {
            TestDatabase.update("update import_session set status = 'FAILED', finished_at = now() where id = ?", orphan);
        }
    }

    @Test
    void anImportFolderThatIsASymbolicLinkIsImported() throws Exception {
        // Given the configured import folder is a link to the real export folder
        Path importDir = IntegrationTestSettings.importDir();
        Path export = importDir.resolveSibling("it-import-linked-target");
        Files.move(importDir, export);
        Files.createSymbolicLink(importDir, export);
        try {
            // When an import starts
            HttpResponse<String> started = api.send("POST", api.uri("imports"));
            assertEquals(202, started.statusCode(), started.body());
            long id = AdminApi.object(started).getJsonNumber("id").longValue();

            // Then it reads the package behind the link
            api.awaitIdle();
            JsonObject done = api.object("imports/" + id);
            assertEquals("COMPLETED", done.getString("status"), done.toString());
            assertTrue(done.getJsonNumber("processedItems").longValue() >= IntegrationTestSettings.IMPORT_PRODUCTS, done.toString());
        } finally {
            Files.delete(importDir);
            Files.move(export, importDir);
        }
    }

    private static RedissonClient redis() {
        Config config = new Config();
        config.useSingleServer().setAddress(BackingServices.forTests().redisAddress());
        return Redisson.create(config);
    }

    /** Deletes only the lock's key (not FLUSHDB: the configured Redis may be shared with other things). */
    private static boolean deleteLockKey() {
        RedissonClient redis = redis();
        try {
            return redis.getKeys().delete(RedissonImportLock.LOCK_NAME) == 1;
        } finally {
            redis.shutdown();
        }
    }

    private static boolean lockHeld() {
        RedissonClient redis = redis();
        try {
            return redis.getLock(RedissonImportLock.LOCK_NAME).isLocked();
        } finally {
            redis.shutdown();
        }
    }
}
