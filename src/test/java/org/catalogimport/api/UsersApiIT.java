package org.catalogimport.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/users} on the shared server, as an administrator's script uses it: each change takes
 * effect at once at the doors (the user's next call), refusals say why, and each change is in the
 * audit trail with who did it and from which address (the administrator calls through a trusted
 * proxy from 192.0.2.10).
 */
@ExtendWith(RunningApplication.class)
class UsersApiIT {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final String ADMIN_ADDRESS = "192.0.2.10";

    private final AdminApi admin = new AdminApi(RunningApplication.baseUri()).from(ADMIN_ADDRESS);

    private static JsonObject user(String name, String password, String... roles) {
        return Json.createObjectBuilder().add("name", name).add("password", password)
                .add("roles", Json.createArrayBuilder(List.of(roles))).build();
    }

    /** The newest audit row of {@code action} done by the test administrator. */
    private JsonObject lastAudit(String action) throws Exception {
        return admin.array("audit?size=1&action=" + action + "&user=" + IntegrationTestSettings.ADMIN_USER).getJsonObject(0);
    }

    @Test
    void anAddedUserSignsInWithItsRolesAndEveryChangeTakesEffectAtItsNextCall() throws Exception {
        String name = "it-manager-" + RUN;
        String password = "manager-password-1";

        // When an administrator adds a viewer
        HttpResponse<String> added = admin.send("POST", "users", user(name, password, "viewer"));

        // Then it is created, listed without any password, and recorded
        assertEquals(201, added.statusCode(), added.body());
        assertTrue(added.headers().firstValue("Location").orElse("").endsWith("/api/users/" + name));
        JsonObject listed = admin.array("users").stream().map(JsonValue::asJsonObject)
                .filter(u -> u.getString("name").equals(name)).findFirst().orElseThrow();
        assertEquals(List.of("viewer"), listed.getJsonArray("roles").getValuesAs(JsonString::getString));
        assertTrue(listed.getBoolean("enabled"));
        assertFalse(listed.toString().contains(password), listed.toString());
        assertFalse(listed.toString().contains("PBKDF2"), listed.toString());
        JsonObject addedRow = lastAudit("USER_ADDED");
        assertEquals("user " + name + " (viewer)", addedRow.getString("target"));
        assertEquals(ADMIN_ADDRESS, addedRow.getString("address"));

        // and the viewer reads the API but changes nothing
        AdminApi viewer = admin.as(name, password);
        assertEquals(200, viewer.get("imports").statusCode());
        assertEquals(403, viewer.send("POST", viewer.uri("imports")).statusCode());

        // When its roles become metrics only, its very next call sees that
        HttpResponse<String> changed = admin.send("PATCH", "users/" + name,
                Json.createObjectBuilder().add("roles", Json.createArrayBuilder().add("metrics")).build());
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(403, viewer.get("imports").statusCode());
        assertEquals(200, viewer.get("metrics").statusCode());
        assertEquals("user " + name + " roles: viewer → metrics", lastAudit("USER_CHANGED").getString("target"));

        // When the administrator resets its password, the new one is shown once and the old one is refused
        HttpResponse<String> reset = admin.send("PATCH", "users/" + name, Json.createObjectBuilder().add("resetPassword", true).build());
        assertEquals(200, reset.statusCode(), reset.body());
        String generated = AdminApi.object(reset).getString("password");
        assertTrue(generated.length() >= 20, generated);
        assertEquals(401, viewer.get("metrics").statusCode());
        assertEquals(200, admin.as(name, generated).get("metrics").statusCode());
        assertFalse(AdminApi.object(admin.get("users/" + name)).containsKey("password"), "never shown again");
        assertEquals("user " + name, lastAudit("PASSWORD_RESET").getString("target"));

        // When it is deleted, it is disabled: listed as such, and refused at every door
        HttpResponse<String> deleted = admin.send("DELETE", admin.uri("users/" + name));
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertFalse(AdminApi.object(admin.get("users/" + name)).getBoolean("enabled"));
        assertEquals(401, admin.as(name, generated).get("metrics").statusCode());
        assertEquals("user " + name + " disabled", lastAudit("USER_DISABLED").getString("target"));

        // and enabled again, it signs in again
        assertEquals(200, admin.send("PATCH", "users/" + name, Json.createObjectBuilder().add("enabled", true).build()).statusCode());
        assertEquals(200, admin.as(name, generated).get("metrics").statusCode());
    }

    @Test
    void refusalsSayWhyAndChangeNothing() throws Exception {
        String name = "it-rules-" + RUN;

        assertRefused(400, "at least 12 characters", admin.send("POST", "users", user(name, "short", "viewer")));
        assertRefused(400, "must not be the user name", admin.send("POST", "users", user(name, name.toUpperCase(), "viewer")));
        assertRefused(400, "Unknown role root", admin.send("POST", "users", user(name, "long-enough-password", "root")));
        assertRefused(400, "at least one role", admin.send("POST", "users", user(name, "long-enough-password")));
        assertRefused(400, "1 to 100 letters", admin.send("POST", "users", user("two words", "long-enough-password", "viewer")));
        assertRefused(400, "\"roles\" must be an array", admin.send("POST", "users",
                Json.createObjectBuilder().add("name", name).add("password", "long-enough-password").build()));
        assertEquals(404, admin.get("users/" + name).statusCode(), "nothing was created");

        assertEquals(201, admin.send("POST", "users", user(name, "long-enough-password", "viewer")).statusCode());
        assertRefused(409, "already exists", admin.send("POST", "users", user(name, "another-long-password", "admin")));
        assertEquals("[\"viewer\"]", AdminApi.object(admin.get("users/" + name)).getJsonArray("roles").toString());
        assertRefused(404, "no user named it-nobody", admin.send("PATCH", "users/it-nobody-" + RUN,
                Json.createObjectBuilder().add("enabled", false).build()));
    }

    @Test
    void theLastActiveAdministratorCanNeitherBeDisabledNorLoseTheAdminRole() throws Exception {
        // Given the test administrator as the only active administrator (the others are disabled for now)
        List<String> others = new ArrayList<>();
        for (JsonValue value : admin.array("users")) {
            JsonObject u = value.asJsonObject();
            if (u.getBoolean("enabled") && u.getJsonArray("roles").toString().contains("\"admin\"")
                    && !u.getString("name").equals(IntegrationTestSettings.ADMIN_USER)) {
                others.add(u.getString("name"));
            }
        }
        try {
            for (String other : others) {
                assertEquals(200, admin.send("DELETE", admin.uri("users/" + other)).statusCode(), other);
            }

            // When it would be disabled, or lose the admin role
            HttpResponse<String> disable = admin.send("DELETE", admin.uri("users/" + IntegrationTestSettings.ADMIN_USER));
            HttpResponse<String> demote = admin.send("PATCH", "users/" + IntegrationTestSettings.ADMIN_USER,
                    Json.createObjectBuilder().add("roles", Json.createArrayBuilder().add("viewer")).build());

            // Then both are refused, saying why, and it still is an administrator
            assertRefused(409, "last active administrator", disable);
            assertRefused(409, "last active administrator", demote);
            JsonObject self = AdminApi.object(admin.get("users/" + IntegrationTestSettings.ADMIN_USER));
            assertTrue(self.getBoolean("enabled"));
            assertEquals("[\"admin\"]", self.getJsonArray("roles").toString());

            // and with a second administrator it may lose the role
            String second = "it-second-admin-" + RUN;
            assertEquals(201, admin.send("POST", "users", user(second, "second-admin-password", "admin")).statusCode());
            assertEquals(200, admin.send("DELETE", admin.uri("users/" + second)).statusCode(),
                    "the second one may go while the first is active");
        } finally {
            for (String other : others) {
                admin.send("PATCH", "users/" + other, Json.createObjectBuilder().add("enabled", true).build());
            }
        }
    }

    @Test
    void aUserReadsNoOtherUsersAndNoAudit() throws Exception {
        String name = "it-curious-" + RUN;
        assertEquals(201, admin.send("POST", "users", user(name, "curious-password", "viewer", "metrics")).statusCode());

        AdminApi curious = admin.as(name, "curious-password");
        assertEquals(403, curious.get("users").statusCode());
        assertEquals(403, curious.get("audit").statusCode());
        assertEquals(403, curious.send("POST", "users", user("it-sneaky-" + RUN, "sneaky-password", "admin")).statusCode());
        assertEquals(404, admin.get("users/it-sneaky-" + RUN).statusCode());
    }

    private static void assertRefused(int status, String because, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        String message = AdminApi.object(response).getString("message");
        assertTrue(message.contains(because), message);
        assertNotEquals("", message);
    }
}
