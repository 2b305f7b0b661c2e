package org.catalogimport.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.catalogimport.dev.ShapePackageWriter;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.ConsoleBrowser;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RenderedTable;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.ServiceEndpoints;
import org.catalogimport.testing.SignedInBrowser;
import org.catalogimport.testing.StoredSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What an administrator reads when an import had problems, in a real Chromium, compared with what
 * the API says: the session's status ("Completed with 3 problems"), the column headers, the
 * change report, the problem rows (filtered), the CSV download, and a progress bar whose label
 * stays inside it, in English and Russian. The sessions are written into the database as an
 * import would leave them, so the test knows every row the page must show.
 */
@ExtendWith(RunningApplication.class)
class ConsoleTroubleshootingIT {

    @RegisterExtension
    final SignedInBrowser console = SignedInBrowser.at("admin/imports", "sessions:table");
    private WebDriver browser;
    private WebDriverWait wait;
    private SessionsPage sessions;
    private AdminApi api;

    @BeforeEach
    void useTheSignedInBrowser() {
        browser = console.browser();
        wait = console.waiter();
        sessions = new SessionsPage(browser);
        api = console.api();
    }

    private static Connection database() throws SQLException {
        ServiceEndpoints services = BackingServices.forTests();
        return DriverManager.getConnection(services.dbUrl(), services.dbUser(), services.dbPassword());
    }

    /** A finished session with two skipped items and one warning, as the importer stores them. */
    private static long sessionWithProblems() throws SQLException {
        long id = StoredSession.of("COMPLETED").lasting(Duration.ofSeconds(42)).items(12, 12).problems(2, 1)
                .by("it-troubleshooting").onNode("node-t")
                .entityCounts("{\"products\":{\"read\":5,\"inserted\":3,\"updated\":1,\"unchanged\":0,\"merged\":0,"
                        + "\"skipped\":1,\"deactivated\":2,\"warnings\":1},\"offers\":{\"read\":7,\"inserted\":6,\"updated\":0,"
                        + "\"unchanged\":0,\"merged\":0,\"skipped\":1,\"deactivated\":0,\"warnings\":0}}")
                .insert();
        try (Connection db = database()) {
            try (PreparedStatement problem = db.prepareStatement("insert into import_problem"
                    + " (session_id, kind, entity, item_id, file, line, reason) values (?, ?, ?, ?, ?, ?, ?)")) {
                Object[][] rows = {
                        {"SKIPPED", "products", "p-без-имени", "goods/goods_1.xml", 17L, "product has no name (Наименование)"},
                        {"SKIPPED", "offers", "ghost#v1", "offers/offers_1.xml", 40L,
                                "the offer was skipped, with its 2 price(s) and 0 stock row(s): its product ghost is not in the catalog"},
                        {"WARNING", "products", "g-missing", "goods/goods_1.xml", 9L,
                                "the group g-missing is not in the catalog; 4 product(s) refer to it and were stored with the reference kept"}};
                for (Object[] row : rows) {
                    problem.setLong(1, id);
                    for (int i = 0; i < row.length; i++) {
                        problem.setObject(i + 2, row[i]);
                    }
                    problem.executeUpdate();
                }
            }
            return id;
        }
    }

