package org.catalogimport.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.catalogimport.dev.EveryProblemPackage;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.ConsoleBrowser;
import org.catalogimport.testing.EnglishPhrases;
import org.catalogimport.testing.HeadlessChromium;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.ServiceEndpoints;
import org.catalogimport.testing.SwappedImportFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;

/**
 * The Russian administrator's view of an import in which every kind of problem a package's data
 * can cause occurred ({@link EveryProblemPackage}, checked in the shared server, so the catalog
 * stays as it was): the session page and the problems CSV in Russian, without one English sentence,
 * and the change report's headers never broken inside a word.
 */
@ExtendWith(RunningApplication.class)
class RussianProblemsIT {

    private WebDriver browser;
    private AdminApi api;

    @BeforeEach
    void start() throws Exception {
        api = AdminApi.onceIdle();
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** A check (dry run) of the package with every problem, over the API; returns its session id. */
    private long checkEveryProblemPackage() throws Exception {
        try (SwappedImportFolder folder = SwappedImportFolder.withPackage("every-problem", EveryProblemPackage::write)) {
            HttpResponse<String> started = api.send("POST", api.uri("imports?dryRun=true"));
            assertEquals(202, started.statusCode(), started.body());
            long id = AdminApi.object(started).getJsonNumber("id").longValue();
            await().atMost(Duration.ofMinutes(3))
                    .until(() -> !api.object("imports/" + id).getString("status").matches("PENDING|RUNNING"));
            return id;
        }
    }

    private static Set<String> problemKeys(long sessionId) throws Exception {
        ServiceEndpoints services = BackingServices.forTests();
        try (Connection db = DriverManager.getConnection(services.dbUrl(), services.dbUser(), services.dbPassword());
             PreparedStatement query = db.prepareStatement(
                     "select distinct reason_key from import_problem where session_id = ?")) {
            query.setLong(1, sessionId);
            Set<String> keys = new TreeSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        }
    }

    @Test
    void anImportWithEveryProblemKindReadsRussianOnTheSessionPageAndInTheCsv() throws Exception {
        // Given a check of a package in which every kind of problem occurs
        long id = checkEveryProblemPackage();
        JsonObject session = api.object("imports/" + id);
        assertEquals("COMPLETED", session.getString("status"), session.toString());
        assertEquals(new TreeSet<>(EveryProblemPackage.PROBLEM_KEYS), problemKeys(id));
        long problems = session.getJsonNumber("skippedItems").longValue() + session.getJsonNumber("warnings").longValue();
        assertTrue(problems <= 50, "one page of problems: " + problems);

        // When the administrator reads its page in Russian, at the console's usual width
        browser.manage().window().setSize(new Dimension(1280, 900));
        ConsoleBrowser.signIn(browser, "admin/session?id=" + id, "detail:problems");
        SessionPage page = new SessionPage(browser).in("ru", "Завершён");

        // Then the status, every reason and the rest of the page are Russian: not one English sentence
        assertEquals("Завершён, проблем: " + problems, page.status());
        List<String> reasons = page.problemColumn(4);
        assertEquals(problems, reasons.size(), reasons.toString());
        for (String reason : reasons) {
            assertTrue(reason.matches("(?s).*[А-Яа-яЁё]{3,}.*"), reason);
        }
        assertTrue(reasons.contains("Товар «Товар без Ид» без Ид пропущен"), reasons.toString());
        assertTrue(reasons.contains("Файл картинки не найден: import_files/нет.jpg"), reasons.toString());
        assertEquals(List.of(), EnglishPhrases.in(page.text()));
        // and the change report's headers wrap between words, never inside one
        assertEquals(List.of(), page.reportHeadersBrokenInsideAWord());
        browser.manage().window().setSize(new Dimension(1024, 800));
        assertEquals(List.of(), page.reportHeadersBrokenInsideAWord(), "at 1024 px");

        // When the problems are downloaded as CSV in this browser session
        HttpResponse<byte[]> csv = page.problemsCsv(id);

        // Then the CSV is Russian too: its header, kinds, entities and reasons
        assertEquals(200, csv.statusCode());
        byte[] body = csv.body();
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertEquals("Вид,Сущность,Ид,Файл,Строка,Причина", lines.get(0));
        assertEquals(problems + 1, lines.size(), text);
        assertTrue(lines.contains("Пропущено,Товары,,import.xml,40,Товар «Товар без Ид» без Ид пропущен"), text);
        assertEquals(List.of(), EnglishPhrases.in(text));
        new SessionPage(browser).in("en", "Completed");
    }
}
