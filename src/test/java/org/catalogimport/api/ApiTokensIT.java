package org.catalogimport.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API tokens on the shared server, as an administrator and a Prometheus use them: issued once,
 * used with {@code Authorization: Bearer}, its last use shown, revoked, refused from the next call
 * on; the user's roles and enabled flag apply; every refusal says why.
 */
@ExtendWith(RunningApplication.class)
class ApiTokensIT {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private final AdminApi admin = new AdminApi(RunningApplication.baseUri());

    private static JsonObject named(String name) {
        return Json.createObjectBuilder().add("name", name).build();
    }

    private List<JsonObject> tokensOf(String user) throws Exception {
        return admin.array("users/" + user + "/tokens").stream().map(JsonValue::asJsonObject).toList();
    }

    private List<JsonObject> audit(String action) throws Exception {
        return admin.array("audit?size=100&action=" + action + "&user=" + IntegrationTestSettings.ADMIN_USER).stream()
                .map(JsonValue::asJsonObject).toList();
    }

    @Test
    void anIssuedTokenSignsInAsItsUserShowsItsLastUseAndIsRefusedOnceRevoked() throws Exception {
        // Given a user for Prometheus (role metrics)
        String user = "it-token-metrics-" + RUN;
        TestUsers.put(BackingServices.forTests(), user, "token-user-password", "metrics");

        // When an administrator issues a token for it
        HttpResponse<String> issued = admin.send("POST", "users/" + user + "/tokens", named("prometheus"));

        // Then the token is in that answer only, and listed without it, never used
        assertEquals(201, issued.statusCode(), issued.body());
        JsonObject created = AdminApi.object(issued);
        String token = created.getString("token");
        assertTrue(token.matches("cit_[A-Za-z0-9_-]{43}"), token);
        long id = created.getJsonNumber("id").longValue();
        assertTrue(issued.headers().firstValue("Location").orElse("").endsWith("/api/users/" + user + "/tokens/" + id));
        JsonObject listed = tokensOf(user).get(0);
        assertEquals(List.of("prometheus", IntegrationTestSettings.ADMIN_USER, user),
                List.of(listed.getString("name"), listed.getString("createdBy"), listed.getString("user")));
        assertFalse(listed.containsKey("token") || listed.toString().contains(token.substring(4)), listed.toString());
        assertFalse(listed.containsKey("lastUsedAt"), "never used: " + listed);

        // When Prometheus scrapes with it
        long tokenSignIns = admin.metric("catalog_sign_in_token_total");
        HttpResponse<String> scraped = admin.bearer(token).get("metrics");

        // Then it is the user (metrics: this and nothing else), and its use is shown
        assertEquals(200, scraped.statusCode(), scraped.body());
        assertTrue(scraped.body().contains("catalog_import_running"), scraped.body());
        assertEquals(403, admin.bearer(token).get("imports").statusCode(), "a metrics user reads no imports");
        assertTrue(admin.metric("catalog_sign_in_token_total") >= tokenSignIns + 2);
        Instant lastUsed = Instant.parse(tokensOf(user).get(0).getString("lastUsedAt"));
        assertTrue(Duration.between(lastUsed, Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0, lastUsed.toString());
        assertTrue(scraped.headers().firstValue("Set-Cookie").isEmpty(), "a token signs in one request, no session");

        // When the administrator revokes it
        HttpResponse<String> revoked = admin.send("DELETE", admin.uri("users/" + user + "/tokens/" + id));

        // Then it is gone, refused at the very next call with a Bearer challenge, and both are audited
        assertEquals(204, revoked.statusCode(), revoked.body());
        assertEquals(List.of(), tokensOf(user));
        HttpResponse<String> refused = admin.bearer(token).get("metrics");
        assertEquals(401, refused.statusCode());
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm=\"catalog-import\""),
                refused.headers().toString());
        String target = "token prometheus of user " + user;
        assertTrue(audit("TOKEN_ISSUED").stream().anyMatch(row -> row.getString("target").equals(target)));
        assertTrue(audit("TOKEN_REVOKED").stream().anyMatch(row -> row.getString("target").equals(target)));
    }

    @Test
    void aTokenActsWithItsUsersRolesOnlyWhileTheUserIsEnabled() throws Exception {
        String user = "it-token-viewer-" + RUN;
        TestUsers.put(BackingServices.forTests(), user, "token-viewer-password", "viewer");
        String token = AdminApi.object(admin.send("POST", "users/" + user + "/tokens", named("deploy"))).getString("token");
        AdminApi script = admin.bearer(token);

        assertEquals(200, script.get("imports?size=5").statusCode());
        assertEquals(403, script.send("POST", script.uri("imports?dryRun=true")).statusCode(), "a viewer starts nothing");

        assertEquals(200, admin.send("DELETE", admin.uri("users/" + user)).statusCode());
        assertEquals(401, script.get("imports?size=5").statusCode(), "its user is disabled");

        assertEquals(200, admin.send("PATCH", "users/" + user, Json.createObjectBuilder().add("enabled", true).build()).statusCode());
        assertEquals(200, script.get("imports?size=5").statusCode(), "enabled again");
    }

    @Test
    void refusalsSayWhy() throws Exception {
        String user = "it-token-refusals-" + RUN;
        TestUsers.put(BackingServices.forTests(), user, "token-refusals-password", "viewer");
        assertEquals(201, admin.send("POST", "users/" + user + "/tokens", named("ci")).statusCode());

        HttpResponse<String> twice = admin.send("POST", "users/" + user + "/tokens", named("ci"));
        assertEquals(409, twice.statusCode());
        assertEquals("User " + user + " already has a token named \"ci\".", AdminApi.object(twice).getString("message"));
        HttpResponse<String> blank = admin.send("POST", "users/" + user + "/tokens", named("  "));
        assertEquals(400, blank.statusCode());
        assertEquals("A token needs a name of 1 to 100 characters.", AdminApi.object(blank).getString("message"));
        assertEquals(400, admin.send("POST", "users/" + user + "/tokens", Json.createObjectBuilder().build()).statusCode());
        assertEquals(404, admin.send("POST", "users/it-nobody-" + RUN + "/tokens", named("ci")).statusCode());
        assertEquals(404, admin.get("users/it-nobody-" + RUN + "/tokens").statusCode());
        long othersToken = AdminApi.object(admin.send("POST", "users/" + IntegrationTestSettings.ADMIN_USER + "/tokens",
                named("it-other-" + RUN))).getJsonNumber("id").longValue();
        HttpResponse<String> notHis = admin.send("DELETE", admin.uri("users/" + user + "/tokens/" + othersToken));
        assertEquals(404, notHis.statusCode(), "a token is revoked through its own user");
        assertEquals("User " + user + " has no token " + othersToken + ".", AdminApi.object(notHis).getString("message"));
        assertEquals(1, tokensOf(IntegrationTestSettings.ADMIN_USER).stream()
                .filter(t -> t.getString("name").equals("it-other-" + RUN)).count(), "and it is still there");

        AdminApi viewer = admin.as(user, "token-refusals-password");
        assertEquals(403, viewer.get("users/" + user + "/tokens").statusCode(), "tokens are the administrators'");
        assertEquals(403, viewer.send("POST", "users/" + user + "/tokens", named("mine")).statusCode());
    }

    @Test
    void anUnknownOrMalformedTokenIsAFailedSignInOfItsAddress() throws Exception {
        String address = "192.0.2.51";
        Instant start = Instant.now().minusSeconds(1);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String unknown = "cit_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);

        HttpResponse<String> refused = admin.bearer(unknown).from(address).get("imports");
        HttpResponse<String> malformed = admin.bearer("not-a-token").from(address).get("imports");

        assertEquals(401, refused.statusCode());
        assertEquals("Bearer realm=\"catalog-import\", error=\"invalid_token\"",
                refused.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, malformed.statusCode());
        List<JsonObject> rows = admin.array("audit?size=100&action=SIGN_IN_REFUSED&from=" + start).stream().map(JsonValue::asJsonObject)
                .filter(row -> address.equals(row.getString("address", null))).toList();
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.stream().allMatch(row -> row.getString("target").equals("api: unknown or revoked API token")
                && !row.containsKey("user")), rows.toString());
    }
}
