package org.catalogimport.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.ConsoleHttp;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Console sessions over HTTP, two at once where it matters: a password change ends the user's other
 * sessions (and keeps the one it was made in), an administrator's change of a user ends all of
 * theirs at the next request, and signing out ends the session for good.
 */
@ExtendWith(RunningApplication.class)
class SessionsIT {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private final AdminApi admin = new AdminApi(RunningApplication.baseUri());

    private static ConsoleHttp signedIn(String user, String password) throws Exception {
        ConsoleHttp console = ConsoleHttp.anonymous();
        HttpResponse<String> signIn = console.signIn(user, password);
        assertEquals(302, signIn.statusCode(), signIn.body());
        assertEquals(200, console.get("admin/imports").statusCode());
        return console;
    }

    private static void assertSentToLogin(HttpResponse<String> response) {
        assertEquals(302, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Location").orElse("").contains("/login"), response.headers().map().toString());
    }

    @Test
    void changingOnesPasswordEndsOnesOtherSessionsAndKeepsThisOne() throws Exception {
        String user = "it-sessions-" + RUN;
        TestUsers.put(BackingServices.forTests(), user, "first-password-1", "viewer");
        ConsoleHttp laptop = signedIn(user, "first-password-1");
        ConsoleHttp phone = signedIn(user, "first-password-1");

        // When the user changes the password on the laptop
        laptop.get("admin/account");
        HttpResponse<String> changed = laptop.ajaxSubmit("admin/account", "password", "password:changePassword", Map.of(
                "password:current", "first-password-1", "password:fresh", "second-password-2",
                "password:repeated", "second-password-2"));

        // Then the page says so, the laptop stays signed in and the phone is sent to the login page
        assertTrue(changed.body().contains("Your password was changed. Your other sessions have ended."), changed.body());
        assertEquals(200, laptop.get("admin/imports").statusCode());
        assertSentToLogin(phone.get("admin/imports"));
        // and only the new password signs in
        assertEquals(302, ConsoleHttp.anonymous().signIn(user, "second-password-2").statusCode());
        assertEquals(200, ConsoleHttp.anonymous().signIn(user, "first-password-1").statusCode());
        assertEquals("user " + user, admin.array("audit?size=1&action=PASSWORD_CHANGED&user=" + user)
                .getJsonObject(0).getString("target"));
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() throws Exception {
        String user = "it-sessions-wrong-" + RUN;
        TestUsers.put(BackingServices.forTests(), user, "first-password-1", "viewer");
        ConsoleHttp console = signedIn(user, "first-password-1");
        console.get("admin/account");

        HttpResponse<String> refused = console.ajaxSubmit("admin/account", "password", "password:changePassword", Map.of(
                "password:current", "not-the-password", "password:fresh", "second-password-2",
                "password:repeated", "second-password-2"));

        assertTrue(refused.body().contains("The current password is wrong."), refused.body());
        assertEquals(302, ConsoleHttp.anonymous().signIn(user, "first-password-1").statusCode());
    }

    @Test
    void anAdministratorsChangeOfAUserEndsTheirSessionAtTheNextRequest() throws Exception {
        String user = "it-sessions-demoted-" + RUN;
        TestUsers.put(BackingServices.forTests(), user, "demoted-password", "viewer");
        ConsoleHttp console = signedIn(user, "demoted-password");

        assertEquals(200, admin.send("PATCH", "users/" + user,
                Json.createObjectBuilder().add("roles", Json.createArrayBuilder().add("viewer").add("metrics")).build()).statusCode());

        assertSentToLogin(console.get("admin/imports"));
        // signed in again, the new roles apply; disabled, it cannot sign in at all
        signedIn(user, "demoted-password");
        assertEquals(200, admin.send("DELETE", admin.uri("users/" + user)).statusCode());
        assertEquals(200, ConsoleHttp.anonymous().signIn(user, "demoted-password").statusCode(), "the form again, refused");
    }

    @Test
    void signingOutEndsTheSessionForGood() throws Exception {
        String user = "it-sessions-out-" + RUN;
        TestUsers.put(BackingServices.forTests(), user, "signing-out-password", "viewer");
        ConsoleHttp console = signedIn(user, "signing-out-password");

        HttpResponse<String> out = console.post("admin/imports", Map.of("account", "account", "account:logout", ""), false);

        assertSentToLogin(out);
        assertSentToLogin(console.get("admin/imports"));
    }
}
