package org.catalogimport.exchange;

import static org.awaitility.Awaitility.await;
import static org.catalogimport.exchange.ExchangeTestPackages.assertShopLanded;
import static org.catalogimport.exchange.ExchangeTestPackages.client;
import static org.catalogimport.exchange.ExchangeTestPackages.newExchangeUser;
import static org.catalogimport.exchange.ExchangeTestPackages.newPrefix;
import static org.catalogimport.exchange.ExchangeTestPackages.sessionOf;
import static org.catalogimport.exchange.ExchangeTestPackages.writeShop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.catalogimport.dev.ShapePackageWriter;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.ConsoleBrowser;
import org.catalogimport.testing.HeadlessChromium;
import org.catalogimport.testing.HeldTableLock;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code POST /api/imports/{id}/retry}: a cancelled exchange import is imported again from the
 * files 1C sent, as a new session that names the one it repeats, and lands; a completed import, one
 * that read the import folder, and one whose files are gone are refused with 409 and the reason.
 */
@ExtendWith(RunningApplication.class)
class ImportAgainIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private AdminApi api;

    @BeforeEach
    void nothingImports() {
        api = AdminApi.onceIdle();
    }

    @Test
    void aCancelledExchangeImportIsImportedAgainAsANewSessionThatLands() throws Exception {
        // Given an exchange import that an administrator cancelled while it ran
        String prefix = newPrefix();
        long cancelled = cancelledExchangeImport(prefix);

        // When it is imported again through the API
        HttpResponse<String> retry = api.send("POST", api.uri("imports/" + cancelled + "/retry"));

        // Then a new session reads the same files, names the one it repeats, and the shop lands
        assertEquals(202, retry.statusCode(), retry.body());
        JsonObject started = AdminApi.object(retry);
        long again = started.getJsonNumber("id").longValue();
        assertTrue(again > cancelled);
        assertEquals(cancelled, started.getJsonNumber("retryOf").longValue(), started.toString());
        assertEquals(api.uri("imports/" + again).toString(), retry.headers().firstValue("Location").orElseThrow());
        await().atMost(TIMEOUT).until(() -> "COMPLETED".equals(api.object("imports/" + again).getString("status")));
        JsonObject done = api.object("imports/" + again);
        // the door that started it is the API; what it read is still the exchange's
        assertEquals("API", done.getString("source"));
        assertEquals(api.object("imports/" + cancelled).getString("sourceReference"), done.getString("sourceReference"));
        assertShopLanded(api, prefix, "5");

        // And a completed import is not imported again
        HttpResponse<String> refused = api.send("POST", api.uri("imports/" + again + "/retry"));
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("Import " + again + " is COMPLETED: only a failed or cancelled import can be imported again.",
                AdminApi.object(refused).getString("message"));
    }

    @Test
    void theSessionPageOffersImportAgainAndOpensTheNewSessionWhichNamesTheOldOne() throws Exception {
        // Given a cancelled exchange import, and its page as the administrator sees it
        String prefix = newPrefix();
        long cancelled = cancelledExchangeImport(prefix);
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = ConsoleBrowser.signIn(browser, "admin/session.xhtml?id=" + cancelled, "detail:importAgain");
            assertEquals("Import again", browser.findElement(By.id("detail:importAgain")).getText());

            // When the administrator clicks it and confirms
            browser.findElement(By.id("detail:importAgain")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();

            // Then the new session's page opens, says which import it repeats, and the import lands
            WebElement repeats = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail:retryOf")));
            assertEquals("#" + cancelled, repeats.getText());
            long again = Long.parseLong(browser.getCurrentUrl().replaceAll(".*[?&]id=(\\d+).*", "$1"));
            assertTrue(browser.findElement(By.id("detail:messages")).getText()
                    .contains("Import " + again + " started: it imports again the files of import " + cancelled + "."),
                    browser.findElement(By.id("detail:messages")).getText());
            await().atMost(TIMEOUT).until(() -> "COMPLETED".equals(api.object("imports/" + again).getString("status")));
            assertEquals(cancelled, api.object("imports/" + again).getJsonNumber("retryOf").longValue());
            assertShopLanded(api, prefix, "5");
            // And a completed session offers no "Import again"
            browser.navigate().refresh();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail:retryOf")));
            assertTrue(browser.findElements(By.id("detail:importAgain")).isEmpty());
        } finally {
            browser.quit();
        }
    }

    @Test
    void anImportWhoseFilesAreGoneOrThatReadTheImportFolderIsRefused() throws Exception {
        // Given a cancelled exchange import whose staged files were then deleted (their keep time passed)
        long cancelled = cancelledExchangeImport(newPrefix());
        deleteStagedFiles(api.object("imports/" + cancelled));

        // When it is imported again, then it is refused, saying the files are gone
        HttpResponse<String> gone = api.send("POST", api.uri("imports/" + cancelled + "/retry"));
        assertEquals(409, gone.statusCode(), gone.body());
        assertEquals("The files of import " + cancelled + " are gone (deleted after their keep time): they cannot be"
                + " imported again.", AdminApi.object(gone).getString("message"));
        // and its page says so instead of offering "Import again"
        WebDriver browser = HeadlessChromium.start();
        try {
            ConsoleBrowser.signIn(browser, "admin/session.xhtml?id=" + cancelled, "detail:filesGone");
            assertEquals("The files of this import are gone (deleted after their keep time): it cannot be imported again.",
                    browser.findElement(By.id("detail:filesGone")).getText());
            assertTrue(browser.findElements(By.id("detail:importAgain")).isEmpty());
        } finally {
            browser.quit();
        }

        // And an import of the import folder, cancelled, is refused too: the folder may hold another package by now
        long folderImport;
        try (HeldTableLock stuck = HeldTableLock.onWritesTo("product")) {
            HttpResponse<String> start = api.send("POST", api.uri("imports"));
            assertEquals(202, start.statusCode(), start.body());
            folderImport = AdminApi.object(start).getJsonNumber("id").longValue();
            cancel(folderImport);
        }
        HttpResponse<String> folder = api.send("POST", api.uri("imports/" + folderImport + "/retry"));
        assertEquals(409, folder.statusCode(), folder.body());
        assertTrue(AdminApi.object(folder).getString("message").contains("read the import folder"), folder.body());

        // And an unknown session is 404
        assertEquals(404, api.send("POST", api.uri("imports/999999999/retry")).statusCode());
    }

    /** An exchange of the shop whose import was cancelled while it waited for a write; returns its session. */
    private long cancelledExchangeImport(String prefix) throws Exception {
        Path shop = writeShop(ShapePackageWriter.Dialect.CLASSIC, prefix, false);
        OneCExchangeClient client = client(newExchangeUser());
        OneCExchangeClient.requireSuccess(client.checkauth(), "checkauth");
        client.init();
        client.sendFile("import.xml", shop.resolve("import.xml"));
        client.sendFile("offers.xml", shop.resolve("offers.xml"));
        long session;
        try (HeldTableLock stuck = HeldTableLock.onWritesTo("product")) {
            session = sessionOf(client.call("import", "filename=import.xml"));
            cancel(session);
        }
        return session;
    }

    private void cancel(long session) throws Exception {
        await().atMost(TIMEOUT).until(() -> "RUNNING".equals(api.object("imports/" + session).getString("status")));
        HttpResponse<String> cancel = api.send("POST", api.uri("imports/" + session + "/cancel"));
        assertEquals(202, cancel.statusCode(), cancel.body());
        await().atMost(TIMEOUT).until(() -> "CANCELLED".equals(api.object("imports/" + session).getString("status")));
    }

    /** What the retention job does after the keep time: the exchange's staged folder goes. */
    private static void deleteStagedFiles(JsonObject session) throws IOException {
        String exchange = session.getString("sourceReference").substring("exchange ".length());
        Path folder = IntegrationTestSettings.projectDir().resolve("target/it-work/exchange").resolve(exchange);
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(folder)).forEach(p -> p.toFile().delete());
        }
    }
}
