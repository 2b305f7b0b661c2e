package org.catalogimport.imports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.exchange.ExchangeBenchmark;
import org.catalogimport.exchange.OneCExchangeClient;
import org.catalogimport.platform.redis.RedissonImportLock;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.HeldTableLock;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.PayaraMicroProcess;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.TestDatabase;
import org.catalogimport.testing.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Two Payara Micro nodes on one PostgreSQL and one Redis, as in production: node A is the shared
 * test server, node B a second server started here (with a larger package, so its imports run
 * long enough to be interrupted). A 1C exchange whose calls alternate between the nodes lands
 * whole. Concurrent starts on both nodes run one import; a node killed
 * with SIGKILL in the middle of an import leaves the catalog unchanged, its session FAILED, and
 * the lock free for the next import.
 */
@ExtendWith(RunningApplication.class)
// why an order: the last test kills node B, which the others need.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

    private static PayaraMicroProcess nodeB;

    @BeforeAll
    static void startNodeB() throws IOException {
        Path projectDir = IntegrationTestSettings.projectDir();
        Path bigPackage = projectDir.resolve("target/it-import-big");
        if (!Files.isDirectory(bigPackage.resolve("goods"))) {
            DemoPackageWriter.write(bigPackage, 20_000, 77);
        }
        Map<String, String> env = new HashMap<>(PayaraMicroProcess.applicationEnvironment(BackingServices.forTests()));
        env.put("CATALOG_ADMIN_USER", IntegrationTestSettings.ADMIN_USER);
        env.put("CATALOG_ADMIN_PASSWORD", IntegrationTestSettings.ADMIN_PASSWORD);
        env.put("CATALOG_IMPORT_DIR", bigPackage.toString());
        env.put("CATALOG_NODE_NAME", "node-b");
        // why: 1C's calls of one exchange may reach either node; they share the staging folder as
        // production nodes share a volume (node A stages under its work dir, target/it-work).
        env.put("CATALOG_EXCHANGE_DIR", projectDir.resolve("target/it-work/exchange").toString());
        // why: the shop serves one media folder; both nodes publish into it (compose: the media volume)
        env.put("CATALOG_MEDIA_DIR", IntegrationTestSettings.mediaDir().toString());
        nodeB = PayaraMicroProcess.start(PayaraMicroProcess.Settings.forProject(projectDir, BackingServices.freePort(), env,
                projectDir.resolve("target/payara-node-b.log"))).awaitReady(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    private AdminApi nodeA;
    private AdminApi nodeBApi;

    @BeforeEach
    void waitUntilNothingRuns() {
        nodeA = new AdminApi(RunningApplication.baseUri());
        nodeBApi = new AdminApi(nodeB.baseUri());
        await().atMost(Duration.ofMinutes(3)).until(nodeA::nothingRuns);
    }

    @Test
    @Order(0)
    void anExchangeWhoseCallsAlternateBetweenTheNodesLandsCompletely() throws Exception {
        // Given a 3.1 split package zipped with its folders, and an exchange user
        long seed = System.nanoTime();
        Path dir = IntegrationTestSettings.projectDir().resolve("target/it-exchange/two-nodes-" + seed);
        DemoPackageWriter.write(dir.resolve("package"), 30, seed);
        Path zip = dir.resolve("v8_two_nodes.zip");
        ExchangeBenchmark.zipFolder(dir.resolve("package"), zip);
        byte[] zipped = Files.readAllBytes(zip);
        String user = "it-1c-two-nodes-" + (seed % 100_000);
        TestUsers.put(BackingServices.forTests(), user, "it-1c-two-nodes-password", "exchange");
        // calls go to node A, node B, node A, ... (a balancer without stickiness)
        OneCExchangeClient client = new OneCExchangeClient(List.of(RunningApplication.baseUri().resolve("1c_exchange"),
                nodeB.baseUri().resolve("1c_exchange")), user, "it-1c-two-nodes-password");

        // When checkauth, init, every part and every import poll alternate between the nodes
        OneCExchangeClient.requireSuccess(client.checkauth(), "checkauth");
        client.init();
        List<OneCExchangeClient.Answer> parts = client.sendInParts("v8_two_nodes.zip", zipped, 2_999);
        parts.forEach(part -> OneCExchangeClient.requireSuccess(part, "part"));
        OneCExchangeClient.Answer done = client.importUntilDone("v8_two_nodes.zip", Duration.ofMinutes(2));

        // Then the whole package landed, from a zip received whole in as many parts as were sent
        assertEquals("success", done.line(1), done.toString());
        JsonObject session = AdminApi.object(nodeBApi.get("imports/" + done.importSession().orElseThrow()));
        assertEquals(30, session.getJsonObject("changeReport").getJsonObject("products").getInt("read"), session.toString());
        JsonObject received = session.getJsonArray("receivedFiles").getJsonObject(0);
        assertEquals(zipped.length, received.getJsonNumber("size").longValue());
        assertEquals(parts.size(), received.getInt("chunks"));
        assertTrue(parts.size() > 8, "parts: " + parts.size());
        assertEquals(200, nodeA.get("catalog/products/" + DemoPackageWriter.productId(seed, 29)).statusCode());
    }

    @Test
    @Order(1)
    void anImportOnEitherNodePublishesItsPicturesToTheOneSharedMediaFolder() throws Exception {
        // Given two packages with pictures, and an exchange user
        long seed = System.nanoTime();
        Path dir = IntegrationTestSettings.projectDir().resolve("target/it-exchange/two-nodes-media-" + seed);
        String user = "it-1c-media-" + (seed % 100_000);
        TestUsers.put(BackingServices.forTests(), user, "it-1c-two-nodes-password", "exchange");
        List<URI> nodes = List.of(RunningApplication.baseUri().resolve("1c_exchange"), nodeB.baseUri().resolve("1c_exchange"));
        for (int node = 0; node < nodes.size(); node++) {
            DemoPackageWriter.write(dir.resolve("package-" + node), 3, seed + node, 1_500);
            Path zip = dir.resolve("v8_media_" + node + ".zip");
            ExchangeBenchmark.zipFolder(dir.resolve("package-" + node), zip);

            // When one exchange is imported by node A, the other by node B
            OneCExchangeClient client = new OneCExchangeClient(nodes.get(node), user, "it-1c-two-nodes-password");
            OneCExchangeClient.Answer done = client.exchange(List.of(zip.getFileName().toString()), i -> zip, Duration.ofMinutes(2));
            assertEquals("success", done.line(1), done.toString());
            JsonObject session = AdminApi.object(nodeBApi.get("imports/" + done.importSession().orElseThrow()));
            assertEquals(node == 1, "node-b".equals(session.getString("node")), "imported by node " + (node == 0 ? "A" : "B") + ": " + session);
            assertEquals(3, session.getJsonObject("changeReport").getJsonObject("pictures").getInt("new"), session.toString());
        }

        // Then the one folder holds both packages' pictures, byte for byte
        for (int node = 0; node < nodes.size(); node++) {
            for (int product = 0; product < 3; product++) {
                String id = DemoPackageWriter.productId(seed + node, product);
                Path picture = IntegrationTestSettings.mediaDir().resolve(DemoPackageWriter.picturePath(id));
                assertArrayEquals(Files.readAllBytes(dir.resolve("package-" + node + "/goods/" + DemoPackageWriter.picturePath(id))),
                        Files.readAllBytes(picture), id);
            }
        }
    }

    @Test
    @Order(2)
    void concurrentStartsOnBothNodesRunExactlyOneImport() throws Exception {
        List<HttpResponse<String>> responses;
        // why the table lock: the winner's import must still run when the last request arrives; a
        // loaded machine can delay a request to the (cold) second node past the end of a short import.
        try (HeldTableLock stuck = HeldTableLock.onWritesTo("product")) {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add((i % 2 == 0 ? nodeA : nodeBApi).postAsync("imports"));
            }
            responses = calls.stream().map(CompletableFuture::join).toList();
        }

        assertEquals(1, responses.stream().filter(r -> r.statusCode() == 202).count(), responses.toString());
        assertEquals(9, responses.stream().filter(r -> r.statusCode() == 409).count(), responses.toString());
    }

    @Test
    @Order(3)
    void anImportRunningOnOneNodeIsCancelledFromTheOther() throws Exception {
        forgetFileStates();
        // Given an import running on node B
        String summaryBefore = nodeA.get("catalog/summary").body();
        HttpResponse<String> started = nodeBApi.send("POST", nodeBApi.uri("imports"));
        assertEquals(202, started.statusCode(), started.body());
        long id = AdminApi.object(started).getJsonNumber("id").longValue();
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            JsonObject session = nodeA.object("imports/" + id);
            return "RUNNING".equals(session.getString("status")) && session.getJsonNumber("processedItems").longValue() > 0;
        });

        // When it is cancelled through node A
        HttpResponse<String> cancel = nodeA.send("POST", nodeA.uri("imports/" + id + "/cancel"));
        assertEquals(202, cancel.statusCode(), cancel.body());

        // Then node B learns of it through PostgreSQL and ends it CANCELLED within seconds
        long asked = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> "CANCELLED".equals(nodeA.object("imports/" + id).getString("status")));
        System.out.printf("Cancel from the other node took %d ms%n", (System.nanoTime() - asked) / 1_000_000);
        JsonObject cancelled = nodeA.object("imports/" + id);
        assertEquals("node-b", cancelled.getString("node"));
        assertTrue(cancelled.getString("errorMessage").startsWith("Cancelled by " + IntegrationTestSettings.ADMIN_USER), cancelled.toString());
        // and nothing of it reached the catalog, and node B released the lock: node A can start the next import
        assertEquals(summaryBefore, nodeA.get("catalog/summary").body());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<String> next = nodeA.send("POST", nodeA.uri("imports"));
            return next.statusCode() == 202;
        });
    }

    @Test
    @Order(4)
    void aNodeKilledDuringAnImportLeavesTheCatalogUnchangedAndTheNextImportRuns() throws Exception {
        forgetFileStates();
        // Given an import running on node B
        String summaryBefore = nodeA.get("catalog/summary").body();
        HttpResponse<String> started = nodeBApi.send("POST", nodeBApi.uri("imports"));
        assertEquals(202, started.statusCode(), started.body());
        long id = AdminApi.object(started).getJsonNumber("id").longValue();
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            JsonObject session = nodeA.object("imports/" + id);
            return "RUNNING".equals(session.getString("status")) && session.getJsonNumber("processedItems").longValue() > 0;
        });

        // When node B dies without any chance to clean up
        nodeB.process().destroyForcibly().waitFor();

        // Then in the gap before the watchdog notices, a start is refused at once (409, naming the
        // session), even once the dead node's Redis lock has expired, and creates no session
        int sessionsBefore = nodeA.array("imports?size=100").size();
        HttpResponse<String> whileLocked = nodeA.send("POST", nodeA.uri("imports"));
        assertEquals(409, whileLocked.statusCode(), whileLocked.body());
        deleteLockKey();
        HttpResponse<String> lockGone = nodeA.send("POST", nodeA.uri("imports"));
        assertEquals(409, lockGone.statusCode(), lockGone.body());
        assertEquals(id, AdminApi.object(lockGone).getJsonNumber("runningSessionId").longValue(), lockGone.body());
        assertEquals("An import is already running in the cluster.", AdminApi.object(lockGone).getString("message"));
        assertEquals(sessionsBefore, nodeA.array("imports?size=100").size(), "a refused start creates no session");

        // Then within a minute its session is FAILED with a reason an administrator understands
        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(nodeA.object("imports/" + id).getString("status")));
        String reason = nodeA.object("imports/" + id).getString("errorMessage");
        assertTrue(reason.contains("node-b") && reason.contains("stopped reporting"), reason);
        // and nothing of its import reached the catalog
        assertEquals(summaryBefore, nodeA.get("catalog/summary").body());
        // and the lock is free again: the next import starts and completes on node A
        await().atMost(Duration.ofSeconds(60)).until(() -> nodeA.send("POST", nodeA.uri("imports")).statusCode() == 202);
        await().atMost(Duration.ofMinutes(2)).until(nodeA::nothingRuns);
        JsonObject last = nodeA.array("imports?size=1").getJsonObject(0);
        assertEquals("COMPLETED", last.getString("status"), last.toString());
    }

    /** Deletes only the import lock's key, as its expiry after a node's death would. */
    /**
     * Node B's package may already be in the catalog (node B may win the concurrent starts, more so
     * once it is warm): re-imported unchanged it skips every file and ends within a second, before
     * anyone could cancel or kill it. Forgetting the file states (as any write outside an import does)
     * makes the next import read all of it.
     */
    private static void forgetFileStates() throws SQLException {
        TestDatabase.update("DELETE FROM import_file_state");
    }

    private static void deleteLockKey() {
        Config config = new Config();
        config.useSingleServer().setAddress(BackingServices.forTests().redisAddress());
        RedissonClient redis = Redisson.create(config);
        try {
            redis.getKeys().delete(RedissonImportLock.LOCK_NAME);
        } finally {
            redis.shutdown();
        }
    }
}
