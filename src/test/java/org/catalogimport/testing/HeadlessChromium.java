package org.catalogimport.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Debian's chromedriver (paths overridable with
 * {@code CHROMIUM_BIN} / {@code CHROMEDRIVER_BIN}); Selenium must not try to download a browser.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    public static ChromeDriver start() {
        String chromium = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(chromium)) || !Files.isExecutable(Path.of(chromedriver))) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver packages ("
                    + chromium + ", " + chromedriver + "); .ci/run installs them");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(chromedriver).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }
}
