package org.catalogimport.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.HeldTableLock;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Imports started and followed over the REST API, as automation would, on the shared server. */
@ExtendWith(RunningApplication.class)
class ImportApiIT {

    private AdminApi api;

    @BeforeEach
    void nothingRuns() {
        api = AdminApi.onceIdle();
    }

    @Test
    void anImportStartedOverTheApiFillsTheCatalog() throws Exception {
        // When automation starts an import
        HttpResponse<String> started = api.send("POST", api.uri("imports"));

        // Then it is accepted at once with the session and its address
        assertEquals(202, started.statusCode(), started.body());
        URI location = URI.create(started.headers().firstValue("Location").orElseThrow());
        assertEquals(AdminApi.object(started).getJsonNumber("id").longValue(),
                Long.parseLong(location.getPath().substring(location.getPath().lastIndexOf('/') + 1)));

        // and it completes with exact progress
        await().atMost(Duration.ofMinutes(2)).until(() -> AdminApi.object(api.send("GET", location)).getString("status").matches("COMPLETED|FAILED"));
        JsonObject done = AdminApi.object(api.send("GET", location));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(done.getJsonNumber("totalItems").longValue(), done.getJsonNumber("processedItems").longValue());
        // and it says what it did: nothing skipped, no warnings, and the change report per entity
        assertEquals(0, done.getJsonNumber("skippedItems").longValue(), done.toString());
        assertEquals(0, done.getJsonNumber("warnings").longValue(), done.toString());
        assertEquals(0, done.getJsonNumber("failedItems").longValue(), "the old name of skippedItems: " + done);
        JsonObject products = done.getJsonObject("changeReport").getJsonObject("products");
        assertEquals(IntegrationTestSettings.IMPORT_PRODUCTS, products.getJsonNumber("read").longValue(), done.toString());
        assertEquals(products.getJsonNumber("read").longValue(), products.getJsonNumber("inserted").longValue()
                + products.getJsonNumber("updated").longValue() + products.getJsonNumber("unchanged").longValue(), done.toString());
        assertEquals(0, done.getJsonArray("problems").size(), done.toString());

        // and the catalog answers for a product of the package, with offers, prices and stock
        String productId = DemoPackageWriter.productId(IntegrationTestSettings.IMPORT_SEED, 0);
        HttpResponse<String> product = api.get("catalog/products/" + productId);
        assertEquals(200, product.statusCode(), product.body());
        JsonObject json = AdminApi.object(product);
        assertEquals(productId, json.getString("id"));
        JsonObject offer = json.getJsonArray("offers").getJsonObject(0);
        assertTrue(offer.getJsonArray("prices").getJsonObject(0).getString("price").matches("\\d+\\.\\d{4}"), offer.toString());
        assertEquals(3, offer.getJsonArray("stock").size(), offer.toString());
        JsonObject summary = api.object("catalog/summary");
        assertTrue(summary.getJsonNumber("products").longValue() >= IntegrationTestSettings.IMPORT_PRODUCTS, summary.toString());
        assertEquals(404, api.get("catalog/products/no-such-product").statusCode());
    }

    @Test
    void concurrentStartsStartExactlyOneImportAndTheRestGet409() throws Exception {
        List<HttpResponse<String>> responses;
        // why the table lock: the winner's import must still run when the last request arrives; an
        // unchanged package is now skipped file by file and imports in ~0.1 s (two 202s in CI)
        try (HeldTableLock stuck = HeldTableLock.onWritesTo("product")) {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(api.postAsync("imports"));
            }
            responses = calls.stream().map(CompletableFuture::join).toList();
        }

        assertEquals(1, responses.stream().filter(r -> r.statusCode() == 202).count(), responses.toString());
        assertEquals(9, responses.stream().filter(r -> r.statusCode() == 409).count(), responses.toString());
        HttpResponse<String> conflict = responses.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        assertTrue(AdminApi.object(conflict).getString("message").contains("already running"), conflict.body());
    }

    @Test
    void withRedisDownAStartIsRefusedWith503AndCreatesNoSession() throws Exception {
        JsonArray before = api.array("imports?size=1");
        RunningApplication.redisProxy().cut();
        try {
            HttpResponse<String> response = api.send("POST", api.uri("imports"));

            assertEquals(503, response.statusCode(), response.body());
            assertTrue(AdminApi.object(response).getString("message").contains("Redis"), response.body());
        } finally {
            RunningApplication.giveServicesBack();
        }
        JsonArray after = api.array("imports?size=1");
        assertEquals(before.isEmpty() ? -1 : before.getJsonObject(0).getJsonNumber("id").longValue(),
                after.isEmpty() ? -1 : after.getJsonObject(0).getJsonNumber("id").longValue());
    }
}
