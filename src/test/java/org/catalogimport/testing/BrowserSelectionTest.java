package org.catalogimport.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.catalogimport.testing.BrowserSelection.Browser;
import org.catalogimport.testing.BrowserSelection.Source;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.remote.NoSuchDriverException;

/** The order in which browser tests find a browser, with a fake file system and a fake Selenium Manager. */
class BrowserSelectionTest {

    private static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DEBIAN_CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Browser DOWNLOADED = new Browser(Source.SELENIUM_MANAGER,
            Optional.of(Path.of("/home/dev/.cache/selenium/chrome/linux64/139/chrome")),
            Path.of("/home/dev/.cache/selenium/chromedriver/linux64/139/chromedriver"));

    private final AtomicInteger seleniumManagerCalls = new AtomicInteger();
    private final Supplier<Browser> seleniumManager = () -> {
        seleniumManagerCalls.incrementAndGet();
        return DOWNLOADED;
    };

    private static Predicate<Path> executables(Path... paths) {
        return Set.of(paths)::contains;
    }

    @Test
    void environmentVariablesWinOverDebianAndSeleniumManager() {
        Path chrome = Path.of("/opt/chrome/chrome");
        Path driver = Path.of("/opt/chrome/chromedriver");

        Browser chosen = BrowserSelection.choose(
                Map.of("CHROMIUM_BIN", chrome.toString(), "CHROMEDRIVER_BIN", driver.toString()),
                executables(chrome, driver, DEBIAN_CHROMIUM, DEBIAN_CHROMEDRIVER), seleniumManager);

        assertEquals(new Browser(Source.ENVIRONMENT, Optional.of(chrome), driver), chosen);
        assertEquals(0, seleniumManagerCalls.get());
    }

    @Test
    void oneVariableReplacesOnlyItsOwnHalf() {
        Path chrome = Path.of("/opt/chrome/chrome");

        Browser chosen = BrowserSelection.choose(Map.of("CHROMIUM_BIN", chrome.toString()),
                executables(chrome, DEBIAN_CHROMIUM, DEBIAN_CHROMEDRIVER), seleniumManager);

        assertEquals(new Browser(Source.ENVIRONMENT, Optional.of(chrome), DEBIAN_CHROMEDRIVER), chosen);
    }

    @Test
    void aVariablePointingNowhereFailsInsteadOfFallingBackSilently() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> BrowserSelection.choose(Map.of("CHROMEDRIVER_BIN", "/nowhere/chromedriver"),
                        executables(DEBIAN_CHROMIUM, DEBIAN_CHROMEDRIVER), seleniumManager));

        assertEquals("CHROMEDRIVER_BIN is /nowhere/chromedriver, which is not an executable file",
                failure.getMessage());
        assertEquals(0, seleniumManagerCalls.get());
    }

    @Test
    void blankVariablesCountAsUnset() {
        Browser chosen = BrowserSelection.choose(Map.of("CHROMIUM_BIN", " ", "CHROMEDRIVER_BIN", ""),
                executables(DEBIAN_CHROMIUM, DEBIAN_CHROMEDRIVER), seleniumManager);

        assertEquals(Source.DEBIAN, chosen.source());
    }

    @Test
    void debianPackagesAreUsedWhenNoVariableIsSet() {
        Browser chosen = BrowserSelection.choose(Map.of(),
                executables(DEBIAN_CHROMIUM, DEBIAN_CHROMEDRIVER), seleniumManager);

        assertEquals(new Browser(Source.DEBIAN, Optional.of(DEBIAN_CHROMIUM), DEBIAN_CHROMEDRIVER), chosen);
        assertEquals(0, seleniumManagerCalls.get());
    }

    @Test
    void seleniumManagerIsAskedWhenNeitherVariablesNorDebianGiveABrowser() {
        Browser chosen = BrowserSelection.choose(Map.of("PATH", "/usr/bin"), executables(), seleniumManager);

        assertSame(DOWNLOADED, chosen);
        assertEquals(1, seleniumManagerCalls.get());
    }

    @Test
    void debianChromiumWithoutItsDriverIsNotEnough() {
        Browser chosen = BrowserSelection.choose(Map.of(), executables(DEBIAN_CHROMIUM), seleniumManager);

        assertSame(DOWNLOADED, chosen);
    }

    @Test
    void whenSeleniumManagerCannotDownloadTheMessageNamesTheThreeFixesOnOneLine() {
        NoSuchDriverException offline = new NoSuchDriverException("Unable to obtain: chromedriver, error"
                + " Command failed with code: 65\nerror sending request for url (https://googlechromelabs.github.io/)");

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> BrowserSelection.choose(Map.of(), executables(), () -> {
                    throw offline;
                }));

        assertEquals("No browser for the browser tests: set CHROMIUM_BIN and CHROMEDRIVER_BIN,"
                + " or run 'apt-get install chromium chromium-driver',"
                + " or allow network access so Selenium Manager can download Chrome for Testing",
                failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"));
        assertSame(offline, failure.getCause(), "Selenium Manager's own reason stays in the stack trace");
    }
}
