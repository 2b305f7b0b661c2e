package org.catalogimport.platform.security;

import jakarta.json.Json;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.PayaraMicroProcess;
import org.catalogimport.testing.ServiceEndpoints;
import org.catalogimport.testing.TestDatabase;

/**
 * What authentication costs (docs/PERFORMANCE.md, "Authentication"): 20 clients × 20 requests each,
 * against a Payara Micro of its own (database catalog_auth_bench, 1,000 finished sessions), of
 * <ol>
 *   <li>{@code GET /login} without credentials (the yardstick: a page that checks no password);</li>
 *   <li>{@code GET /api/imports?size=20} with HTTP Basic (the administrator's password);</li>
 *   <li>the same with {@code Authorization: Bearer} and an API token issued for the administrator;</li>
 *   <li>one administrator sending 300 Basic requests one after another, while 20 clients at
 *       another address (203.0.113.66, through the trusted loopback proxy) send wrong passwords
 *       for the administrator and for unknown names as fast as they are answered; both start
 *       together, so the administrator meets the flood's first, hashed, guesses;</li>
 *   <li>20 clients × 20 Basic requests during a flood of the same kind from a fresh address
 *       (203.0.113.67).</li>
 * </ol>
 * Prints requests per second (wall time of the whole run), the median and p90 of the answers, and
 * what the flood was answered with. Every answer of a measured run must be 200, or it fails.
 *
 * <pre>./mvnw -B -Pbenchmark package -Dbench.main=org.catalogimport.platform.security.AuthenticationBenchmark</pre>
 */
public final class AuthenticationBenchmark {

    private static final String USER = "bench-admin";
    private static final String PASSWORD = "bench-admin-password";
    private static final int CLIENTS = 20;
    private static final int REQUESTS = 20;
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    /** One measured run: wall time and each answer's time. */
    record Run(String what, double seconds, List<Double> millis, Map<Integer, Integer> statuses) {

        double perSecond() {
            return millis.size() / seconds;
        }

        double percentile(double p) {
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }

        void print() {
            System.out.printf(Locale.ROOT, "%-58s %7.1f req/s   p50 %6.0f ms   p90 %6.0f ms   max %6.0f ms   %s%n",
                    what, perSecond(), percentile(0.5), percentile(0.9), percentile(1.0), statuses);
        }
    }

    private AuthenticationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path projectDir = Path.of(System.getProperty("catalog.project.dir", ".")).toAbsolutePath();
        ServiceEndpoints server = BackingServices.endpoints(System.getenv(), projectDir.resolve("target/bench/services"));
        Files.createDirectories(projectDir.resolve("target/bench"));
        String url = TestDatabase.recreate(server, "catalog_auth_bench");
        try (Connection db = DriverManager.getConnection(url, server.dbUser(), server.dbPassword());
             Statement statement = db.createStatement()) {
            statement.execute("insert into import_session (status, started_at, finished_at, total_items, processed_items,"
                    + " skipped_items, triggered_by, node, heartbeat_at)"
                    + " select 'COMPLETED', now() - make_interval(mins => i), now() - make_interval(mins => i) + interval '40 seconds',"
                    + " 1000, 1000, 0, 'bench', 'node-1', now() - make_interval(mins => i) from generate_series(1, 1000) as i");
        }
        Map<String, String> env = new HashMap<>(PayaraMicroProcess.applicationEnvironment(
                new ServiceEndpoints(url, server.dbUser(), server.dbPassword(), server.redisAddress())));
        env.put("CATALOG_ADMIN_USER", USER);
        env.put("CATALOG_ADMIN_PASSWORD", PASSWORD);
        // why trust the loopback: the flood comes from another address, as a proxy would forward it.
        env.put("CATALOG_TRUSTED_PROXIES", "127.0.0.1, ::1");
        try (PayaraMicroProcess payara = PayaraMicroProcess.start(PayaraMicroProcess.Settings.forProject(projectDir,
                BackingServices.freePort(), env, projectDir.resolve("target/bench/payara-auth.log")))
                .awaitReady(Duration.ofMinutes(4))) {
            URI base = payara.baseUri();
            String basic = AdminApi.basic(USER, PASSWORD);
            String bearer = issueToken(base, basic);
            IntFunction<HttpRequest> login = i -> HttpRequest.newBuilder(base.resolve("login")).build();
            IntFunction<HttpRequest> withBasic = i -> api(base, basic);
            IntFunction<HttpRequest> withToken = bearer == null ? null : i -> api(base, "Bearer " + bearer);

            // Warm-up: the JIT and the connection pools, so the runs compare the steady state (one
            // round left the later runs faster than the earlier ones).
            for (int round = 0; round < 3; round++) {
                run("warm-up", CLIENTS, REQUESTS, login, false);
                run("warm-up", CLIENTS, REQUESTS, withBasic, false);
                if (withToken != null) {
                    run("warm-up", CLIENTS, REQUESTS, withToken, false);
                }
            }

            List<Run> runs = new ArrayList<>();
            runs.add(run("GET /login, no credentials", CLIENTS, REQUESTS, login, true));
            runs.add(run("GET /api/imports?size=20, Basic", CLIENTS, REQUESTS, withBasic, true));
            if (withToken != null) {
                runs.add(run("GET /api/imports?size=20, Bearer token", CLIENTS, REQUESTS, withToken, true));
            } else {
                System.out.println("(no API tokens on this server: the Bearer run is skipped)");
            }
            Flood flood = new Flood(base, "203.0.113.66");
            runs.add(run("one administrator, Basic, 300 in a row, during a flood", 1, 300, withBasic, true));
            flood.stop();
            Flood second = new Flood(base, "203.0.113.67");
            runs.add(run("GET /api/imports?size=20, Basic, during a flood", CLIENTS, REQUESTS, withBasic, true));
            second.stop();
            System.out.printf(Locale.ROOT, "%nload average at the end: %.1f (2 cores)%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            runs.forEach(Run::print);
            flood.print();
            second.print();
            Run reference = runs.get(0);
            for (Run run : runs.subList(1, runs.size())) {
                if (run.millis().size() != reference.millis().size()) {
                    continue; // one administrator's requests: its p90 is the figure, not a throughput
                }
                System.out.printf(Locale.ROOT, "%-58s %.2f of /login's throughput%n", run.what(),
                        run.perSecond() / reference.perSecond());
            }
        }
    }

