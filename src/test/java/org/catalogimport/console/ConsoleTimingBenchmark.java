package org.catalogimport.console;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.PayaraMicroProcess;
import org.catalogimport.testing.ServiceEndpoints;
import org.flywaydb.core.Flyway;

/**
 * Console timings (README, "Performance"): with 100,000 sessions in the table, the server time of
 * the sessions page and of a poll request (with a pending upload in the package panel), and the time from a click on "Start import" to the
 * session being RUNNING. Starts its own Payara Micro on a database of its own (catalog_console_bench).
 *
 * <pre>./mvnw -B -Pbenchmark package -Dbench.main=org.catalogimport.console.ConsoleTimingBenchmark</pre>
 */
public final class ConsoleTimingBenchmark {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final String USER = "bench-admin";
    private static final String PASSWORD = "bench-admin-password";

    private ConsoleTimingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = Integer.getInteger("bench.sessions", 100_000);
        Path projectDir = Path.of(System.getProperty("catalog.project.dir", ".")).toAbsolutePath();
        ServiceEndpoints server = BackingServices.endpoints(System.getenv(), projectDir.resolve("target/bench/services"));
        String url;
        try (Connection admin = DriverManager.getConnection(server.dbUrl(), server.dbUser(), server.dbPassword());
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS catalog_console_bench WITH (FORCE)");
            statement.execute("CREATE DATABASE catalog_console_bench");
        }
        url = server.dbUrl().replaceFirst("/[^/?]+(\\?|$)", "/catalog_console_bench$1");
        Flyway.configure().dataSource(url, server.dbUser(), server.dbPassword()).locations("classpath:db/migration").load().migrate();

        Path importDir = projectDir.resolve("target/bench/console-package");
        if (!Files.isDirectory(importDir.resolve("goods"))) {
            DemoPackageWriter.write(importDir, 300, 1);
        }
        Map<String, String> env = new HashMap<>(PayaraMicroProcess.applicationEnvironment(
                new ServiceEndpoints(url, server.dbUser(), server.dbPassword(), server.redisAddress())));
        env.put("CATALOG_ADMIN_USER", USER);
        env.put("CATALOG_ADMIN_PASSWORD", PASSWORD);
        env.put("CATALOG_IMPORT_DIR", importDir.toString());
        try (PayaraMicroProcess payara = PayaraMicroProcess.start(PayaraMicroProcess.Settings.forProject(projectDir,
                BackingServices.freePort(), env, projectDir.resolve("target/bench/payara-console.log")))
                .awaitReady(Duration.ofMinutes(4))) {
            URI base = payara.baseUri();
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            login(http, base);

            // Click -> RUNNING, on an empty table.
            String page = get(http, base.resolve("admin/imports")).body();
            long clicked = System.nanoTime();
            HttpResponse<String> click = ajax(http, base, viewState(page), "sessions:confirmStart",
                    "sessions:startPanel sessions:packagePanel sessions:lockPanel sessions:table sessions:live sessions:messages");
            double clickResponseMs = (System.nanoTime() - clicked) / 1e6;
            double toRunningMs = -1;
            try (Connection db = DriverManager.getConnection(url, server.dbUser(), server.dbPassword())) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline) {
                    try (Statement statement = db.createStatement();
                         ResultSet rows = statement.executeQuery("select count(*) from import_session where status in ('RUNNING', 'COMPLETED')")) {
                        rows.next();
                        if (rows.getLong(1) > 0) {
                            toRunningMs = (System.nanoTime() - clicked) / 1e6;
                            break;
                        }
                    }
                    LockSupport.parkNanos(2_000_000); // sample every ~2 ms
                }
                System.out.printf(Locale.ROOT, "start click: response %.0f ms (HTTP %d), RUNNING after %.0f ms%n",
                        clickResponseMs, click.statusCode(), toRunningMs);

