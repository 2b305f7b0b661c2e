package org.catalogimport.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.platform.redis.RedissonImportLock;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.ServiceEndpoints;
import org.catalogimport.testing.SignedInBrowser;
import org.catalogimport.testing.StoredSession;
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

/** The import console in a real headless Chromium: start, live refresh, messages, filter, the lock. */
@ExtendWith(RunningApplication.class)
class ConsoleImportIT {

    @RegisterExtension
    final SignedInBrowser console = SignedInBrowser.at("admin/imports", "sessions:table");
    private WebDriver browser;
    private WebDriverWait wait;
    private SessionsPage sessions;

    @BeforeEach
    void waitUntilTheStartButtonIsEnabled() {
        browser = console.browser();
        wait = console.waiter();
        sessions = new SessionsPage(browser);
        new WebDriverWait(browser, Duration.ofMinutes(2)).until(driver -> {
            driver.navigate().refresh();
            return !driver.findElement(By.id("sessions:start")).getAttribute("class").contains("ui-state-disabled");
        });
    }
    @Test
    void anImportStartedFromThePageRunsWithALivePollAndEndsWithASuccessMessage() {
        assertTrue(!sessions.pollExists(), "no poll while nothing runs");

        sessions.startAndConfirm();

        assertTrue(sessions.growl().contains("started"), sessions.growl());
        assertTrue(sessions.pollExists(), "the poll appears as soon as an import is started");
        // The poll refreshes every 10 s; the completion message comes with the first refresh after the end.
        new WebDriverWait(browser, Duration.ofMinutes(2)).ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElements(By.cssSelector(".ui-growl-message"))
                .stream().anyMatch(m -> m.getText().contains("completed")));
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(driver -> !sessions.pollExists());
        WebElement firstRow = browser.findElement(By.cssSelector("#sessions\\:table tbody tr"));
        assertTrue(firstRow.getText().contains("Completed"), firstRow.getText());
        assertTrue(firstRow.findElement(By.cssSelector(".status-COMPLETED")).isDisplayed());
    }

    @Test
    void theProgressBarMovesWhileALongImportRuns() throws Exception {
        // Given a package large enough to run for several 10-second refreshes, in the server's import folder
        Path importDir = IntegrationTestSettings.importDir();
        Path large = importDir.resolveSibling("it-import-progress");
        if (!Files.isDirectory(large.resolve("goods"))) {
            DemoPackageWriter.write(large, 60_000, 88);
        }
        Path parked = importDir.resolveSibling("it-import-parked");
        Files.move(importDir, parked);
        Files.move(large, importDir);
        try {
            // When the import is started from the page
            sessions.startAndConfirm();

            // Then the progress label changes between refreshes while the session runs
            Set<String> labels = new LinkedHashSet<>();
            new WebDriverWait(browser, Duration.ofMinutes(3)).pollingEvery(Duration.ofMillis(500))
                    .ignoring(StaleElementReferenceException.class).until(driver -> {
                        // the running row's counts, beside its bar (the bar itself shows the percentage)
                        driver.findElements(By.xpath("//*[@id='sessions:table']//tr[.//*[contains(@class,'status-RUNNING')]]"
                                        + "//*[contains(@class,'progress-counts')]")).stream()
                                .map(WebElement::getText).filter(text -> text.matches("[1-9]\\d* / \\d+")).forEach(labels::add);
                        return labels.size() >= 2 || driver.findElements(By.cssSelector(".ui-growl-message")).stream()
                                .anyMatch(m -> m.getText().contains("completed"));
                    });
            assertTrue(labels.size() >= 2, "the progress bar should show at least two different counts: " + labels);
        } finally {
            try {
                // why cancel: the test needs the bar moving, not the end; the cancelled import rolls
                // back, so the 60,000 products never reach the catalog the other tests share
                AdminApi api = new AdminApi(RunningApplication.baseUri());
                JsonArray newest = api.array("imports?size=1");
                if (!newest.isEmpty() && newest.getJsonObject(0).getString("status").matches("PENDING|RUNNING")) {
                    api.send("POST", api.uri("imports/" + newest.getJsonObject(0).getJsonNumber("id") + "/cancel"));
                }
                api.awaitIdle();
            } finally {
                Files.move(importDir, large);
                Files.move(parked, importDir);
            }
        }
    }

    @Test
    void aStartWhileAnotherNodeHoldsTheLockShowsAWarningAndStartsNothing() throws Exception {
        ServiceEndpoints services = BackingServices.forTests();
        Config config = new Config();
        config.useSingleServer().setAddress(services.redisAddress());
        RedissonClient otherNode = Redisson.create(config);
        RLock lock = otherNode.getLock(RedissonImportLock.LOCK_NAME);
        assertTrue(lock.tryLock(0, 60, TimeUnit.SECONDS), "the test plays another node that runs an import");
        try {
            String rowsBefore = browser.findElement(By.cssSelector("#sessions\\:table tbody")).getText();

            sessions.startAndConfirm();

            String message = sessions.growl();
            assertTrue(message.contains("already running"), message);
            assertEquals(rowsBefore, browser.findElement(By.cssSelector("#sessions\\:table tbody")).getText());
        } finally {
            lock.unlock();
            otherNode.shutdown();
        }
    }

    @Test
    void theStatusFilterShowsOnlySessionsOfTheChosenStatus() throws Exception {
        // why wait: while an import runs (another test's, ending), the page polls and re-renders the table
        AdminApi.onceIdle();
        StoredSession.of("FAILED").lasting(Duration.ofMinutes(1)).by("filter-it").error("for the filter test").insert();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions:table")));

        sessions.chooseStatusFilter("Failed");

        // why ignoring stale elements: the filter's ajax update replaces the rows while they are read.
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(driver -> {
            List<WebElement> rows = driver.findElements(By.cssSelector("#sessions\\:table tbody tr[data-ri]"));
            return !rows.isEmpty() && rows.stream().allMatch(r -> r.getText().contains("Failed"));
        });
        assertTrue(browser.findElement(By.cssSelector("#sessions\\:table tbody")).getText().contains("filter-it"));
    }
}
