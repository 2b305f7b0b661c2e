package org.catalogimport.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A browser signed in to the console for each test, as the administrator: before the test it waits
 * until no import runs (another test's import would re-render the page under it), starts headless
 * Chromium, opens {@code path} and signs in on the login page it leads to; after the test it closes
 * the browser. Register it with {@code @RegisterExtension}, after {@link RunningApplication}.
 */
public final class SignedInBrowser implements BeforeEachCallback, AfterEachCallback {

    private final String path;
    private final String readyId;
    private WebDriver browser;
    private WebDriverWait wait;
    private AdminApi api;

    private SignedInBrowser(String path, String readyId) {
        this.path = path;
        this.readyId = readyId;
    }

    /** Signs in on the way to {@code path} (e.g. "admin/imports") and waits for the element {@code readyId}. */
    public static SignedInBrowser at(String path, String readyId) {
        return new SignedInBrowser(path, readyId);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        api = AdminApi.onceIdle();
        browser = HeadlessChromium.start();
        wait = ConsoleBrowser.signIn(browser, path, readyId);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    public WebDriver browser() {
        return browser;
    }

    /** A 30-second wait on this browser. */
    public WebDriverWait waiter() {
        return wait;
    }

    /** The administrator's API client, for comparing what the page shows with what the API says. */
    public AdminApi api() {
        return api;
    }
}
