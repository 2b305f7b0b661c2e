package org.catalogimport.testing;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
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
}
