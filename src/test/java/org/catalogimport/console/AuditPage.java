package org.catalogimport.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.catalogimport.testing.RunningApplication;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
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

    /** Chooses the action (its value and label) and the user, presses "Filter", waits until every row shows that action. */
    void filter(String action, String actionLabel, String user) {
        // why the widget's own call: a click into the opening menu could land on a neighbour while
        // it still slides open on a loaded machine; the menu then shows what was chosen.
        ((JavascriptExecutor) browser).executeScript("PF('actionFilter').selectValue(arguments[0])", action);
        wait.until(ExpectedConditions.textToBe(By.id("audit:action_label"), actionLabel));
        WebElement userField = browser.findElement(By.id("audit:user"));
        userField.clear();
        userField.sendKeys(user);
        browser.findElement(By.id("audit:filter")).click();
        wait.withMessage(() -> "the filtered table shows " + rows())
                .until(driver -> !rows().isEmpty() && rows().stream().allMatch(row -> row.action().equals(actionLabel)));
    }

    String heading() {
        return browser.findElement(By.cssSelector("main h1")).getText();
    }
}
