package org.catalogimport.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sessions page ({@code /admin/imports}) as a test uses it: start, confirm, the growl, the
 * table and its status filter, the package panel's texts and the upload form. Reads retry stale
 * elements because the poll re-renders the page while an import runs.
 */
final class SessionsPage {

    private final WebDriver browser;
    private final WebDriverWait wait;

    SessionsPage(WebDriver browser) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** Whether the page polls (it does only while an import runs). */
    boolean pollExists() {
        return !browser.findElements(By.id("sessions:poll")).isEmpty();
    }

    void startAndConfirm() {
        browser.findElement(By.id("sessions:start")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sessions:confirmStart"))).click();
    }

    /** Says yes to the open confirmation dialog. */
    void confirm() {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
    }

    /** The first growl message's text, once there is one. */
    String growl() {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(driver -> {
                    List<WebElement> messages = driver.findElements(By.cssSelector(".ui-growl-message"));
                    return messages.isEmpty() ? null : messages.get(0).getText();
                });
    }

    /** Waits until a growl message containing {@code text} shows. */
    void awaitGrowl(String text, Duration timeout) {
        new WebDriverWait(browser, timeout).ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElements(By.cssSelector(".ui-growl-message")).stream()
                        .anyMatch(m -> m.getText().contains(text)));
    }

    String firstRow() {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElement(By.cssSelector("#sessions\\:table tbody tr")).getText());
    }

    /** The text of the element {@code id} (e.g. "packageSummary"), trimmed. */
    String text(String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    /**
     * Opens the status filter and picks {@code label}, until the menu shows it. Why until: a click
     * while the menu's panel is still fading in can land on the neighbouring entry.
     */
    void chooseStatusFilter(String label) {
        By menu = By.id("sessions:table:statusFilter");
        By option = By.cssSelector("#sessions\\:table\\:statusFilter_table tr[data-label='" + label + "']");
        new WebDriverWait(browser, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(300))
                .ignoring(StaleElementReferenceException.class).ignoring(ElementNotInteractableException.class)
                .until(driver -> {
                    if (driver.findElement(By.id("sessions:table:statusFilter_label")).getText().equals(label)) {
                        return true;
                    }
                    WebElement entry = driver.findElement(option);
                    if (entry.isDisplayed()) {
                        entry.click();
                    } else {
                        driver.findElement(menu).click();
                    }
                    return false;
                });
    }

    /** Sends {@code files} through the upload form and waits for its answer. */
    void upload(Path... files) {
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#upload input[type=file]")));
        input.sendKeys(String.join("\n", Stream.of(files).map(Path::toString).toList()));
        WebElement send = browser.findElement(By.id("upload:send"));
        send.click();
        wait.until(replaced(send));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#upload\\:uploadMessages .ui-messages-info,"
                + " #upload\\:uploadMessages .ui-messages-error")));
    }

    /**
     * Whether the element has left the page (the ajax update replaced it). Why not
     * {@code ExpectedConditions.stalenessOf} alone: Chromium sometimes reports such a node as "Node
     * with given id does not belong to the document", an unknown error, instead of a stale element.
     */
    private static ExpectedCondition<Boolean> replaced(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        };
    }

    String uploadMessage() {
        return browser.findElement(By.cssSelector("#upload\\:uploadMessages li")).getText().strip();
    }
}
