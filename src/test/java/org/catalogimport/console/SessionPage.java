package org.catalogimport.console;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.catalogimport.testing.ConsoleBrowser;
import org.catalogimport.testing.RenderedTable;
import org.catalogimport.testing.RunningApplication;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The session page ({@code /admin/session?id=N}) as a test reads it. */
final class SessionPage {

    private final WebDriver browser;
    private final WebDriverWait wait;

    SessionPage(WebDriver browser) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    SessionPage open(long id) {
        browser.get(RunningApplication.baseUri().resolve("admin/session?id=" + id).toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail:problems")));
        return this;
    }

    /** Switches the console to {@code language} and waits until the status reads {@code statusStart}. */
    SessionPage in(String language, String statusStart) {
        ConsoleBrowser.switchLanguage(browser, language);
        wait.until(driver -> driver.findElement(By.id("status")).getText().strip().startsWith(statusStart));
        return this;
    }

    /** The problems CSV of session {@code id}, downloaded in this browser's signed-in session, with its BOM. */
    HttpResponse<byte[]> problemsCsv(long id) throws IOException, InterruptedException {
        Cookie cookie = browser.manage().getCookieNamed("JSESSIONID");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        RunningApplication.baseUri().resolve("admin/problems.csv?session=" + id))
                .header("Cookie", "JSESSIONID=" + cookie.getValue()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    String status() {
        return browser.findElement(By.id("status")).getText().strip();
    }

    /** Everything the page shows, as the browser renders it. */
    String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    /** The texts of one column of the problems table, in the order shown. */
    List<String> problemColumn(int column) {
        return RenderedTable.column(browser, "detail:problems", column);
    }

    /**
     * The change report's column headers that the browser breaks inside a word (a word whose
     * characters lie on two lines), measured with a DOM Range over each word.
     */
    @SuppressWarnings("unchecked")
    List<String> reportHeadersBrokenInsideAWord() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                var broken = [];
                document.querySelectorAll('[id="detail:report"] thead th').forEach(function (th) {
                  var walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
                  for (var node = walker.nextNode(); node; node = walker.nextNode()) {
                    var re = /\\S+/g, m;
                    while ((m = re.exec(node.data)) !== null) {
                      var range = document.createRange();
                      range.setStart(node, m.index);
                      range.setEnd(node, m.index + m[0].length);
                      var tops = {};
                      Array.from(range.getClientRects()).forEach(function (r) { if (r.width > 0) tops[Math.round(r.top)] = 1; });
                      if (Object.keys(tops).length > 1) { broken.push(m[0]); }
                    }
                  }
                });
                return broken;""");
    }
}