    private static HttpRequest api(URI base, String authorization) {
        return HttpRequest.newBuilder(base.resolve("api/imports?size=20")).header("Authorization", authorization).build();
    }

    /** A token for the administrator, or null on a server without tokens. */
    private static String issueToken(URI base, String basic) throws Exception {
        HttpResponse<String> issued = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        base.resolve("api/users/" + USER + "/tokens"))
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("name", "benchmark").build().toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = TOKEN.matcher(issued.body());
        return issued.statusCode() == 201 && token.find() ? token.group(1) : null;
    }

    /** {@code clients} clients, each with a connection of its own, sending {@code requests} requests one after another. */
    private static Run run(String what, int clientCount, int requests, IntFunction<HttpRequest> request,
                           boolean mustSucceed) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(clientCount);
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                done.add(clients.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    for (int i = 0; i < requests; i++) {
                        long sent = System.nanoTime();
                        HttpResponse<Void> answer = http.send(request.apply(i), HttpResponse.BodyHandlers.discarding());
                        millis.add((System.nanoTime() - sent) / 1e6);
                        statuses.merge(answer.statusCode(), 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        Run run = new Run(what, (System.nanoTime() - start) / 1e9, millis, new TreeMap<>(statuses));
        if (mustSucceed && !run.statuses().keySet().equals(Set.of(200))) {
            throw new IllegalStateException(what + ": answers other than 200: " + run.statuses());
        }
        return run;
    }

    /**
     * 20 clients at one address sending wrong passwords (for the administrator and for names
     * nobody has) one after another until stopped, at most two minutes.
     */
    private static final class Flood {

        private final AtomicBoolean stopped = new AtomicBoolean();
        private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        private final AtomicInteger sent = new AtomicInteger();
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        private final long start = System.nanoTime();
        private final String address;
        private double seconds;

        Flood(URI base, String address) {
            this.address = address;
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                    for (int i = 0; !stopped.get() && System.nanoTime() < deadline; i++) {
                        String user = i % 2 == 0 ? USER : "nobody-" + client + "-" + i;
                        HttpRequest guess = HttpRequest.newBuilder(base.resolve("api/imports?size=20"))
                                .header("Authorization", AdminApi.basic(user, "guess-" + i))
                                .header("X-Forwarded-For", address).build();
                        statuses.merge(http.send(guess, HttpResponse.BodyHandlers.discarding()).statusCode(), 1, Integer::sum);
                        sent.incrementAndGet();
                    }
                    return null;
                });
            }
        }

        void stop() throws InterruptedException {
            stopped.set(true);
            clients.shutdown();
            clients.awaitTermination(1, TimeUnit.MINUTES);
            seconds = (System.nanoTime() - start) / 1e9;
        }

        void print() {
            System.out.printf(Locale.ROOT, "flood from %s: %d wrong passwords in %.1f s (%.0f/s), answered %s%n",
                    address, sent.get(), seconds, sent.get() / seconds, new TreeMap<>(statuses));
        }
    }
}
