package org.catalogimport.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.HeadlessChromium;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.TestUsers;
import org.catalogimport.testing.ConsoleBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console in a real headless Chromium against the real WAR on Payara Micro. */
@ExtendWith(RunningApplication.class)
class ConsoleLoginIT {

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) { // why: null when no browser could be started; that failure is the one to read
            browser.quit();
        }
    }

    private String url(String path) {
        return RunningApplication.baseUri().resolve(path).toString();
    }

    private void signIn(String username, String password) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username"))).sendKeys(username);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
    }

    @Test
    void anAnonymousVisitorIsSentToTheLoginPageAndSeesNoSessions() {
        browser.get(url("admin/imports"));

        wait.until(ExpectedConditions.urlContains("/login"));
        assertTrue(browser.getCurrentUrl().contains("continue=%2Fadmin%2Fimports"), browser.getCurrentUrl());
        assertTrue(browser.findElements(By.id("sessions:table")).isEmpty());
        assertTrue(browser.findElement(By.id("login:username")).isDisplayed());
    }

    @Test
    void theAdministratorSignsInAndSeesTheSessionsTable() {
        // Given the login page reached from the console's address
        browser.get(url("admin/imports"));

        // When the bootstrap administrator signs in
        signIn(IntegrationTestSettings.ADMIN_USER, IntegrationTestSettings.ADMIN_PASSWORD);

        // Then the console shows the sessions table and who is signed in
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions:table")));
        assertTrue(browser.getCurrentUrl().endsWith("/admin/imports"), browser.getCurrentUrl());
        assertEquals("Import sessions", browser.findElement(By.tagName("h1")).getText());
        assertTrue(table.findElement(By.tagName("thead")).getText().contains("Status"));
        assertTrue(browser.findElement(By.id("account:user")).getText().contains(IntegrationTestSettings.ADMIN_USER));
    }

    @Test
    void theConsoleSwitchesToRussianAndBack() {
        browser.get(url("admin/imports"));
        signIn(IntegrationTestSettings.ADMIN_USER, IntegrationTestSettings.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions:table")));

        ConsoleBrowser.switchLanguage(browser, "ru");

        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Сеансы импорта"));
        assertTrue(browser.findElement(By.id("sessions:start")).getText().contains("Запустить импорт"));
        ConsoleBrowser.switchLanguage(browser, "en");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Import sessions"));
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessage() {
        browser.get(url("login"));

        signIn(IntegrationTestSettings.ADMIN_USER, "not-the-password");

        WebElement messages = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:messages")));
        assertTrue(messages.getText().contains("Wrong user name or password"), messages.getText());
        browser.get(url("admin/imports"));
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    @Test
    void aUserWhoseRolesDoNotOpenTheConsoleIsForbidden() {
        TestUsers.put(BackingServices.forTests(), "it-console-metrics", "it-console-metrics-password", "metrics");
        browser.get(url("admin/imports"));

        signIn("it-console-metrics", "it-console-metrics-password");

        WebElement forbidden = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("forbidden")));
        assertTrue(forbidden.getText().contains("admin role"), forbidden.getText());
        assertTrue(browser.findElements(By.id("sessions:table")).isEmpty());
    }

    @Test
    void signingOutClosesTheConsoleAgain() {
        browser.get(url("admin/imports"));
        signIn(IntegrationTestSettings.ADMIN_USER, IntegrationTestSettings.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions:table")));

        browser.findElement(By.id("account:logout")).click();

        wait.until(ExpectedConditions.urlContains("/login"));
        browser.get(url("admin/imports"));
        wait.until(ExpectedConditions.urlContains("/login"));
        assertTrue(browser.findElements(By.id("sessions:table")).isEmpty());
    }
}
