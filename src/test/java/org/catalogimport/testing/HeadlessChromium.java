package org.catalogimport.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.catalogimport.testing.BrowserSelection.Browser;
import org.catalogimport.testing.BrowserSelection.Source;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.service.DriverFinder;

/**
 * A headless Chromium for the browser tests, chosen by {@link BrowserSelection}: {@code CHROMIUM_BIN}
 * / {@code CHROMEDRIVER_BIN}, else Debian's packages, else Selenium Manager's Chrome for Testing.
 * The choice is made once per test JVM; each call starts a fresh browser from it.
 */
public final class HeadlessChromium {

    private static final Logger LOG = Logger.getLogger(HeadlessChromium.class.getName());

    private static Browser chosen;
    /** why: a machine that cannot download would otherwise wait on Selenium Manager once per test. */
    private static IllegalStateException noBrowser;

    private HeadlessChromium() {
    }

    public static ChromeDriver start() {
        Browser browser = chosen();
        ChromeOptions options = new ChromeOptions();
        browser.browser().ifPresent(binary -> options.setBinary(binary.toFile()));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900", "--lang=en-US");
        // why: an explicit driver path keeps Selenium from running Selenium Manager again per browser.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(browser.driver().toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    private static synchronized Browser chosen() {
        if (noBrowser != null) {
            // why: a fresh exception per test, so JUnit does not pile every test's suppressed errors onto one
            throw new IllegalStateException(noBrowser.getMessage(), noBrowser.getCause());
        }
        if (chosen == null) {
            try {
                chosen = BrowserSelection.choose(System.getenv(), Files::isExecutable,
                        HeadlessChromium::askSeleniumManager);
            } catch (IllegalStateException e) {
                noBrowser = e;
                throw e;
            }
            LOG.info(() -> "Browser tests use " + chosen.browser().map(Path::toString)
                    .orElse("the driver's own browser") + " with " + chosen.driver() + " (" + chosen.source() + ")");
        }
        return chosen;
    }

    /**
     * Selenium Manager (bundled with selenium-java) finds a Chrome on this machine or downloads
     * Chrome for Testing and the matching chromedriver into {@code ~/.cache/selenium}.
     */
    private static Browser askSeleniumManager() {
        DriverFinder finder = new DriverFinder(ChromeDriverService.createDefaultService(), new ChromeOptions());
        Optional<Path> browser = Optional.ofNullable(finder.getBrowserPath())
                .filter(path -> !path.isBlank())
                .map(Path::of);
        return new Browser(Source.SELENIUM_MANAGER, browser, Path.of(finder.getDriverPath()));
    }
}
