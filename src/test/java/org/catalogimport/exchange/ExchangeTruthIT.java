package org.catalogimport.exchange;

import static org.catalogimport.exchange.ExchangeTestPackages.assertShopLanded;
import static org.catalogimport.exchange.ExchangeTestPackages.client;
import static org.catalogimport.exchange.ExchangeTestPackages.newExchangeUser;
import static org.catalogimport.exchange.ExchangeTestPackages.newPrefix;
import static org.catalogimport.exchange.ExchangeTestPackages.sessionOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.catalogimport.dev.ShapePackageWriter.Placement;
import org.catalogimport.dev.ShapePackageWriter;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.ConsoleBrowser;
import org.catalogimport.testing.HeadlessChromium;
import org.catalogimport.testing.RenderedTable;
import org.catalogimport.testing.RunningApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What 1C is told, line by line, over real HTTP: a package written the way a third-party exchange
 * client writes it (windows-1251, its {@code Каталог} inside the {@code Классификатор}) lands whole and
 * answers {@code success} naming the session page; a package whose products sit where no reader looks
 * answers {@code failure} with a Russian line saying how many, of what and where, so that 1C keeps its
 * changes; and the exchange's history says what 1C was told.
 */
@ExtendWith(RunningApplication.class)
class ExchangeTruthIT {

    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(2);
    private AdminApi api;

    @BeforeEach
    void nothingImports() {
        api = AdminApi.onceIdle();
    }

    @Test
    void aThirdPartyPackageWithItsCatalogInsideTheClassifierLandsAndSaysWhereItWasRead() throws Exception {
        // Given a windows-1251 package whose catalog sits inside its classifier, as a third-party client writes it
        String prefix = newPrefix();
        Path shop = ExchangeTestPackages.shop(ShapePackageWriter.Dialect.BITRIX, prefix, false)
                .placed(Placement.CATALOG_IN_CLASSIFIER).write(ExchangeTestPackages.folder("third-party"));
        OneCExchangeClient client = client(newExchangeUser());

        // When 1C sends it and imports both files
        OneCExchangeClient.Answer done = client.exchange(List.of("import.xml", "offers.xml"), i -> shop.resolve(
                List.of("import.xml", "offers.xml").get(i)), IMPORT_TIMEOUT);

        // Then every product, offer, price and stock row is there, and 1C was told success with the page to look at
        assertShopLanded(api, prefix, "5");
        long session = sessionOf(done);
        assertEquals("success", done.line(1), done.toString());
        assertEquals("Импорт " + session + " завершён: обработано элементов: 4, пропущено: 0, предупреждений: 1. "
                + "Проблемы: " + RunningApplication.baseUri().toString().replaceAll("/$", "")
                + "/admin/session.xhtml?id=" + session, done.line(2));
        JsonObject view = api.object("imports/" + session);
        assertEquals(0, view.getJsonNumber("unreadItems").longValue(), view.toString());
        assertTrue(view.getJsonArray("problems").getJsonObject(0).getString("reason")
                .startsWith("Каталог was found at КоммерческаяИнформация/Классификатор/Каталог"), view.toString());
    }

    @Test
    void productsWhereNoReaderLooksFailTheExchangeSayingHowManyOfWhatAndWhere() throws Exception {
        // Given a package whose two products sit inside a group, where no reader looks for products
        String prefix = newPrefix();
        Path shop = ExchangeTestPackages.shop(ShapePackageWriter.Dialect.CLASSIC, prefix, false)
                .placed(Placement.PRODUCTS_IN_A_GROUP).write(ExchangeTestPackages.folder("unread"));
        String user = newExchangeUser();
        OneCExchangeClient client = client(user);

        // When 1C sends it
        OneCExchangeClient.Answer done = client.exchange(List.of("import.xml", "offers.xml"), i -> shop.resolve(
                List.of("import.xml", "offers.xml").get(i)), IMPORT_TIMEOUT);

        // Then 1C is told failure: how many items, of what, where, and the page with the problems
        long session = sessionOf(done);
        assertEquals("failure", done.line(1), done.toString());
        assertTrue(done.line(2).startsWith("Импорт " + session + " не прочитал часть пакета — элементов: 2 (Товар в "
                + "КоммерческаяИнформация/Классификатор/Группы/Группа/Товары/Товар, файл import.xml, строка "), done.line(2));
        assertTrue(done.line(2).contains("1С сохранит свои изменения"), done.line(2));
        assertTrue(done.line(2).endsWith("/admin/session.xhtml?id=" + session), done.line(2));
        // And the session and the exchange's history say the same
        JsonObject view = api.object("imports/" + session);
        assertEquals(2, view.getJsonNumber("unreadItems").longValue(), view.toString());
        JsonObject place = view.getJsonObject("census").getJsonArray("unread").getJsonObject(0);
        assertEquals("Товар", place.getString("element"));
        assertEquals(2, place.getInt("count"));
        JsonObject exchange = api.array("exchanges?limit=20").stream().map(v -> v.asJsonObject())
                .filter(e -> user.equals(e.getString("user"))).findFirst().orElseThrow();
        assertEquals("FAILED", exchange.getString("result"), exchange.toString());
        assertEquals("failure: " + done.line(2), exchange.getString("told"), exchange.toString());

        // And an administrator reading the Russian pages sees the same: how many were not read, where, what 1C was told
        WebDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = ConsoleBrowser.signIn(browser, "admin/session.xhtml?id=" + session, "detail:unread");
            ConsoleBrowser.switchLanguage(browser, "ru");
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#detail\\:unread thead th"), "Элемент"));
            assertEquals("2", browser.findElement(By.id("detail:notRead")).getText());
            assertEquals("failure: " + done.line(2), browser.findElement(By.id("detail:told")).getText());
            List<String> row = RenderedTable.cells(browser.findElement(By.cssSelector("#detail\\:unread tbody tr")));
            assertEquals(List.of("Товар", "2", "КоммерческаяИнформация/Классификатор/Группы/Группа/Товары/Товар",
                    "import.xml:" + place.getInt("line")), row);
            List<String> total = RenderedTable.cells(browser.findElement(By.cssSelector("#detail\\:report tfoot tr")));
            assertEquals("2", total.get(total.size() - 1), "the change report's «Не прочитаны» total: " + total);

            browser.get(RunningApplication.baseUri().resolve("admin/exchange").toString());
            WebElement first = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                    "//table[ancestor::*[@id='exchanges']]//tr[td[normalize-space()='" + user + "']]")));
            List<String> cells = RenderedTable.cells(first);
            assertTrue(cells.contains("failure: " + done.line(2)), cells.toString());
            assertTrue(cells.stream().anyMatch(c -> c.startsWith("Ошибка")), cells.toString());
        } finally {
            browser.quit();
        }
    }

}