    @Test
    void aSessionWithProblemsShowsItsStatusReportAndProblemRowsAsTheApiSaysInBothLanguages() throws Exception {
        // Given a completed session with problems (the newest, so the first row of the table)
        long id = sessionWithProblems();
        JsonObject fromApi = api.object("imports/" + id);
        JsonArray apiProblems = fromApi.getJsonArray("problems");
        assertEquals(3, apiProblems.size(), fromApi.toString());

        // When the administrator opens the console
        browser.navigate().refresh();
        WebElement firstRow = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#sessions\\:table tbody tr")));

        // Then the headers are words, the status says "with problems" in its own colour
        List<String> headers = browser.findElements(By.cssSelector("#sessions\\:table thead th")).stream()
                .map(th -> th.getText().strip()).filter(t -> !t.isEmpty()).toList();
        assertTrue(headers.contains("Started") && headers.stream().noneMatch(h -> h.contains("{0}")), headers.toString());
        assertTrue(firstRow.getText().contains(String.valueOf(id)), firstRow.getText());
        WebElement status = firstRow.findElement(By.cssSelector(".status"));
        assertEquals("Completed with 3 problems", status.getText().strip());
        assertTrue(status.getAttribute("class").contains("status-COMPLETED_WITH_PROBLEMS"), status.getAttribute("class"));
        assertTrue(firstRow.getText().contains("42 s"), firstRow.getText());

        // When the session's details are opened
        browser.get(RunningApplication.baseUri().resolve("admin/session?id=" + id).toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail:problems")));

        // Then the problem rows are the API's, in the order found: kind, Ид, file:line, reason
        List<String> ids = RenderedTable.column(browser, "detail:problems", 2);
        assertEquals(apiProblems.stream().map(p -> p.asJsonObject().getString("itemId")).sorted().toList(),
                ids.stream().sorted().toList());
        assertEquals(List.of("Skipped", "Skipped", "Warning"), RenderedTable.column(browser, "detail:problems", 0).stream().sorted().toList());
        assertTrue(RenderedTable.column(browser, "detail:problems", 3).contains("goods/goods_1.xml:17"), RenderedTable.column(browser, "detail:problems", 3).toString());
        assertTrue(RenderedTable.column(browser, "detail:problems", 4).contains("product has no name (Наименование)"));
        // and the change report is a table with totals
        assertEquals(List.of("Products", "Offers"), RenderedTable.column(browser, "detail:report", 0));
        assertEquals(List.of("5", "7"), RenderedTable.column(browser, "detail:report", 1));
        String footer = browser.findElement(By.cssSelector("#detail\\:report tfoot")).getText();
        assertTrue(footer.contains("Total") && footer.contains("12") && footer.contains("9"), footer);
        assertEquals("Completed with 3 problems", browser.findElement(By.id("status")).getText().strip());

        // When only warnings are shown
        // why by the hidden select and its change event: the overlay's item can be covered mid-animation
        // under load; the filter request is the same one a click sends.
        ((JavascriptExecutor) browser).executeScript(
                "var s = document.getElementById('detail:problems:kindFilter_input'); s.value = 'WARNING';"
                        + " s.dispatchEvent(new Event('change'));");
        new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(driver -> RenderedTable.column(browser, "detail:problems", 2).equals(List.of("g-missing")));

        // And the CSV holds every problem, UTF-8 with a BOM, Cyrillic intact
        HttpResponse<byte[]> csv = new SessionPage(browser).problemsCsv(id);
        assertEquals(200, csv.statusCode());
        byte[] body = csv.body();
        assertTrue(body.length > 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF, "BOM");
        List<String> lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("kind,entity,id,file,line,reason", lines.get(0));
        assertEquals("SKIPPED,products,p-без-имени,goods/goods_1.xml,17,product has no name (Наименование)", lines.get(1));

        // And in Russian the same page speaks Russian
        ConsoleBrowser.switchLanguage(browser, "ru");
        wait.until(ExpectedConditions.textToBe(By.id("status"), "Завершён, проблем: 3"));
        assertEquals(List.of("Товары", "Предложения"), RenderedTable.column(browser, "detail:report", 0));
        browser.get(RunningApplication.baseUri().resolve("admin/imports").toString());
        List<String> ruHeaders = wait.until(driver -> driver.findElements(By.cssSelector("#sessions\\:table thead th")))
                .stream().map(th -> th.getText().strip()).toList();
        assertTrue(ruHeaders.contains("Начало"), ruHeaders.toString());
        assertTrue(browser.findElement(By.cssSelector("#sessions\\:table tbody tr")).getText().contains("42 с"));
        ConsoleBrowser.switchLanguage(browser, "en");
    }

    @Test
    void theProgressLabelStaysInsideItsBarInBothLanguages() throws Exception {
        // Given a running session with six-digit counts
        long id = StoredSession.of("RUNNING").items(271_536, 187_445).by("it-progress").onNode("node-t")
                .heartbeat(Duration.ofMinutes(5)).insert();
        try {
            for (String language : List.of("en", "ru")) {
                // When the console shows it
                browser.get(RunningApplication.baseUri().resolve("admin/imports").toString());
                ConsoleBrowser.switchLanguage(browser, language);
                WebElement bar = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".session-progress")));
                WebElement label = bar.findElement(By.cssSelector(".ui-progressbar-label"));

                // Then its label is the percentage, inside the bar, on one line; the counts stand beside it
                assertEquals("69%", label.getText().strip(), language);
                Rectangle outer = bar.getRect();
                Rectangle inner = label.getRect();
                assertTrue(inner.getX() >= outer.getX() && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
                        && inner.getY() >= outer.getY() && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight(),
                        language + ": label " + inner.getX() + "," + inner.getY() + " " + inner.getWidth() + "x" + inner.getHeight()
                                + " outside bar " + outer.getX() + "," + outer.getY() + " " + outer.getWidth() + "x" + outer.getHeight());
                WebElement counts = bar.findElement(By.xpath("following-sibling::*[contains(@class,'progress-counts')]"));
                assertEquals("187445 / 271536", counts.getText().strip());
                assertTrue(counts.getRect().getX() >= outer.getX() + outer.getWidth(), "the counts are beside the bar, not on it");
                assertEquals(bar.getRect().getY() + bar.getRect().getHeight() / 2,
                        counts.getRect().getY() + counts.getRect().getHeight() / 2, 4, "on the same line");
            }

