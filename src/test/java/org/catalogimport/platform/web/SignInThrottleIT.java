package org.catalogimport.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.catalogimport.exchange.OneCExchangeClient;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.ConsoleHttp;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in throttling per (user, client address) at the three doors, both ways: after ten wrong
 * passwords a pair is refused even with the right one, while the same user from another address
 * still gets in; and per address: of sixty guesses sent at once fifty are hashed, one at a time,
 * and then every sign-in from there is refused before any hash. Clients are played at documentation addresses (192.0.2.0/24) through
 * the trusted loopback proxy; each test has users and addresses of its own, so nobody else is
 * throttled.
 */
@ExtendWith(RunningApplication.class)
class SignInThrottleIT {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final int LIMIT = 10;
    private static final int ADDRESS_LIMIT = 50;

    private final AdminApi admin = new AdminApi(RunningApplication.baseUri());

    @Test
    void theApiAnswers429ToAThrottledPairAndLetsTheSameUserInFromAnotherAddress() throws Exception {
        String user = "it-throttle-api-" + RUN;
        TestUsers.put(BackingServices.forTests(), user, "right-password-api", "viewer");
        AdminApi guesser = admin.as(user, "wrong-password").from("192.0.2.31");

        for (int i = 0; i < LIMIT; i++) {
            assertEquals(401, guesser.get("imports").statusCode(), "attempt " + (i + 1));
        }

        HttpResponse<String> throttled = admin.as(user, "right-password-api").from("192.0.2.31").get("imports");
        assertEquals(429, throttled.statusCode(), throttled.body());
        assertTrue(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow()) > 14 * 60);
        assertTrue(AdminApi.object(throttled).getString("message").contains("try again in 15 min"), throttled.body());
        assertEquals(200, admin.as(user, "right-password-api").from("192.0.2.32").get("imports").statusCode(),
                "the same user from its own address");

