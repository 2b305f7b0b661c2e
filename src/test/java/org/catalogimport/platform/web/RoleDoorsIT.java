package org.catalogimport.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.ConsoleHttp;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every role against every door, allowed and refused, over plain HTTP: the console's pages, the
 * console's actions (posted with the page's view state, as a forger would), the API's reads and
 * changes, and the 1C exchange. The table below is README's role × door table; a cell that
 * changes must change in both.
 */
@ExtendWith(RunningApplication.class)
class RoleDoorsIT {

    /** The roles, one user each, and no user at all. */
    enum Who {
        ADMIN("admin"), VIEWER("viewer"), EXCHANGE("exchange"), METRICS("metrics"), ANONYMOUS(null);

        final String role;

        Who(String role) {
            this.role = role;
        }

        String user() {
            return "it-door-" + name().toLowerCase();
        }

        String password() {
            return user() + "-password";
        }
    }

    /**
     * A door and what each of admin, viewer, exchange, metrics and anonymous get: an HTTP status,
     * or for the exchange the first line of its answer.
     */
    record Door(String name, String admin, String viewer, String exchange, String metrics, String anonymous) {
        String expected(Who who) {
            return switch (who) {
                case ADMIN -> admin;
                case VIEWER -> viewer;
                case EXCHANGE -> exchange;
                case METRICS -> metrics;
                case ANONYMOUS -> anonymous;
            };
        }
    }

    private static final List<Door> DOORS = List.of(
            new Door("GET admin/imports", "200", "200", "403", "403", "302"),
            new Door("GET admin/exchange", "200", "200", "403", "403", "302"),
            new Door("GET admin/account", "200", "200", "403", "403", "302"),
            new Door("GET admin/users", "200", "403", "403", "403", "302"),
            new Door("GET admin/audit", "200", "403", "403", "403", "302"),
            new Door("POST console release lock", "200", "403", "403", "403", "302"),
            new Door("POST console upload", "200", "403", "403", "403", "302"),
            new Door("GET api/imports", "200", "200", "403", "403", "401"),
            new Door("GET api/catalog/summary", "200", "200", "403", "403", "401"),
            new Door("GET api/exchanges", "200", "200", "403", "403", "401"),
            new Door("GET api/metrics", "200", "200", "403", "200", "401"),
            new Door("GET api/users", "200", "403", "403", "403", "401"),
            new Door("GET api/audit", "200", "403", "403", "403", "401"),
            new Door("POST api/imports/999999999/cancel", "404", "403", "403", "403", "401"),
            new Door("POST api/users", "400", "403", "403", "403", "401"),
            new Door("PATCH api/users/it-door-nobody", "404", "403", "403", "403", "401"),
            new Door("DELETE api/users/it-door-nobody", "404", "403", "403", "403", "401"),
            new Door("GET 1c_exchange checkauth", "failure", "failure", "success", "failure", "401"));

    private static final Map<Who, ConsoleHttp> CONSOLES = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void oneUserPerRole() {
        for (Who who : Who.values()) {
            if (who.role != null) {
                TestUsers.put(BackingServices.forTests(), who.user(), who.password(), who.role);
            }
        }
    }

    static Stream<Arguments> everyRoleAtEveryDoor() {
        List<Arguments> cells = new ArrayList<>();
        for (Door door : DOORS) {
            for (Who who : Who.values()) {
                cells.add(Arguments.of(door.name(), who, door.expected(who)));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{1} at {0}: {2}")
    @MethodSource("everyRoleAtEveryDoor")
    void eachRoleReachesOnlyItsOwnDoors(String door, Who who, String expected) throws Exception {
        assertEquals(expected, knock(door, who), who + " at " + door);
    }

    @Test
    void aViewerSeesTheImportsPageWithoutItsActionsAndAnAdministratorWithThem() throws Exception {
        String viewer = console(Who.VIEWER).get("admin/imports").body();
        String admin = console(Who.ADMIN).get("admin/imports").body();

        for (String action : List.of("id=\"sessions:start\"", "id=\"sessions:check\"", "id=\"upload:send\"",
                "id=\"sessions:startDialog\"", "href=\"/admin/users\"", "href=\"/admin/audit\"")) {
            assertFalse(viewer.contains(action), "the viewer's page has " + action);
            assertTrue(admin.contains(action), "the administrator's page lacks " + action);
        }
        assertTrue(viewer.contains("starting, checking, cancelling, uploading and releasing the lock need the admin role"));
        assertTrue(viewer.contains("id=\"sessions:table\""), "the viewer reads the sessions");
    }

    private String knock(String door, Who who) throws IOException, InterruptedException {
        if (door.startsWith("POST console")) {
            ConsoleHttp console = console(who);
            console.get("admin/imports");
            HttpResponse<String> response = door.endsWith("upload") ? console.emptyUpload("admin/imports")
                    : console.ajax("admin/imports", "sessions", "sessions:releaseLock");
            return String.valueOf(response.statusCode());
        }
        String[] parts = door.split(" ", 2);
        String method = parts[0];
        String path = parts[1];
        if (path.startsWith("1c_exchange")) {
            HttpResponse<String> response = send("GET", "1c_exchange?type=catalog&mode=checkauth", who, null);
            return response.statusCode() == 200 ? response.body().lines().findFirst().orElse("") : String.valueOf(response.statusCode());
        }
        String body = switch (method) {
            case "POST" -> path.equals("api/users") ? "{}" : null;
            case "PATCH" -> "{\"enabled\":true}";
            default -> null;
        };
        return String.valueOf(send(method, path, who, body).statusCode());
    }

    private HttpResponse<String> send(String method, String path, Who who, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RunningApplication.baseUri() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (who != Who.ANONYMOUS) {
            request.header("Authorization", AdminApi.basic(who.user(), who.password()));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One console session per role, signed in by Basic on its first request. */
    private static ConsoleHttp console(Who who) {
        return CONSOLES.computeIfAbsent(who, w -> w == Who.ANONYMOUS ? ConsoleHttp.anonymous()
                : ConsoleHttp.basic(w.user(), w.password()));
    }
}
