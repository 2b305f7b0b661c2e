package org.catalogimport.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.ConsoleBrowser;
import org.catalogimport.testing.HeadlessChromium;
import org.catalogimport.testing.RenderedTable;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.ServiceEndpoints;
import org.catalogimport.testing.StoredSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What an administrator sees of the 1C exchange in Chromium: the "1C exchange" page (what to enter
 * in 1C, the last exchanges with their files, sessions and result) and an exchange session's source
 * and received files — compared with what the API says. The exchange and its session are written
 * as the endpoint stores them, so this test reads the pages, not the protocol (ExchangeProtocolIT).
 */
@ExtendWith(RunningApplication.class)
class ExchangeConsoleIT {

    private WebDriver browser;
    private AdminApi api;
    private long exchangeId;
    private long sessionId;

    @BeforeEach
    void anExchangeThatImportedTwoFiles() throws SQLException {
        api = new AdminApi(RunningApplication.baseUri());
        try (Connection db = database()) {
            sessionId = StoredSession.of("COMPLETED").lasting(Duration.ofSeconds(3)).items(40, 40).by("it-1c")
                    .onNode("node-x").source("EXCHANGE", "pending").insert();
            exchangeId = single(db, """
                    insert into exchange (kind, user_name, remote_address, started_at, last_call_at, last_mode)
                    values ('catalog', 'it-1c', '10.1.2.3', now() + interval '1 hour', now() + interval '1 hour', 'import')
                    returning id""");
            try (PreparedStatement update = db.prepareStatement("update import_session set source_reference = ? where id = ?")) {
                update.setString(1, "exchange " + exchangeId);
                update.setLong(2, sessionId);
                update.executeUpdate();
            }
            long batch = single(db, "insert into exchange_batch (exchange_id, created_at, folder, session_id) values ("
                    + exchangeId + ", now(), '/x', " + sessionId + ") returning id");
            try (PreparedStatement file = db.prepareStatement("insert into exchange_file (exchange_id, name, size, chunks,"
                    + " first_at, last_at, batch_id) values (?, ?, ?, ?, now(), now(), ?)")) {
                Object[][] files = {{"import0_1.xml", 1_048_576L, 3}, {"offers0_1.xml", 524_288L, 1}};
                for (Object[] f : files) {
                    file.setLong(1, exchangeId);
                    file.setString(2, (String) f[0]);
                    file.setLong(3, (Long) f[1]);
                    file.setInt(4, (Integer) f[2]);
                    file.setLong(5, batch);
                    file.executeUpdate();
                }
            }
        }
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theExchangePageSaysWhatToEnterIn1cAndListsTheExchangeAsTheApiDoes() throws Exception {
        WebDriverWait wait = ConsoleBrowser.signIn(browser, "admin/exchange", "exchanges");

        assertEquals(RunningApplication.baseUri().resolve("1c_exchange").toString(), browser.findElement(By.id("url")).getText());
        assertEquals("yes", browser.findElement(By.id("zip")).getText());
        assertEquals("4194304", browser.findElement(By.id("fileLimit")).getText());
        String users = browser.findElement(By.id("users")).getText();
        List<String> exchangeUsers = exchangeUsers();
        assertEquals(exchangeUsers.isEmpty() ? "none: set CATALOG_EXCHANGE_USER and CATALOG_EXCHANGE_PASSWORD and restart"
                : String.join(", ", exchangeUsers), users);

        // The newest exchange is first (its last call is an hour ahead): user, address, files, session, result.
        List<String> first = newestExchange(wait);
        assertEquals(String.valueOf(exchangeId), first.get(0));
        assertEquals("it-1c", first.get(2));
        assertEquals("10.1.2.3", first.get(3));
        assertEquals("2 · 1.5 MB", first.get(4));
        assertEquals("#" + sessionId, first.get(5));
        assertEquals("Completed", first.get(6));

        JsonObject fromApi = api.array("exchanges?limit=5").getJsonObject(0);
        assertEquals(exchangeId, fromApi.getJsonNumber("id").longValue());
        assertEquals("COMPLETED", fromApi.getString("result"));
        assertEquals(2, fromApi.getJsonArray("files").size());
        assertEquals(sessionId, fromApi.getJsonArray("sessions").getJsonNumber(0).longValue());
        assertTrue(fromApi.keySet().stream().noneMatch(key -> key.startsWith("get")), "no getter names in the API: " + fromApi.keySet());

        // In Russian, the same row and the page's own words.
        ConsoleBrowser.switchLanguage(browser, "ru");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Обмен с 1С"));
        assertEquals("Завершён", newestExchange(wait).get(6));
        assertEquals("да", browser.findElement(By.id("zip")).getText());

        // The session link leads to the session, which names its source and the files 1C sent.
        ConsoleBrowser.switchLanguage(browser, "en");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "1C exchange"));
        browser.findElement(By.cssSelector("#exchanges a.exchange-session")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail:receivedFiles")));
        assertEquals("1C exchange (exchange " + exchangeId + ")", browser.findElement(By.id("detail:source")).getText());
        List<List<String>> files = RenderedTable.rows(browser, "detail:receivedFiles");
        assertEquals(List.of(List.of("import0_1.xml", "1048576", "3"), List.of("offers0_1.xml", "524288", "1")), files);

        JsonArray received = api.object("imports/" + sessionId).getJsonArray("receivedFiles");
        assertEquals(2, received.size());
        assertEquals("import0_1.xml", received.getJsonObject(0).getString("name"));
        assertEquals(3, received.getJsonObject(0).getInt("chunks"));
        assertEquals("EXCHANGE", api.object("imports/" + sessionId).getString("source"));
    }

    /** The exchanges table's first row: the newest exchange. */
    private static List<String> newestExchange(WebDriverWait wait) {
        return RenderedTable.cells(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#exchanges tbody tr"))));
    }

    private static List<String> exchangeUsers() throws SQLException {
        List<String> users = new ArrayList<>();
        try (Connection db = database(); PreparedStatement select = db.prepareStatement("select u.username from app_user u"
                + " join app_user_role r on r.user_id = u.id where r.role = 'exchange' and u.enabled order by u.username");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                users.add(rows.getString(1));
            }
        }
        return users;
    }

    private static Connection database() throws SQLException {
        ServiceEndpoints services = BackingServices.forTests();
        return DriverManager.getConnection(services.dbUrl(), services.dbUser(), services.dbPassword());
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