        List<JsonObject> refused = audit("SIGN_IN_REFUSED", user);
        assertEquals(LIMIT, refused.size(), refused.toString());
        assertTrue(refused.stream().allMatch(row -> row.getString("address").equals("192.0.2.31")
                && row.getString("target").equals("api: wrong user name or password")), refused.toString());
        List<JsonObject> throttledRows = audit("SIGN_IN_THROTTLED", user);
        assertEquals(1, throttledRows.size(), "the moment it was throttled, not each refused attempt: " + throttledRows);
        assertEquals("192.0.2.31", throttledRows.get(0).getString("address"));
    }

    @Test
    void theLoginFormSaysWhenAPairIsThrottled() throws Exception {
        String user = "it-throttle-form-" + RUN;
        TestUsers.put(BackingServices.forTests(), user, "right-password-form", "viewer");
        ConsoleHttp guesser = ConsoleHttp.anonymous().from("192.0.2.33");

        for (int i = 0; i < LIMIT; i++) {
            HttpResponse<String> refused = guesser.signIn(user, "wrong-password");
            assertTrue(refused.body().contains("Wrong user name or password."), "attempt " + (i + 1));
        }

        HttpResponse<String> throttled = guesser.signIn(user, "right-password-form");
        assertEquals(200, throttled.statusCode());
        assertTrue(throttled.body().contains("Too many failed sign-ins of this user from your address. Try again in 15 min."),
                throttled.body());
        HttpResponse<String> elsewhere = ConsoleHttp.anonymous().from("192.0.2.34").signIn(user, "right-password-form");
        assertEquals(302, elsewhere.statusCode(), elsewhere.body());
        assertTrue(elsewhere.headers().firstValue("Location").orElse("").endsWith("/admin/imports"));
        assertEquals(LIMIT, audit("SIGN_IN_REFUSED", user).stream()
                .filter(row -> row.getString("target").equals("console: wrong user name or password")).count());
    }

    @Test
    void aStrangersGuessesDoNotLock1cOutOfTheExchange() throws Exception {
        String user = "it-throttle-1c-" + RUN;
        TestUsers.put(BackingServices.forTests(), user, "right-password-1c", "exchange");
        OneCExchangeClient stranger = new OneCExchangeClient(RunningApplication.baseUri().resolve("1c_exchange"), user, "wrong-password")
                .forwardedFor("192.0.2.35");

        for (int i = 0; i < LIMIT; i++) {
            assertEquals("failure", stranger.checkauth().status1(), "attempt " + (i + 1));
        }

        OneCExchangeClient.Answer throttled = new OneCExchangeClient(RunningApplication.baseUri().resolve("1c_exchange"), user, "right-password-1c")
                .forwardedFor("192.0.2.35").checkauth();
        assertEquals("failure", throttled.status1());
        assertTrue(throttled.line(2).startsWith("Слишком много неудачных входов пользователя «" + user + "» с адреса 192.0.2.35"),
                throttled.toString());
        assertEquals("success", new OneCExchangeClient(RunningApplication.baseUri().resolve("1c_exchange"), user, "right-password-1c")
                .forwardedFor("192.0.2.36").checkauth().status1(), "1C itself, from its own address");

        List<JsonObject> refused = audit("EXCHANGE_REFUSED", user);
        assertEquals(LIMIT, refused.size(), refused.toString());
        assertTrue(refused.stream().allMatch(row -> row.getString("target").equals("1c_exchange: wrong user name or password")));
        assertEquals(1, audit("SIGN_IN_THROTTLED", user).size());
    }

    @Test
    void anAddressThatGuessesManyNamesIsRefusedAtEveryDoorBeforeAnyHash() throws Exception {
        HttpResponse<String> issued = admin.send("POST", "users/" + IntegrationTestSettings.ADMIN_USER + "/tokens",
                Json.createObjectBuilder().add("name", "it-throttle-figures-" + RUN).build());
        AdminApi figures = admin.bearer(AdminApi.object(issued).getString("token"));
        long hashesBefore = figures.metric("catalog_sign_in_password_hashes_total");

        // Given an address that sent sixty names nobody has, all at once
        String address = "192.0.2.37";
        Map<Integer, Long> answers = guessAtOnce(address, ADDRESS_LIMIT + 10);

        // Then fifty were checked (one at a time) and refused, the ten queued behind the fiftieth got 429 unhashed
        assertEquals(Map.of(401, (long) ADDRESS_LIMIT, 429, 10L), answers);
        long hashes = figures.metric("catalog_sign_in_password_hashes_total");
        assertEquals(hashesBefore + ADDRESS_LIMIT, hashes, "one hash per counted failure, none more");
        long throttled = figures.metric("catalog_sign_in_throttled_total");

        // When the real administrator, another guess and a valid token come from there, at each door
        HttpResponse<String> administrator = admin.from(address).get("imports");
        HttpResponse<String> guess = admin.as("it-guess-" + RUN + "-more", "guess").from(address).get("imports");
        HttpResponse<String> token = figures.from(address).get("metrics");
        HttpResponse<String> form = ConsoleHttp.anonymous().from(address)
                .signIn(IntegrationTestSettings.ADMIN_USER, IntegrationTestSettings.ADMIN_PASSWORD);
        OneCExchangeClient.Answer exchange = new OneCExchangeClient(RunningApplication.baseUri().resolve("1c_exchange"),
                "it-guess-1c", "guess").forwardedFor(address).checkauth();

        // Then each is refused, saying it is the address, and not one password was hashed
        for (HttpResponse<String> api : List.of(administrator, guess, token)) {
            assertEquals(429, api.statusCode(), api.body());
            assertTrue(AdminApi.object(api).getString("message").startsWith(
                    "Too many failed sign-ins from your address, whatever the user; try again in 15 min"), api.body());
        }
        assertTrue(form.body().contains("Too many failed sign-ins from your address. Try again in 15 min."), form.body());
        assertEquals("failure", exchange.status1());
        assertTrue(exchange.line(2).startsWith("Слишком много неудачных входов с адреса " + address), exchange.toString());
        assertEquals(hashes, figures.metric("catalog_sign_in_password_hashes_total"), "refused before any hash");
        assertEquals(throttled + 5, figures.metric("catalog_sign_in_throttled_total"));

        // while the administrator from another address is let in, and the moment is in the audit trail
        assertEquals(200, admin.from("192.0.2.38").get("imports").statusCode());
        List<JsonObject> rows = admin.array("audit?size=100&action=SIGN_IN_THROTTLED").stream().map(JsonValue::asJsonObject)
                .filter(row -> address.equals(row.getString("address", null))
                        && row.getString("user", "").startsWith("it-guess-" + RUN)).toList();
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("api: 50 failures from this address, any user; every sign-in from it refused for 15 min",
                rows.get(0).getString("target"));
    }

    /** {@code count} wrong sign-ins of as many names nobody has, sent together from {@code address}: how each was answered. */
    private Map<Integer, Long> guessAtOnce(String address, int count) throws Exception {
        ExecutorService guessers = Executors.newFixedThreadPool(count);
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                AdminApi guess = admin.as("it-guess-" + RUN + "-" + i, "guess").from(address);
                sent.add(guessers.submit(() -> guess.get("imports").statusCode()));
            }
            Map<Integer, Long> answers = new TreeMap<>();
            for (Future<Integer> answer : sent) {
                answers.merge(answer.get(), 1L, Long::sum);
            }
            return answers;
        } finally {
            guessers.shutdownNow();
        }
    }

    private List<JsonObject> audit(String action, String user) throws Exception {
        return admin.array("audit?size=100&action=" + action + "&user=" + user).stream().map(JsonValue::asJsonObject).toList();
    }
}
