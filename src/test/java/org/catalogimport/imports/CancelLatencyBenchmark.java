package org.catalogimport.imports;

import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.PayaraMicroProcess;
import org.catalogimport.testing.ServiceEndpoints;
import org.catalogimport.testing.TestDatabase;

/**
 * Cancel latency (README, Performance): on a large package, the time from the cancel request
 * (what the console's button sends) to the session being CANCELLED, at three points of an import:
 * at its start (the package being located), a quarter through and two thirds through. Starts its own Payara Micro on
 * a database of its own (catalog_cancel_bench).
 *
 * <pre>./mvnw -B -Pbenchmark package -Dbench.main=org.catalogimport.imports.CancelLatencyBenchmark -Dbench.products=100000</pre>
 */
public final class CancelLatencyBenchmark {

    private CancelLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int products = Integer.getInteger("bench.products", 100_000);
        Path projectDir = Path.of(System.getProperty("catalog.project.dir", ".")).toAbsolutePath();
        ServiceEndpoints server = BackingServices.endpoints(System.getenv(), projectDir.resolve("target/bench/services"));
        String url = TestDatabase.recreate(server, "catalog_cancel_bench");

        Path importDir = projectDir.resolve("target/bench/cancel-package-" + products);
        if (!Files.isDirectory(importDir.resolve("goods"))) {
            long writing = System.nanoTime();
            DemoPackageWriter.write(importDir, products, 1);
            System.out.printf("Package of %,d products written in %.1f s%n", products, (System.nanoTime() - writing) / 1e9);
        }
        Map<String, String> env = new HashMap<>(PayaraMicroProcess.applicationEnvironment(
                new ServiceEndpoints(url, server.dbUser(), server.dbPassword(), server.redisAddress())));
        env.put("CATALOG_ADMIN_USER", IntegrationTestSettings.ADMIN_USER);
        env.put("CATALOG_ADMIN_PASSWORD", IntegrationTestSettings.ADMIN_PASSWORD);
        env.put("CATALOG_IMPORT_DIR", importDir.toString());
        env.put("CATALOG_IMPORT_WORK_DIR", projectDir.resolve("target/bench/cancel-work").toString());
        try (PayaraMicroProcess payara = PayaraMicroProcess.start(PayaraMicroProcess.Settings.forProject(projectDir,
                BackingServices.freePort(), env, projectDir.resolve("target/bench/payara-cancel.log")))
                .awaitReady(Duration.ofMinutes(4))) {
            AdminApi api = new AdminApi(payara.baseUri());
            for (double point : new double[] {0, 0.25, 0.66}) {
                measure(api, point);
            }
        }
    }

    /** Starts an import, cancels it once {@code fraction} of its items are processed (0: at once, while the package is located). */
    private static void measure(AdminApi api, double fraction) throws Exception {
        // why retried: the lock is released just after the previous session shows CANCELLED
        AtomicReference<HttpResponse<String>> startedRef = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            startedRef.set(api.send("POST", api.uri("imports")));
            return startedRef.get().statusCode() != 409;
        });
        HttpResponse<String> started = startedRef.get();
        if (started.statusCode() != 202) {
            throw new IllegalStateException("Not started: " + started.body());
        }
        URI session = URI.create(started.headers().firstValue("Location").orElseThrow());
        AtomicReference<JsonObject> stateRef = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonObject current = AdminApi.object(api.send("GET", session));
            stateRef.set(current);
            long total = current.getJsonNumber("totalItems").longValue();
            long processed = current.getJsonNumber("processedItems").longValue();
            return !"PENDING".equals(current.getString("status")) && (fraction == 0 || total > 0 && processed >= fraction * total);
        });
        JsonObject state = stateRef.get();
        long asked = System.nanoTime();
        HttpResponse<String> cancel = api.send("POST", session.resolve(session.getPath() + "/cancel"));
        double answerMs = (System.nanoTime() - asked) / 1e6;
        // why any end: a package small enough to complete before the cancel arrives ends COMPLETED
        AtomicReference<String> ended = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(() -> {
            ended.set(AdminApi.object(api.send("GET", session)).getString("status"));
            return ended.get().matches("CANCELLED|COMPLETED|FAILED");
        });
        double cancelledMs = (System.nanoTime() - asked) / 1e6;
        System.out.printf("Cancel at %s (%,d of %,d items): answer %d in %.0f ms, %s after %.0f ms%n",
                fraction == 0 ? "the start" : Math.round(fraction * 100) + " %",
                state.getJsonNumber("processedItems").longValue(), state.getJsonNumber("totalItems").longValue(),
                cancel.statusCode(), answerMs, ended.get(), cancelledMs);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(api::nothingRuns);
    }
}
