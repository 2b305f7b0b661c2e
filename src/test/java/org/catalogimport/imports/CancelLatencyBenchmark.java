package org.catalogimport.imports;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.PayaraMicroProcess;
import org.catalogimport.testing.ServiceEndpoints;
import org.catalogimport.testing.TestDatabase;
import org.flywaydb.core.Flyway;

/**
 * Cancel latency (README, Performance): on a large package, the time from the cancel request
 * (what the console's button sends) to the session being CANCELLED, at three points of an import:
 * during the pre-scan, a quarter through and two thirds through. Starts its own Payara Micro on
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

    /** Starts an import, cancels it once {@code fraction} of its items are processed (0: during the pre-scan). */
    private static void measure(AdminApi api, double fraction) throws Exception {
        HttpResponse<String> started = api.send("POST", api.uri("imports"));
        // why: the lock is released just after the previous session shows CANCELLED
        for (int i = 0; i < 100 && started.statusCode() == 409; i++) {
            Thread.sleep(100);
            started = api.send("POST", api.uri("imports"));
        }
        if (started.statusCode() != 202) {
            throw new IllegalStateException("Not started: " + started.body());
        }
        URI session = URI.create(started.headers().firstValue("Location").orElseThrow());
        JsonObject state;
        while (true) {
            state = AdminApi.object(api.send("GET", session));
            long total = state.getJsonNumber("totalItems").longValue();
            long processed = state.getJsonNumber("processedItems").longValue();
            if (!"PENDING".equals(state.getString("status")) && (fraction == 0 || total > 0 && processed >= fraction * total)) {
                break;
            }
            Thread.sleep(20); // why: a benchmark's polling interval, not test synchronisation
        }
        long asked = System.nanoTime();
        HttpResponse<String> cancel = api.send("POST", session.resolve(session.getPath() + "/cancel"));
        double answerMs = (System.nanoTime() - asked) / 1e6;
        while (!"CANCELLED".equals(AdminApi.object(api.send("GET", session)).getString("status"))) {
            Thread.sleep(20);
        }
        double cancelledMs = (System.nanoTime() - asked) / 1e6;
        System.out.printf("Cancel at %s (%,d of %,d items): answer %d in %.0f ms, CANCELLED after %.0f ms%n",
                fraction == 0 ? "pre-scan" : Math.round(fraction * 100) + " %",
                state.getJsonNumber("processedItems").longValue(), state.getJsonNumber("totalItems").longValue(),
                cancel.statusCode(), answerMs, cancelledMs);
        while (!api.nothingRuns()) {
            Thread.sleep(100);
        }
    }
}
