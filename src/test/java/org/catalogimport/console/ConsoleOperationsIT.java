package org.catalogimport.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.catalogimport.platform.redis.RedissonImportLock;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.HeldTableLock;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.SignedInBrowser;
import org.catalogimport.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** The console's operations in Chromium: cancel a running import, check a package, the lock panel, the retention note. */
@ExtendWith(RunningApplication.class)
class ConsoleOperationsIT {

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
    @Test
    void aRunningImportIsCancelledFromThePageAfterAConfirmation() throws Exception {
        try (HeldTableLock stuck = HeldTableLock.onWritesTo("product")) {
            // Given an import RUNNING (waiting in a product write), shown on the page
            HttpResponse<String> started = api.send("POST", api.uri("imports"));
            long id = AdminApi.object(started).getJsonNumber("id").longValue();
            await().atMost(Duration.ofMinutes(1)).until(() -> "RUNNING".equals(api.object("imports/" + id).getString("status")));
            browser.navigate().refresh();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions:table:0:cancel")));
            // and the lock panel names it as the holder, with no release offered (it is alive)
            String lock = browser.findElement(By.id("sessions:lockPanel")).getText();
            assertTrue(lock.contains("by import " + id), lock);
            assertTrue(browser.findElements(By.id("sessions:releaseLock")).isEmpty(), "no release while the holder reports");

            // When the administrator clicks Cancel and confirms
            browser.findElement(By.id("sessions:table:0:cancel")).click();
            sessions.confirm();

            // Then the page says it is stopping, and shows it CANCELLED with the reason within seconds
            sessions.awaitGrowl("is stopping", Duration.ofSeconds(10));
            sessions.awaitGrowl("was cancelled", Duration.ofSeconds(30));
            String row = sessions.firstRow();
            assertTrue(row.contains("Cancelled"), row);
            assertTrue(browser.findElement(By.cssSelector("#sessions\\:table tbody tr .status-CANCELLED")).isDisplayed());
            assertEquals("CANCELLED", api.object("imports/" + id).getString("status"));
        }
    }

    @Test
    void checkPackageRunsADryRunThatIsMarkedAsACheck() {
        browser.findElement(By.id("sessions:check")).click();
        sessions.confirm();

        sessions.awaitGrowl("nothing it does will be saved", Duration.ofSeconds(10));
        sessions.awaitGrowl("Nothing was saved", Duration.ofMinutes(2));
        String row = sessions.firstRow();
        assertTrue(row.contains("Completed") && row.contains("check"), row);
    }

    @Test
    void aLockWhoseHolderIsGoneCanBeReleasedAndTheReleaseIsRecorded() throws Exception {
        Config config = new Config();
        config.useSingleServer().setAddress(BackingServices.forTests().redisAddress());
        RedissonClient crashedNode = Redisson.create(config);
        try {
            // Given a lock left behind by a node whose start crashed before any session ran
            RLock lock = crashedNode.getLock(RedissonImportLock.LOCK_NAME);
            assertTrue(lock.tryLock(0, 120, TimeUnit.SECONDS));
            browser.navigate().refresh();
            String panel = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions:lockPanel"))).getText();
            assertTrue(panel.contains("held") && panel.contains("no import is running"), panel);

            // When the administrator releases it and confirms
            browser.findElement(By.id("sessions:releaseLock")).click();
            sessions.confirm();

            // Then the lock is free, the panel says so, and the release is recorded with the administrator's name
            sessions.awaitGrowl("was released", Duration.ofSeconds(10));
            assertFalse(lock.isLocked());
            new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                    .until(driver -> driver.findElement(By.id("sessions:lockPanel")).getText().contains("free"));
            assertEquals(IntegrationTestSettings.ADMIN_USER,
                    TestDatabase.text("select released_by from import_lock_release order by id desc limit 1"));
            // and in the audit trail, with the browser's address
            JsonObject audited = api.array("audit?size=1&action=LOCK_RELEASED").getJsonObject(0);
            assertEquals(IntegrationTestSettings.ADMIN_USER, audited.getString("user"));
            assertEquals("127.0.0.1", audited.getString("address"));
            assertEquals("import lock (no session was running)", audited.getString("target"));
        } finally {
            crashedNode.shutdown();
        }
    }

    @Test
    void theFooterSaysHowLongHistoryIsKept() {
        List<WebElement> note = browser.findElements(By.id("sessions:retention"));
        assertEquals(1, note.size());
        assertTrue(note.get(0).getText().contains("90 days"), note.get(0).getText());
    }
}
