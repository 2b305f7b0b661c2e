package org.catalogimport.testing;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Signs a headless Chromium in to the console, as the test administrator unless told otherwise. */
public final class ConsoleBrowser {

    private ConsoleBrowser() {
    }

    /** Opens {@code path} (e.g. "admin/exchange"), signs in on the login page it leads to, and waits for {@code readyId}. */
    public static WebDriverWait signIn(WebDriver browser, String path, String readyId) {
        return signIn(browser, path, readyId, IntegrationTestSettings.ADMIN_USER, IntegrationTestSettings.ADMIN_PASSWORD);
    }

    /** The same as {@code user}. */
    public static WebDriverWait signIn(WebDriver browser, String path, String readyId, String user, String password) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(RunningApplication.baseUri().resolve(path).toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username"))).sendKeys(user);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(readyId)));
        return wait;
    }

    /**
     * Clicks EN or RU in the header and waits until the page that click loads is shown. Why wait for
     * the old page to go: the link posts the whole page, and until the browser has replaced it a wait
     * on the old page's elements passes (or reads an element that is about to go stale).
     */
    public static void switchLanguage(WebDriver browser, String language) {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("window.catalogOldPage = true;");
        browser.findElement(By.id("account:" + language)).click();
        // why a mark on the window: a new document has none, and Chromium reports an element of the
        // replaced document inconsistently (stale, or "node does not belong to the document").
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(driver -> page.executeScript("return window.catalogOldPage === undefined;").equals(Boolean.TRUE)
                        && driver.findElement(By.id("account:" + language)).getAttribute("class").contains("active"));
    }
}
