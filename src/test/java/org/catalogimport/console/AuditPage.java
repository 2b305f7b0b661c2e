package org.catalogimport.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.catalogimport.testing.RunningApplication;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Audit page ({@code /admin/audit}) as a browser test drives it. */
final class AuditPage {

    /** A row as shown: time, user, address, action label, target. */
    record Row(String at, String user, String address, String action, String target) {
    }

    private final WebDriver browser;
    private final WebDriverWait wait;

    AuditPage(WebDriver browser) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
    }

    AuditPage open() {
        browser.get(RunningApplication.baseUri().resolve("admin/audit").toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit:table")));
        return this;
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (WebElement tr : browser.findElements(By.cssSelector("#audit\\:table tbody tr"))) {
            List<WebElement> cells = tr.findElements(By.tagName("td"));
            if (cells.size() == 5) {
                rows.add(new Row(cells.get(0).getText(), cells.get(1).getText(), cells.get(2).getText(),
                        cells.get(3).getText(), cells.get(4).getText()));
            }
        }
        return rows;
    }

    /** Chooses the action (its label) and the user, presses "Filter", waits until every row shows that action. */
    void filter(String actionLabel, String user) {
        browser.findElement(By.id("audit:action")).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#audit\\:action_items li[data-label='" + actionLabel + "']"))).click();
        WebElement userField = browser.findElement(By.id("audit:user"));
        userField.clear();
        userField.sendKeys(user);
        browser.findElement(By.id("audit:filter")).click();
        wait.until(driver -> !rows().isEmpty() && rows().stream().allMatch(row -> row.action().equals(actionLabel)));
    }

    String heading() {
        return browser.findElement(By.cssSelector("main h1")).getText();
    }
}
