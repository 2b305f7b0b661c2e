package org.catalogimport.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.catalogimport.dev.ShapePackageWriter;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.TestUsers;

/**
 * Test data of the exchange tests: exchange users (one per test, so that no test joins another's
 * open exchange), and small packages whose every value is known, with ids of their own (a run
 * never meets the products of another test or of an earlier run). Packages are partial exchanges
 * ({@code СодержитТолькоИзменения="true"}), so they deactivate nothing the other tests rely on.
 */
final class ExchangeTestPackages {

    static final String PASSWORD = "it-exchange-password";

    private ExchangeTestPackages() {
    }

    static URI endpoint() {
        return RunningApplication.baseUri().resolve("1c_exchange");
    }

    /** A new user with the role {@code exchange}. */
    static String newExchangeUser() {
        String user = "it-1c-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.put(BackingServices.forTests(), user, PASSWORD, "exchange");
        return user;
    }

    static OneCExchangeClient client(String user) {
        return new OneCExchangeClient(endpoint(), user, PASSWORD);
    }

    static String newPrefix() {
        return "ex" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Path folder(String name) {
        Path dir = IntegrationTestSettings.projectDir().resolve("target/it-exchange").resolve(name + "-" + newPrefix());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * A shop of two products, each with one offer, one price type and one warehouse, all ids
     * starting with {@code prefix}: product {@code <prefix>-p1} "Мяч <prefix>" with offer
     * {@code <prefix>-p1#1} at 1990.50 and 3 in stock; {@code <prefix>-p2} with offer at 450 and 5
     * in stock, and, when {@code withRests}, a stock-only record that sets it to 11.
     */
    static ShapePackageWriter shop(ShapePackageWriter.Dialect dialect, String prefix, boolean withRests) {
        ShapePackageWriter.StockShape shape = dialect == ShapePackageWriter.Dialect.CLASSIC
                ? ShapePackageWriter.StockShape.WAREHOUSE_ATTRIBUTES : ShapePackageWriter.StockShape.RESTS_WAREHOUSE;
        ShapePackageWriter writer = new ShapePackageWriter(dialect)
                .group(prefix + "-g", "Мячи " + prefix)
                .product(prefix + "-p1", "Мяч " + prefix, prefix + "-g")
                .product(prefix + "-p2", "Сетка " + prefix, prefix + "-g")
                .priceType(prefix + "-retail", "Розничная " + prefix)
                .warehouse(prefix + "-w", "Склад " + prefix)
                .offer(prefix + "-p1#1", "Мяч размер 5").price(prefix + "-retail", "1990.50").stock(shape, prefix + "-w", "3")
                .offer(prefix + "-p2#1", "Сетка 3 м").price(prefix + "-retail", "450").stock(shape, prefix + "-w", "5");
        if (withRests) {
            writer.idOnlyOffer(prefix + "-p2#1").stock(shape, prefix + "-w", "11");
        }
        return writer;
    }

    static Path writeShop(ShapePackageWriter.Dialect dialect, String prefix, boolean withRests) {
        try {
            return shop(dialect, prefix, withRests).write(folder(dialect.name().toLowerCase()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shop of {@link #shop} is in the catalog, read through the API as a shop would read it. */
    static void assertShopLanded(AdminApi api, String prefix, String stockOfP2) throws Exception {
        JsonObject ball = product(api, prefix + "-p1");
        assertEquals("Мяч " + prefix, ball.getString("name"));
        assertTrue(ball.getBoolean("active"), ball.toString());
        assertEquals("Мячи " + prefix, ball.getJsonArray("groups").getJsonObject(0).getString("name"));
        JsonObject offer = ball.getJsonArray("offers").getJsonObject(0);
        assertEquals(prefix + "-p1#1", offer.getString("id"));
        assertDecimal("1990.50", offer.getJsonArray("prices").getJsonObject(0).getString("price"));
        assertEquals("Розничная " + prefix, offer.getJsonArray("prices").getJsonObject(0).getString("priceType"));
        assertDecimal("3", offer.getJsonArray("stock").getJsonObject(0).getString("quantity"));
        assertEquals("Склад " + prefix, offer.getJsonArray("stock").getJsonObject(0).getString("warehouse"));

        JsonObject net = product(api, prefix + "-p2").getJsonArray("offers").getJsonObject(0);
        assertDecimal("450", net.getJsonArray("prices").getJsonObject(0).getString("price"));
        assertDecimal(stockOfP2, net.getJsonArray("stock").getJsonObject(0).getString("quantity"));
    }

    static JsonObject product(AdminApi api, String id) throws Exception {
        HttpResponse<String> response = api.get("catalog/products/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), id + ": " + response.body());
        return AdminApi.object(response);
    }

    static void assertDecimal(String expected, String actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual)), "expected " + expected + ", was " + actual);
    }

    /** The number N of "Import N completed…" / "Import N failed…" / "(import N)" in an answer. */
    static long sessionOf(OneCExchangeClient.Answer answer) {
        return answer.importSession().orElseThrow(() -> new AssertionError("no session named in " + answer));
    }
}
