package org.catalogimport.imports.api;

import static org.awaitility.Awaitility.await;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Imports started and followed over the REST API, as automation would, on the shared server. */
@ExtendWith(RunningApplication.class)
class ImportApiIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString(
            (IntegrationTestSettings.ADMIN_USER + ":" + IntegrationTestSettings.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private HttpResponse<String> send(String method, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", AUTH)
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI api(String path) {
        return RunningApplication.baseUri().resolve("api/" + path);
    }

    private static JsonObject object(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private JsonObject session(URI location) throws IOException, InterruptedException {
        return object(send("GET", location).body());
    }

    @BeforeEach
    void nothingRuns() {
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            JsonArray running = Json.createReader(new StringReader(send("GET", api("imports?status=RUNNING")).body())).readArray();
            JsonArray pending = Json.createReader(new StringReader(send("GET", api("imports?status=PENDING")).body())).readArray();
            return running.isEmpty() && pending.isEmpty();
        });
    }

    @Test
    void anImportStartedOverTheApiFillsTheCatalog() throws Exception {
        // When automation starts an import
        HttpResponse<String> started = send("POST", api("imports"));

        // Then it is accepted at once with the session and its address
        assertEquals(202, started.statusCode(), started.body());
        URI location = URI.create(started.headers().firstValue("Location").orElseThrow());
        assertEquals(object(started.body()).getJsonNumber("id").longValue(),
                Long.parseLong(location.getPath().substring(location.getPath().lastIndexOf('/') + 1)));

        // and it completes with exact progress
        await().atMost(Duration.ofMinutes(2)).until(() -> session(location).getString("status").matches("COMPLETED|FAILED"));
        JsonObject done = session(location);
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(done.getJsonNumber("totalItems").longValue(), done.getJsonNumber("processedItems").longValue());

        // and the catalog answers for a product of the package, with offers, prices and stock
        String productId = DemoPackageWriter.productId(IntegrationTestSettings.IMPORT_SEED, 0);
        HttpResponse<String> product = send("GET", api("catalog/products/" + productId));
        assertEquals(200, product.statusCode(), product.body());
        JsonObject json = object(product.body());
        assertEquals(productId, json.getString("id"));
        JsonObject offer = json.getJsonArray("offers").getJsonObject(0);
        assertTrue(offer.getJsonArray("prices").getJsonObject(0).getString("price").matches("\\d+\\.\\d{4}"), offer.toString());
        assertEquals(3, offer.getJsonArray("stock").size(), offer.toString());
        JsonObject summary = object(send("GET", api("catalog/summary")).body());
        assertTrue(summary.getJsonNumber("products").longValue() >= IntegrationTestSettings.IMPORT_PRODUCTS, summary.toString());
        assertEquals(404, send("GET", api("catalog/products/no-such-product")).statusCode());
    }

    @Test
    void concurrentStartsStartExactlyOneImportAndTheRestGet409() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(api("imports")).header("Authorization", AUTH)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();

        assertEquals(1, responses.stream().filter(r -> r.statusCode() == 202).count(), responses.toString());
        assertEquals(9, responses.stream().filter(r -> r.statusCode() == 409).count(), responses.toString());
        HttpResponse<String> conflict = responses.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        assertTrue(object(conflict.body()).getString("message").contains("already running"), conflict.body());
    }

    @Test
    void withRedisDownAStartIsRefusedWith503AndCreatesNoSession() throws Exception {
        JsonArray before = Json.createReader(new StringReader(send("GET", api("imports?size=1")).body())).readArray();
        RunningApplication.redisProxy().cut();
        try {
            HttpResponse<String> response = send("POST", api("imports"));

            assertEquals(503, response.statusCode(), response.body());
            assertTrue(object(response.body()).getString("message").contains("Redis"), response.body());
        } finally {
            RunningApplication.redisProxy().restore();
        }
        JsonArray after = Json.createReader(new StringReader(send("GET", api("imports?size=1")).body())).readArray();
        assertEquals(before.isEmpty() ? -1 : before.getJsonObject(0).getJsonNumber("id").longValue(),
                after.isEmpty() ? -1 : after.getJsonObject(0).getJsonNumber("id").longValue());
    }
}
