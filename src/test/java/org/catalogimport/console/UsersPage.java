package org.catalogimport.console;

import java.time.Duration;
import java.util.List;
import org.catalogimport.testing.RunningApplication;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Users page ({@code /admin/users}) as a browser test drives it: one place for its ids. */
final class UsersPage {

    /** One row as the administrator reads it. */
    record Row(String name, String roles, String state) {
    }

    /** One row of the API tokens table as the administrator reads it. */
    record TokenRow(String user, String name, String issuedBy, String lastUsed) {
    }

    private final WebDriver browser;
    private final WebDriverWait wait;

    UsersPage(WebDriver browser) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
    }

    UsersPage open() {
        browser.get(RunningApplication.baseUri().resolve("admin/users").toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("users:table")));
        return this;
    }

    /** Fills the add form (roles by their position in the form: 0 admin, 1 viewer, 2 exchange, 3 metrics) and adds. */
    void add(String name, String password, int... toggledRoles) {
        browser.findElement(By.id("users:name")).sendKeys(name);
        browser.findElement(By.id("users:password")).sendKeys(password);
        for (int role : toggledRoles) {
            browser.findElement(By.cssSelector("label[for='users:roles:" + role + "']")).click();
        }
        browser.findElement(By.id("users:add")).click();
        wait.until(driver -> row(name) != null);
    }

    /** The row of {@code name}, or null. */
    Row row(String name) {
        for (WebElement tr : browser.findElements(By.cssSelector("#users\\:table tbody tr"))) {
            List<WebElement> cells = tr.findElements(By.tagName("td"));
            if (cells.size() > 2 && cells.get(0).getText().equals(name)) {
                return new Row(cells.get(0).getText(), cells.get(1).getText(), cells.get(2).getText());
            }
        }
        return null;
    }

    private int index(String name) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#users\\:table tbody tr"));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).findElement(By.tagName("td")).getText().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no row " + name);
    }

    /** "Reset password", confirmed: returns the password the page shows once. */
    String resetPassword(String name) {
        browser.findElement(By.id("users:table:" + index(name) + ":resetPassword")).click();
        confirm();
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("newPasswordValue"))).getText();
    }

    void disable(String name) {
        browser.findElement(By.id("users:table:" + index(name) + ":disable")).click();
        confirm();
        wait.until(driver -> row(name).state().equals("disabled"));
    }

    /** Issues a token named {@code name} for {@code user}: returns the token the page shows once. */
    String issueToken(String user, String name) {
        new Select(browser.findElement(By.id("users:tokenUser"))).selectByVisibleText(user);
        browser.findElement(By.id("users:tokenName")).sendKeys(name);
        browser.findElement(By.id("users:issueToken")).click();
        wait.until(driver -> tokenRow(user, name) != null);
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("newTokenValue"))).getText();
    }

    /** The row of token {@code name} of {@code user}, or null. */
    TokenRow tokenRow(String user, String name) {
        for (WebElement tr : browser.findElements(By.cssSelector("#users\\:tokens tbody tr"))) {
            List<WebElement> cells = tr.findElements(By.tagName("td"));
            if (cells.size() > 4 && cells.get(0).getText().equals(user) && cells.get(1).getText().equals(name)) {
                return new TokenRow(cells.get(0).getText(), cells.get(1).getText(), cells.get(3).getText(), cells.get(4).getText());
            }
        }
        return null;
    }

    /** "Revoke", confirmed; waits until the row is gone. */
    void revokeToken(String user, String name) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#users\\:tokens tbody tr"));
        for (int i = 0; i < rows.size(); i++) {
            List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
            if (cells.size() > 4 && cells.get(0).getText().equals(user) && cells.get(1).getText().equals(name)) {
                browser.findElement(By.id("users:tokens:" + i + ":revoke")).click();
                confirm();
                wait.until(driver -> tokenRow(user, name) == null);
                return;
            }
        }
        throw new IllegalStateException("no token " + name + " of " + user);
    }

    /** The headers of the API tokens table, without the actions column. */
    List<String> tokenHeaders() {
        return browser.findElements(By.cssSelector("#users\\:tokens thead th")).stream().map(WebElement::getText)
                .filter(text -> !text.isBlank()).toList();
    }

    boolean showsAToken() {
        return !browser.findElements(By.id("newTokenValue")).isEmpty();
    }

    String newTokenLabel() {
        return browser.findElement(By.id("users:newTokenLabel")).getText();
    }

    boolean showsAPassword() {
        return !browser.findElements(By.id("newPasswordValue")).isEmpty();
    }

    String messages() {
        return browser.findElement(By.id("users:messages")).getText();
    }

    private void confirm() {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
    }
}