                // 100k sessions, one of them running (so the page renders its poll).
                try (Statement statement = db.createStatement()) {
                    statement.execute("update import_session set status = 'COMPLETED', finished_at = now() where status in ('PENDING','RUNNING')");
                    statement.execute("insert into import_session (status, started_at, finished_at, total_items, processed_items,"
                            + " skipped_items, triggered_by, node, heartbeat_at)"
                            + " select case when i % 10 = 0 then 'FAILED' else 'COMPLETED' end,"
                            + " now() - make_interval(mins => i), now() - make_interval(mins => i) + interval '40 seconds',"
                            + " 1000, 1000, i % 7, 'bench', 'node-1', now() - make_interval(mins => i)"
                            + " from generate_series(1, " + (sessions - 2) + ") as i");
                    // why a heartbeat in the future: the watchdog must not fail this synthetic running session.
                    statement.execute("insert into import_session (status, started_at, total_items, processed_items, triggered_by, node, heartbeat_at)"
                            + " values ('RUNNING', now(), 1000, 500, 'bench', 'node-1', now() + interval '1 hour')");
                    // one session with a million problems, for the session page and its CSV
                    statement.execute("update import_session set skipped_items = 900000, warning_items = 100000"
                            + " where id = (select min(id) from import_session where status = 'COMPLETED')");
                    statement.execute("insert into import_problem (session_id, kind, entity, item_id, file, line, reason)"
                            + " select (select min(id) from import_session where status = 'COMPLETED'),"
                            + " case when i % 10 = 0 then 'WARNING' else 'SKIPPED' end, 'offers', 'offer-' || i,"
                            + " 'offers/offers_1_' || (i / 1000) || '.xml', i % 5000,"
                            + " 'the offer was skipped, with its 3 price(s) and 3 stock row(s): its product p-' || i || ' is not in the catalog'"
                            + " from generate_series(1, 1000000) as i");
                    // a pending upload, so the package panel renders the upload (one more query per render)
                    statement.execute("insert into package_upload (folder, file_names, total_bytes, zip, xml_files, layouts,"
                            + " fingerprint, uploaded_by, uploaded_at) values ('" + importDir + "', 'bench-package.zip',"
                            + " 1234567, true, 12, 'CommerceML 3.1 split', 'bench', 'bench', now())");
                    statement.execute("analyze import_session");
                    statement.execute("analyze import_problem");
                }
            }
            explainSessionsPage(url, server);
            List<Double> pageTimes = new ArrayList<>();
            List<Double> pollTimes = new ArrayList<>();
            String viewState = null;
            for (int i = 0; i < 30; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = get(http, base.resolve("admin/imports"));
                pageTimes.add((System.nanoTime() - start) / 1e6);
                viewState = viewState(response.body());
                if (!response.body().contains("sessions:poll")) {
                    throw new IllegalStateException("the page should render its poll while a session runs");
                }
                if (!response.body().contains("bench-package.zip")) {
                    throw new IllegalStateException("the package panel should show the pending upload");
                }
            }
            for (int i = 0; i < 30; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = ajax(http, base, viewState, "sessions:poll",
                        "sessions:startPanel sessions:packagePanel sessions:lockPanel sessions:table sessions:live sessions:messages");
                pollTimes.add((System.nanoTime() - start) / 1e6);
                if (response.statusCode() != 200 || !response.body().contains("partial-response")) {
                    throw new IllegalStateException("poll failed: " + response.statusCode() + " " + response.body());
                }
            }
            System.out.printf(Locale.ROOT, "with %,d sessions: page median %.0f ms (p90 %.0f), poll median %.0f ms (p90 %.0f), 20 rows per page%n",
                    sessions, median(pageTimes.subList(5, 30)), p90(pageTimes.subList(5, 30)),
                    median(pollTimes.subList(5, 30)), p90(pollTimes.subList(5, 30)));
            long problemSession;
            try (Connection db = DriverManager.getConnection(url, server.dbUser(), server.dbPassword());
                 Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("select session_id from import_problem limit 1")) {
                rows.next();
                problemSession = rows.getLong(1);
            }
            List<Double> detailTimes = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = get(http, base.resolve("admin/session?id=" + problemSession));
                detailTimes.add((System.nanoTime() - start) / 1e6);
                if (!response.body().contains("offer-1<")) {
                    throw new IllegalStateException("the session page should list its first problems: " + response.statusCode());
                }
            }
            long csvStart = System.nanoTime();
            HttpResponse<InputStream> csv = http.send(HttpRequest.newBuilder(
                    base.resolve("admin/problems.csv?session=" + problemSession)).build(), HttpResponse.BodyHandlers.ofInputStream());
            long csvBytes;
            try (InputStream in = csv.body()) {
                csvBytes = in.transferTo(OutputStream.nullOutputStream());
            }
            System.out.printf(Locale.ROOT, "session page with 1,000,000 problems (count + first 50): median %.0f ms (p90 %.0f);"
                            + " CSV of all of them: %.1f s, %.0f MB%n", median(detailTimes.subList(5, 30)),
                    p90(detailTimes.subList(5, 30)), (System.nanoTime() - csvStart) / 1e9, csvBytes / 1e6);
        }
    }

    /**
     * The plan and time of the sessions table's page query as it was (a sort of every row) and as it
     * is (a walk of import_session_started_at_idx), so the figure says why it changed.
     */
    private static void explainSessionsPage(String url, ServiceEndpoints server) throws Exception {
        String columns = "select id, status, started_at, finished_at, total_items, processed_items, skipped_items,"
                + " warning_items, triggered_by from import_session";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("before (nulls last, started_at twice, status or-null)", columns
                + " where (cast(null as varchar) is null or status = cast(null as varchar))"
                + " order by started_at desc nulls last, started_at desc, id desc offset 0 rows fetch first 20 rows only");
        queries.put("after", columns + " where 1 = 1 order by started_at desc, id desc offset 0 rows fetch first 20 rows only");
        queries.put("count, as it was on every render", "select count(*) from import_session");
        queries.put("newest id, what decides whether to count again", "select max(id) from import_session");
        queries.put("pending upload", "select u.id from package_upload u where u.discarded_at is null and not exists"
                + " (select 1 from import_session s where s.upload_id = u.id and s.status = 'COMPLETED' and not s.dry_run)"
                + " order by u.uploaded_at desc, u.id desc fetch first 1 rows only");
        try (Connection db = DriverManager.getConnection(url, server.dbUser(), server.dbPassword());
             Statement statement = db.createStatement()) {
            for (Map.Entry<String, String> query : queries.entrySet()) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery("explain (analyze, costs off, timing off, summary on) " + query.getValue())) {
                    while (rows.next()) {
                        String line = rows.getString(1).strip();
                        if (line.startsWith("->") || line.startsWith("Limit") || line.startsWith("Aggregate")
                                || line.startsWith("Result") || line.startsWith("Execution")) {
                            plan.append(" | ").append(line);
                        }
                    }
                }
                System.out.println("sessions page SQL, " + query.getKey() + plan);
            }
        }
    }

    private static void login(HttpClient http, URI base) throws Exception {
        String page = get(http, base.resolve("login")).body();
        String form = "login=login&login%3Ausername=" + USER + "&login%3Apassword=" + PASSWORD
                + "&login%3Acontinue=&login%3Asubmit=&jakarta.faces.ViewState=" + enc(viewState(page));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (!response.body().contains("sessions:table")) {
            throw new IllegalStateException("login failed: " + response.statusCode());
        }
    }

    private static HttpResponse<String> ajax(HttpClient http, URI base, String viewState, String source, String render)
            throws Exception {
        String body = "jakarta.faces.partial.ajax=true&jakarta.faces.source=" + enc(source)
                + "&jakarta.faces.partial.execute=" + enc(source) + "&jakarta.faces.partial.render=" + enc(render)
                + "&" + enc(source) + "=" + enc(source) + "&sessions=sessions&jakarta.faces.ViewState=" + enc(viewState);
        return http.send(HttpRequest.newBuilder(base.resolve("admin/imports"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Faces-Request", "partial/ajax")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String viewState(String html) {
        Matcher matcher = VIEW_STATE.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no view state in the page");
        }
        return matcher.group(1).replace("&#58;", ":").replace("&amp;", "&");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double p90(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1);
    }
}