            // And while its total is still being counted (the first seconds of an import), the total reads "…", not 0
            try (Connection db = database(); Statement statement = db.createStatement()) {
                statement.executeUpdate("update import_session set total_items = 0 where id = " + id);
            }
            browser.get(RunningApplication.baseUri().resolve("admin/imports").toString());
            WebElement counting = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".session-progress")))
                    .findElement(By.xpath("following-sibling::*[contains(@class,'progress-counts')]"));
            assertEquals("187445 / …", counting.getText().strip());
            browser.get(RunningApplication.baseUri().resolve("admin/session.xhtml?id=" + id).toString());
            assertEquals("187445 / …", wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail:processed"))).getText().strip());
        } finally {
            ConsoleBrowser.switchLanguage(browser, "en");
            try (Connection db = database(); Statement statement = db.createStatement()) {
                statement.executeUpdate("update import_session set status = 'FAILED', finished_at = now() + interval '5 minutes',"
                        + " error_message = 'test session' where id = " + id);
            }
        }
    }

    private long importOverTheApiAndWait() throws Exception {
        HttpResponse<String> started = api.send("POST", api.uri("imports"));
        assertEquals(202, started.statusCode(), started.body());
        long id = AdminApi.object(started).getJsonNumber("id").longValue();
        await().atMost(Duration.ofMinutes(3)).until(() -> !api.object("imports/" + id).getString("status").matches("PENDING|RUNNING"));
        return id;
    }

    @Test
    void thePackagePanelSaysWhatTheNextImportReadsAndWhichSessionAlreadyImportedIt() throws Exception {
        // Given the demo package in the import folder, imported once
        long id = importOverTheApiAndWait();
        assertEquals("COMPLETED", api.object("imports/" + id).getString("status"));

        // When the console is opened (the panel is cached for a few seconds, so it may name an earlier session first)
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> {
            driver.navigate().refresh();
            return driver.findElements(By.cssSelector("#packageImported a")).stream()
                    .anyMatch(a -> a.getText().strip().equals("already imported by session " + id));
        });
        WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions:packagePanel")));

        // Then the panel names the folder, its files, layout and kind, and links the session that imported it
        String summary = sessions.text("packageSummary");
        assertTrue(summary.startsWith("folder " + IntegrationTestSettings.importDir()), summary);
        assertTrue(summary.matches("(?s).*\\d+ XML files, \\d+\\.\\d MB.*"), summary);
        assertTrue(summary.contains("CommerceML 3.1 split 3.1") && summary.contains("changes only"), summary);
        WebElement imported = panel.findElement(By.cssSelector("#packageImported a"));
        assertEquals("already imported by session " + id, imported.getText().strip());
        assertTrue(imported.getAttribute("href").endsWith("/admin/session?id=" + id), imported.getAttribute("href"));

        // And the start confirmation repeats it, without "allow mass deactivation" for a changes-only package
        browser.findElement(By.id("sessions:start")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions:startDialog")));
        assertEquals(IntegrationTestSettings.importDir().toString(), sessions.text("startDialogPackage"));
        assertTrue(browser.findElements(By.id("sessions:allowMassDeactivation")).isEmpty());
        browser.findElement(By.id("sessions:cancelStart")).click();

        // And in Russian
        ConsoleBrowser.switchLanguage(browser, "ru");
        wait.until(driver -> sessions.text("packageSummary").startsWith("папка "));
        assertTrue(sessions.text("packageSummary").contains("только изменения"), sessions.text("packageSummary"));
        assertEquals("уже импортирован сеансом " + id, sessions.text("packageImported"));
        ConsoleBrowser.switchLanguage(browser, "en");
    }

    @Test
    void aFullExchangeOffersAllowMassDeactivationAndTheStartPassesIt() throws Exception {
        // Given a full exchange of two products in the import folder, while the catalog holds the demo's 300
        importOverTheApiAndWait();
        Path importDir = IntegrationTestSettings.importDir();
        Path parked = importDir.resolveSibling("it-import-parked-full");
        Path full = importDir.resolveSibling("it-import-full");
        new ShapePackageWriter(ShapePackageWriter.Dialect.CLASSIC).fullExchange()
                .product("it-full-0", "A", null).product("it-full-1", "B", null).write(full);
        Files.move(importDir, parked);
        Files.move(full, importDir);
        try {
            // When the console shows it (the panel notices the new package within seconds)
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> {
                driver.navigate().refresh();
                return sessions.text("packageSummary").contains("full exchange");
            });
            assertTrue(sessions.text("packageSummary").contains("CommerceML 2.x 2.08"), sessions.text("packageSummary"));

            // Then the confirmation offers "allow mass deactivation"; without it the import is refused
            browser.findElement(By.id("sessions:start")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions:allowMassDeactivation")));
            long before = api.array("imports?size=1").getJsonObject(0).getJsonNumber("id").longValue();
            browser.findElement(By.id("sessions:confirmStart")).click();
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                JsonObject newest = api.array("imports?size=1").getJsonObject(0);
                return newest.getJsonNumber("id").longValue() > before
                        && !newest.getString("status").matches("PENDING|RUNNING");
            });
            JsonObject refused = api.array("imports?size=1").getJsonObject(0);
            assertEquals("FAILED", refused.getString("status"), refused.toString());
            assertTrue(refused.getString("errorMessage").contains("would deactivate"), refused.toString());
            assertEquals(false, refused.getBoolean("allowMassDeactivation"));

            // And with the box ticked, the start passes the flag and the import completes
            browser.navigate().refresh();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sessions:start"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#sessions\\:allowMassDeactivation .ui-chkbox-box"))).click();
            long refusedId = refused.getJsonNumber("id").longValue();
            browser.findElement(By.id("sessions:confirmStart")).click();
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                JsonObject newest = api.array("imports?size=1").getJsonObject(0);
                return newest.getJsonNumber("id").longValue() > refusedId
                        && newest.getString("status").matches("COMPLETED|FAILED|CANCELLED");
            });
            JsonObject allowed = api.array("imports?size=1").getJsonObject(0);
            assertEquals("COMPLETED", allowed.getString("status"), allowed.toString());
            assertEquals(true, allowed.getBoolean("allowMassDeactivation"));
        } finally {
            Files.move(importDir, full);
            Files.move(parked, importDir);
            // the demo package again, so the catalog is active for the tests after this one
            api.awaitIdle();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> {
                driver.navigate().refresh();
                return sessions.text("packageSummary").contains("changes only");
            });
            importOverTheApiAndWait();
        }
    }
}
