package org.catalogimport.platform.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What monitoring and API clients read: the Prometheus figures and the OpenAPI description. */
@ExtendWith(RunningApplication.class)
class OperationsEndpointsIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void metricsTellWhenTheLastSuccessfulImportFinished() throws Exception {
        AdminApi api = AdminApi.onceIdle();
        Instant before = Instant.now().minusSeconds(1);
        HttpResponse<String> started = api.send("POST", api.uri("imports"));
        assertEquals(202, started.statusCode(), started.body());
        api.awaitIdle();

        HttpResponse<String> metrics = api.get("metrics");

        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), metrics.headers().toString());
        String text = metrics.body();
        assertTrue(text.contains("# TYPE catalog_import_last_success_timestamp_seconds gauge"), text);
        assertTrue(value(text, "catalog_import_last_success_timestamp_seconds") >= before.getEpochSecond(), text);
        assertTrue(value(text, "catalog_import_sessions\\{status=\"completed\"\\}") >= 1, text);
        assertTrue(value(text, "catalog_import_last_items_per_second") > 0, text);
        assertEquals(0, value(text, "catalog_import_running"), text);
        assertEquals(401, http.send(HttpRequest.newBuilder(api.uri("metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "metrics need credentials like the rest of /api");
    }

    @Test
    void openApiDescribesTheImportsApiWithItsErrorAnswers() throws Exception {
        // why wait: right after the server is ready, Payara may still answer an empty document with 404
        // for a few seconds, until it has read the application's description.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> openApi("/openapi").statusCode() == 200);
        HttpResponse<String> response = openApi("/openapi");
        HttpResponse<String> withSlash = openApi("/openapi/");

        assertEquals(200, withSlash.statusCode(), withSlash.body());
        assertEquals(response.body(), withSlash.body(), "/openapi and /openapi/ serve the same document");
        String spec = response.body();
        assertTrue(spec.contains("/api/exchanges"), spec);
        assertTrue(spec.contains("/api/imports/{id}/cancel"), spec);
        assertTrue(spec.contains("Import and exchange figures for Prometheus"), "/api/metrics described: " + spec);
        assertTrue(spec.contains("an import is already running in the cluster"), spec);
        assertTrue(spec.contains("CANCELLED"), spec);
    }

    private HttpResponse<String> openApi(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(RunningApplication.baseUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String text, String metric) {
        Matcher matcher = Pattern.compile("(?m)^" + metric + " (\\S+)$").matcher(text);
        assertTrue(matcher.find(), metric + " in " + text);
        return Double.parseDouble(matcher.group(1));
    }
}
