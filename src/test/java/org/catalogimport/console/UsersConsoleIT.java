package org.catalogimport.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.ConsoleBrowser;
import org.catalogimport.testing.HeadlessChromium;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Users and Audit pages in a real Chromium, read as an administrator reads them and compared
 * with the API; and the imports page as a viewer sees it.
 */
@ExtendWith(RunningApplication.class)
class UsersConsoleIT {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Map<String, String> ACTION_LABELS = Map.of("USER_ADDED", "User added", "USER_DISABLED",
            "User disabled", "PASSWORD_RESET", "Password reset", "SIGN_IN_REFUSED", "Sign-in refused");

    private final AdminApi api = new AdminApi(RunningApplication.baseUri());
    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) { // why: null when no browser could be started; that failure is the one to read
            browser.quit();
        }
    }

    @Test
    void anAdministratorAddsAUserResetsItsPasswordOnceDisablesItAndReadsItInTheAuditTrail() throws Exception {
        String name = "it-console-user-" + RUN;
        WebDriverWait wait = ConsoleBrowser.signIn(browser, "admin/users", "users:table");
        UsersPage users = new UsersPage(browser);

        // When the administrator adds a user with the roles viewer (checked already) and metrics
        users.add(name, "console-user-password", 3);

        // Then the page lists it as the API does
        assertTrue(users.messages().contains("User " + name + " added."), users.messages());
        assertEquals(new UsersPage.Row(name, "Viewer, Metrics", "active"), users.row(name));
        JsonObject fromApi = api.object("users/" + name);
        assertEquals("[\"viewer\",\"metrics\"]", fromApi.getJsonArray("roles").toString());

        // When its password is reset, the new one is shown once and opens the API
        String password = users.resetPassword(name);
        assertEquals(200, api.as(name, password).get("metrics").statusCode());
        assertEquals(401, api.as(name, "console-user-password").get("metrics").statusCode());
        users.open();
        assertFalse(users.showsAPassword(), "shown once, not on the next visit");

        // When it is disabled, the page and the API say so
        users.disable(name);
        assertFalse(api.object("users/" + name).getBoolean("enabled"));

        // And the audit page shows what the API shows, newest first
        AuditPage audit = new AuditPage(browser).open();
        List<AuditPage.Row> shown = audit.rows().subList(0, 3);
        List<JsonObject> listed = api.array("audit?size=3").stream().map(JsonValue::asJsonObject).toList();
        for (int i = 0; i < 3; i++) {
            JsonObject row = listed.get(i);
            assertEquals(new AuditPage.Row(TIME.format(Instant.parse(row.getString("at")).atZone(ZoneId.systemDefault())),
                    row.getString("user"), row.getString("address"), ACTION_LABELS.get(row.getString("action")),
                    row.getString("target")), shown.get(i));
        }
        assertEquals(new AuditPage.Row(shown.get(0).at(), "it-admin", "127.0.0.1", "User disabled", "user " + name + " disabled"),
                shown.get(0));
        // (the old password, tried after the reset, was refused and recorded in between)
        assertEquals(List.of("Sign-in refused", name, "api: wrong user name or password"),
                List.of(shown.get(1).action(), shown.get(1).user(), shown.get(1).target()));
        assertEquals(List.of("Password reset", "user " + name), List.of(shown.get(2).action(), shown.get(2).target()));
        // and filters by action and user in the database
        audit.filter("USER_ADDED", "User added", "it-admin");
        List<AuditPage.Row> added = audit.rows();
        assertTrue(added.stream().anyMatch(row -> row.target().equals("user " + name + " (viewer, metrics)")), added.toString());
        assertEquals(Math.min(50, api.array("audit?size=500&action=USER_ADDED&user=it-admin").size()), added.size());

        // In Russian, the same facts in the page's words
        ConsoleBrowser.switchLanguage(browser, "ru");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Журнал аудита"));
        users.open();
        assertEquals("Пользователи", browser.findElement(By.cssSelector("main h1")).getText());
        assertEquals(new UsersPage.Row(name, "Наблюдатель, Метрики", "отключён"), users.row(name));
        ConsoleBrowser.switchLanguage(browser, "en");
    }

    @Test
    void anAdministratorIssuesAnApiTokenReadsItsLastUseAndRevokesIt() throws Exception {
        // Given a user for Prometheus
        String user = "it-console-token-" + RUN;
        TestUsers.put(BackingServices.forTests(), user, "console-token-password", "metrics");
        WebDriverWait wait = ConsoleBrowser.signIn(browser, "admin/users", "users:tokens");
        UsersPage users = new UsersPage(browser);

        // When the administrator issues two tokens for it on the page
        String token = users.issueToken(user, "prometheus");
        assertTrue(users.newTokenLabel().startsWith("New API token \"prometheus\" of " + user), users.newTokenLabel());
        users.issueToken(user, "deploy");

        // Then each is shown once, and listed as never used, as the API lists it
        assertTrue(token.matches("cit_[A-Za-z0-9_-]{43}"), token);
        assertEquals(new UsersPage.TokenRow(user, "prometheus", "it-admin", "never"), users.tokenRow(user, "prometheus"));
        assertEquals(List.of("deploy", "prometheus"), api.array("users/" + user + "/tokens").stream()
                .map(t -> t.asJsonObject().getString("name")).toList());

        // When Prometheus scrapes with the token
        assertEquals(200, api.bearer(token).get("metrics").statusCode());

        // Then the page shows its last use as the API has it, and no token any more
        users.open();
        assertFalse(users.showsAToken(), "shown once, not on the next visit");
        JsonObject used = api.array("users/" + user + "/tokens").stream().map(JsonValue::asJsonObject)
                .filter(t -> t.getString("name").equals("prometheus")).findFirst().orElseThrow();
        String lastUsed = TIME.format(Instant.parse(used.getString("lastUsedAt")).atZone(ZoneId.systemDefault()));
        assertEquals(new UsersPage.TokenRow(user, "prometheus", "it-admin", lastUsed), users.tokenRow(user, "prometheus"));

        // In Russian, the same facts in the page's words; the revocation says so and the token is refused
        browser.findElement(By.id("account:ru")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Пользователи"));
        assertEquals(List.of("Пользователь", "Название", "Выпущен", "Кем выпущен", "Последнее использование"), users.tokenHeaders());
        assertEquals(new UsersPage.TokenRow(user, "deploy", "it-admin", "не использовался"), users.tokenRow(user, "deploy"));
        assertEquals(new UsersPage.TokenRow(user, "prometheus", "it-admin", lastUsed), users.tokenRow(user, "prometheus"));
        users.revokeToken(user, "prometheus");
        assertTrue(users.messages().contains("Токен «prometheus» пользователя " + user + " отозван."), users.messages());
        assertEquals(401, api.bearer(token).get("metrics").statusCode());
        browser.findElement(By.id("account:en")).click();
    }

    @Test
    void aViewerReadsTheImportsPageWithoutItsActionsAndNoUsersOrAudit() {
        String viewer = "it-console-viewer-" + RUN;
        TestUsers.put(BackingServices.forTests(), viewer, "console-viewer-password", "viewer");

        WebDriverWait wait = ConsoleBrowser.signIn(browser, "admin/imports", "sessions:table", viewer, "console-viewer-password");

        assertTrue(browser.findElement(By.id("sessions:readOnly")).getText().contains("need the admin role"));
        for (String action : List.of("sessions:start", "sessions:check", "upload:send", "navUsers", "navAudit")) {
            assertTrue(browser.findElements(By.id(action)).isEmpty(), action + " is shown to a viewer");
        }
        assertTrue(browser.findElement(By.id("navAccount")).isDisplayed());
        browser.get(RunningApplication.baseUri().resolve("admin/users").toString());
        assertTrue(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("forbidden"))).isDisplayed());
    }
}
