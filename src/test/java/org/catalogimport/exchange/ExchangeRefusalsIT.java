package org.catalogimport.exchange;

import static org.awaitility.Awaitility.await;
import static org.catalogimport.exchange.ExchangeTestPackages.client;
import static org.catalogimport.exchange.ExchangeTestPackages.newExchangeUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.RunningApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every call the exchange refuses is seen by the administrator: listed by
 * {@code GET /api/exchanges/refusals} (newest first: at, address, user, reason), counted by kind in
 * {@code /api/metrics}, and an exchange stopped by a refused file shows that reason, not "receiving".
 */
@ExtendWith(RunningApplication.class)
class ExchangeRefusalsIT {

    private static final Pattern METRIC = Pattern.compile("catalog_exchange_refusals_total\\{kind=\"(\\w+)\"} (\\d+)");
    private AdminApi api;

    @BeforeEach
    void api() {
        api = new AdminApi(RunningApplication.baseUri());
    }

    @Test
    void aWrongPasswordIsListedWithAddressUserAndReasonAndCounted() throws Exception {
        // Given the count of wrong passwords so far
        long before = metric("wrong_password");
        String user = newExchangeUser();

        // When 1C's user signs in with a wrong password
        OneCExchangeClient.Answer wrong = new OneCExchangeClient(ExchangeTestPackages.endpoint(), user, "not-it").checkauth();

        // Then 1C is told, and the refusal is the newest listed, with the client's address and the user name
        assertEquals("failure", wrong.line(1), wrong.toString());
        JsonObject newest = api.array("exchanges/refusals?limit=1").getJsonObject(0);
        assertEquals(user, newest.getString("user"), newest.toString());
        assertEquals("127.0.0.1", newest.getString("address"));
        assertEquals("wrong_password", newest.getString("kind"));
        assertEquals("Wrong user name or password for the exchange (user '" + user + "').", newest.getString("reason"));
        assertEquals("Неверное имя пользователя или пароль для обмена (пользователь «" + user + "»).", wrong.line(2));
        assertTrue(newest.getString("at").startsWith("20"), newest.toString());
        assertEquals(before + 1, metric("wrong_password"));
    }

    @Test
    void aCallBeforeCheckauthIsRefusedAndListed() throws Exception {
        long before = metric("not_signed_in");

        OneCExchangeClient.Answer init = client(newExchangeUser()).auth(OneCExchangeClient.Auth.COOKIE).init();

        assertEquals("failure", init.line(1), init.toString());
        assertTrue(init.line(2).startsWith("Вход не выполнен"), init.toString());
        assertEquals("not_signed_in", api.array("exchanges/refusals?limit=1").getJsonObject(0).getString("kind"));
        assertEquals(before + 1, metric("not_signed_in"));
    }

    @Test
    void anExchangeStoppedByARefusedFileShowsTheReasonNotReceiving() throws Exception {
        // Given a signed-in exchange that received one file
        String user = newExchangeUser();
        OneCExchangeClient client = client(user);
        OneCExchangeClient.requireSuccess(client.checkauth(), "checkauth");
        byte[] xml = "<?xml version=\"1.0\"?><КоммерческаяИнформация/>".getBytes(StandardCharsets.UTF_8);
        assertEquals("success", client.sendChunk("POST", "import.xml", xml).text());

        // When its next file is refused (a part sent with GET, whose body the server cannot read)
        OneCExchangeClient.Answer refused = client.sendChunk("GET", "offers.xml", xml);

        // Then the exchange is shown failed with that reason, and the refusal names the user and the file
        assertEquals("failure", refused.line(1), refused.toString());
        JsonObject exchange = await().atMost(Duration.ofSeconds(10)).until(() -> api.array("exchanges?limit=50").stream()
                .map(v -> v.asJsonObject()).filter(e -> user.equals(e.getString("user"))).findFirst().orElse(null),
                e -> e != null);
        assertEquals("FAILED", exchange.getString("result"), exchange.toString());
        assertTrue(refused.line(2).startsWith("Часть файла offers.xml пришла методом GET"), refused.toString());
        JsonObject newest = api.array("exchanges/refusals?limit=1").getJsonObject(0);
        // the API speaks English, as everywhere else; 1C was told the same in Russian
        assertEquals(newest.getString("reason"), exchange.getString("message"));
        assertEquals(user, newest.getString("user"));
        assertEquals("bad_request", newest.getString("kind"));
        assertTrue(newest.getString("reason").contains("offers.xml"), newest.toString());
    }

    private long metric(String kind) throws Exception {
        Matcher matcher = METRIC.matcher(api.get("metrics").body());
        while (matcher.find()) {
            if (matcher.group(1).equals(kind)) {
                return Long.parseLong(matcher.group(2));
            }
        }
        throw new AssertionError("no catalog_exchange_refusals_total{kind=\"" + kind + "\"} in /api/metrics");
    }
}
