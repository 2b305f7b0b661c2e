package org.catalogimport.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.catalogimport.platform.redis.RedissonImportLock;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.HeldTableLock;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.StoredSession;
import org.catalogimport.testing.SwappedImportFolder;
import org.catalogimport.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Cancelling an import and checking a package (dry run) over the API, on the shared server. Both
 * use a package the catalog has not seen, so anything that reached the catalog would show in its
 * fingerprint (every row of every catalog table, byte for byte).
 */
@ExtendWith(RunningApplication.class)
class CancelAndCheckApiIT {

    private static final String ADMIN = IntegrationTestSettings.ADMIN_USER;

    private AdminApi api;

    @BeforeEach
    void nothingRuns() {
        api = AdminApi.onceIdle();
    }

    @Test
    void aCancelledImportStopsRollsBackEndsCancelledAndFreesTheLock() throws Exception {
        try (SwappedImportFolder unseen = SwappedImportFolder.withDemoPackage(300, 4711)) {
            Map<String, String> before = TestDatabase.catalogFingerprint();
            long id;
            try (HeldTableLock stuck = HeldTableLock.onWritesTo("product")) {
                // Given an import that is RUNNING and has written groups and properties, now waiting in a product write
                HttpResponse<String> started = api.send("POST", api.uri("imports"));
                assertEquals(202, started.statusCode(), started.body());
                id = AdminApi.object(started).getJsonNumber("id").longValue();
                await().atMost(Duration.ofMinutes(1)).until(() -> "RUNNING".equals(session(id).getString("status")));

                // When the administrator cancels it
                HttpResponse<String> cancel = api.send("POST", api.uri("imports/" + id + "/cancel"));

                // Then the request is accepted, with who asked
                assertEquals(202, cancel.statusCode(), cancel.body());
                assertEquals(ADMIN, AdminApi.object(cancel).getString("cancelRequestedBy"));
                // and the import ends CANCELLED within seconds, even though its write is still blocked
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> "CANCELLED".equals(session(id).getString("status")));
            }
            JsonObject cancelled = session(id);
            assertEquals("Cancelled by " + ADMIN + ". Nothing was changed in the catalog.", cancelled.getString("errorMessage"));
            assertEquals(ADMIN, cancelled.getString("cancelRequestedBy"));
            // and the lock is free, and nothing of it reached the catalog
            await().atMost(Duration.ofSeconds(10)).until(() -> !lockHeld());
            assertEquals(before, TestDatabase.catalogFingerprint());
            // and a second cancel is refused: it has ended
            HttpResponse<String> again = api.send("POST", api.uri("imports/" + id + "/cancel"));
            assertEquals(409, again.statusCode(), again.body());
            assertTrue(AdminApi.object(again).getString("message").contains("already ended"), again.body());
            // and the audit trail has the start and the cancel, by whom, not the refused second cancel
            assertTrue(lastAudit("IMPORT_STARTED").getString("target").startsWith("import " + id + " of "));
            assertEquals("import " + id + " (running: stopping)", lastAudit("IMPORT_CANCELLED").getString("target"));
        }
    }

    @Test
    void aPendingSessionIsCancelledAtOnceAndAnUnknownOneIs404() throws Exception {
        long pending = StoredSession.of("PENDING").heartbeat(Duration.ZERO).by("pending-it").insert();

        HttpResponse<String> cancel = api.send("POST", api.uri("imports/" + pending + "/cancel"));

        assertEquals(200, cancel.statusCode(), cancel.body());
        assertEquals("CANCELLED", AdminApi.object(cancel).getString("status"));
        assertEquals("Cancelled by " + ADMIN + " before it started.", session(pending).getString("errorMessage"));
        assertEquals("import " + pending + " (pending: cancelled now)", lastAudit("IMPORT_CANCELLED").getString("target"));
        assertEquals(404, api.send("POST", api.uri("imports/999999999/cancel")).statusCode());
    }

    @Test
    void aDryRunImportsEverythingReportsWhatItWouldDoAndChangesNothing() throws Exception {
        try (SwappedImportFolder unseen = SwappedImportFolder.withDemoPackage(300, 4712)) {
            // Given the catalog as it is
            Map<String, String> before = TestDatabase.catalogFingerprint();

            // When a check of an unseen package is started
            HttpResponse<String> started = api.send("POST", api.uri("imports?dryRun=true"));

            // Then it is a session marked as a check
            assertEquals(202, started.statusCode(), started.body());
            JsonObject session = AdminApi.object(started);
            assertTrue(session.getBoolean("dryRun"), started.body());
            long id = session.getJsonNumber("id").longValue();
            // that runs the whole import
            api.awaitIdle();
            JsonObject done = session(id);
            assertEquals("COMPLETED", done.getString("status"), done.toString());
            assertEquals(done.getJsonNumber("totalItems").longValue(), done.getJsonNumber("processedItems").longValue());
            // and reports what it would have changed: every product of the package would be new
            String counts = TestDatabase.text("select entity_counts->'products'->>'inserted' from import_session where id = ?", id);
            assertEquals("300", counts);
            // and the catalog is byte for byte what it was
            assertEquals(before, TestDatabase.catalogFingerprint());
            // and the audit trail says a check was started, not an import
            assertTrue(lastAudit("IMPORT_CHECKED").getString("target").startsWith("import " + id + " of "));
        }
    }

    /** The newest audit row of {@code action} by the test administrator. */
    private JsonObject lastAudit(String action) throws Exception {
        JsonObject row = api.array("audit?size=1&action=" + action + "&user=" + ADMIN).getJsonObject(0);
        assertEquals("127.0.0.1", row.getString("address"), row.toString());
        return row;
    }

    private JsonObject session(long id) throws Exception {
        return api.object("imports/" + id);
    }

    private static boolean lockHeld() {
        Config config = new Config();
        config.useSingleServer().setAddress(BackingServices.forTests().redisAddress());
        RedissonClient redis = Redisson.create(config);
        try {
            return redis.getLock(RedissonImportLock.LOCK_NAME).isLocked();
        } finally {
            redis.shutdown();
        }
    }
}
