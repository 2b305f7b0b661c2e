package org.catalogimport.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.http.HttpResponse;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What HTTP Basic costs the server, counted by the node's own figures in {@code /api/metrics}
 * (read with an API token, which hashes nothing): a script's repeated calls pay one password hash,
 * a changed password or role or a disabled user is seen at the very next call all the same, and a
 * name nobody has costs the same hash as a wrong password of a real user.
 */
@ExtendWith(RunningApplication.class)
class SignInCostIT {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final String HASHES = "catalog_sign_in_password_hashes_total";

    private final AdminApi admin = new AdminApi(RunningApplication.baseUri());
    private AdminApi figures;

    @BeforeEach
    void readFiguresWithAToken() throws Exception {
        HttpResponse<String> issued = admin.send("POST", "users/" + IntegrationTestSettings.ADMIN_USER + "/tokens",
                Json.createObjectBuilder().add("name", "it-sign-in-cost-" + RUN + "-" + System.nanoTime()).build());
        assertEquals(201, issued.statusCode(), issued.body());
        figures = admin.bearer(AdminApi.object(issued).getString("token"));
    }

    @Test
    void twentyBasicCallsOfAScriptCostOnePasswordHashAndLeaveNoSession() throws Exception {
        String user = "it-cost-script-" + RUN;
        TestUsers.put(BackingServices.forTests(), user, "cost-script-password", "viewer");
        AdminApi script = admin.as(user, "cost-script-password");
        long hashes = figures.metric(HASHES);
        long remembered = figures.metric("catalog_sign_in_remembered_total");

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> answer = script.get("imports?size=5");
            assertEquals(200, answer.statusCode(), "call " + (i + 1));
            assertTrue(answer.headers().allValues("Set-Cookie").isEmpty(), "no session for Basic: " + answer.headers());
        }

        assertEquals(hashes + 1, figures.metric(HASHES), "one hash, for the first call");
        assertEquals(remembered + 19, figures.metric("catalog_sign_in_remembered_total"));
    }

    @Test
    void aNewPasswordOtherRolesAndDisablingApplyAtTheNextCallOfARememberedCredential() throws Exception {
        String user = "it-cost-changes-" + RUN;
        TestUsers.put(BackingServices.forTests(), user, "cost-changes-password", "viewer");
        AdminApi before = admin.as(user, "cost-changes-password");
        assertEquals(200, before.get("imports?size=5").statusCode());
        assertEquals(200, before.get("imports?size=5").statusCode(), "remembered");

        // other roles: the remembered viewer is a metrics user at once
        assertEquals(200, admin.send("PATCH", "users/" + user,
                Json.createObjectBuilder().add("roles", Json.createArrayBuilder().add("metrics")).build()).statusCode());
        assertEquals(403, before.get("imports?size=5").statusCode());
        assertEquals(200, before.get("metrics").statusCode());

        // a new password: the remembered old one is refused at once, the new one works
        assertEquals(200, admin.send("PATCH", "users/" + user,
                Json.createObjectBuilder().add("password", "cost-changes-new-password").build()).statusCode());
        assertEquals(401, before.get("metrics").statusCode());
        AdminApi after = admin.as(user, "cost-changes-new-password");
        assertEquals(200, after.get("metrics").statusCode());
        assertEquals(200, after.get("metrics").statusCode());

        // disabled: refused at once
        assertEquals(200, admin.send("DELETE", admin.uri("users/" + user)).statusCode());
        assertEquals(401, after.get("metrics").statusCode());
    }

    @Test
    void aNameNobodyHasCostsOneHashLikeAWrongPasswordOfARealUser() throws Exception {
        String user = "it-cost-known-" + RUN;
        TestUsers.put(BackingServices.forTests(), user, "cost-known-password", "viewer");
        String address = "192.0.2.41";

        long hashes = figures.metric(HASHES);
        assertEquals(401, admin.as(user, "wrong-password").from(address).get("imports").statusCode());
        long afterKnown = figures.metric(HASHES);
        assertEquals(401, admin.as("it-nobody-" + RUN, "wrong-password").from(address).get("imports").statusCode());
        long afterUnknown = figures.metric(HASHES);

        assertEquals(1, afterKnown - hashes, "a real user's wrong password: one hash");
        assertEquals(1, afterUnknown - afterKnown, "a name nobody has: one hash too, so the time tells nothing");
    }
}
