package org.catalogimport.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Which Chromium and chromedriver the browser tests drive, decided without touching the network so
 * the order can be unit-tested: {@code CHROMIUM_BIN} / {@code CHROMEDRIVER_BIN} when set, then
 * Debian's packages (what CI installs, as this machine reaches package registries but not the
 * internet), then whatever Selenium Manager finds or downloads (Chrome for Testing), which is what
 * lets {@code ./mvnw -B verify} pass on a machine that has only a JDK.
 */
final class BrowserSelection {

    static final String CHROMIUM_BIN = "CHROMIUM_BIN";
    static final String CHROMEDRIVER_BIN = "CHROMEDRIVER_BIN";
    static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DEBIAN_CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** One line, because it ends up as the first line of every failed browser test in the report. */
    static final String NO_BROWSER = "No browser for the browser tests: set CHROMIUM_BIN and CHROMEDRIVER_BIN,"
            + " or run 'apt-get install chromium chromium-driver',"
            + " or allow network access so Selenium Manager can download Chrome for Testing";

    /** Where the browser came from, for the log line that tells a puzzled reader which one ran. */
    enum Source { ENVIRONMENT, DEBIAN, SELENIUM_MANAGER }

    /** A browser and its driver; {@code browser} is empty when the driver is left to find its own. */
    record Browser(Source source, Optional<Path> browser, Path driver) {
    }

    private BrowserSelection() {
    }

    /**
     * @param environment      the process environment ({@code System.getenv()} in real runs)
     * @param executable       whether a file exists and may be executed ({@code Files::isExecutable})
     * @param seleniumManager  asked only when neither of the first two ways gives a browser
     */
    static Browser choose(Map<String, String> environment, Predicate<Path> executable,
            Supplier<Browser> seleniumManager) {
        Optional<String> chromium = nonBlank(environment.get(CHROMIUM_BIN));
        Optional<String> chromedriver = nonBlank(environment.get(CHROMEDRIVER_BIN));
        if (chromium.isPresent() || chromedriver.isPresent()) {
            // why: an explicit path is a decision; falling back past a typo would hide it.
            Path browser = chromium.map(Path::of).orElse(DEBIAN_CHROMIUM);
            Path driver = chromedriver.map(Path::of).orElse(DEBIAN_CHROMEDRIVER);
            requireExecutable(executable, browser, chromium.isPresent() ? CHROMIUM_BIN : "Debian's chromium");
            requireExecutable(executable, driver,
                    chromedriver.isPresent() ? CHROMEDRIVER_BIN : "Debian's chromedriver");
            return new Browser(Source.ENVIRONMENT, Optional.of(browser), driver);
        }
        if (executable.test(DEBIAN_CHROMIUM) && executable.test(DEBIAN_CHROMEDRIVER)) {
            return new Browser(Source.DEBIAN, Optional.of(DEBIAN_CHROMIUM), DEBIAN_CHROMEDRIVER);
        }
        try {
            return seleniumManager.get();
        } catch (RuntimeException cannotDownload) {
            throw new IllegalStateException(NO_BROWSER, cannotDownload);
        }
    }

    private static void requireExecutable(Predicate<Path> executable, Path path, String name) {
        if (!executable.test(path)) {
            throw new IllegalStateException(name + " is " + path + ", which is not an executable file");
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isBlank());
    }
}
