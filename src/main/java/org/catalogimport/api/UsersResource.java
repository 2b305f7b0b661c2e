package org.catalogimport.api;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.catalogimport.platform.security.UserAdministration;
import org.catalogimport.platform.security.UserAdministration.UserChange;
import org.catalogimport.platform.web.Caller;

/**
 * {@code /api/users} (admin role, web.xml): add a user ({@code POST {"name","password","roles"}} →
 * 201), list them, read one, change one ({@code PATCH} with any of {@code roles}, {@code enabled},
 * {@code password}, or {@code "resetPassword": true} for a generated password returned once),
 * disable one ({@code DELETE}: users are disabled, never deleted). Refusals: 400 (rules), 404,
 * 409 (name taken, or the last enabled administrator), each with {@code {"message"}}.
 */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    UserAdministration users;

    @Inject
    Caller caller;

    @GET
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @GET
    @Path("{name}")
    public UserView get(@PathParam("name") String name) {
        return users.find(name).map(UserView::of).orElseThrow(() -> new NotFoundException("No user " + name));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(JsonObject body, @Context UriInfo uri) {
        String name = string(body, "name");
        var user = users.add(caller.actor(), name, string(body, "password"), roles(body));
        return Response.created(uri.getAbsolutePathBuilder().path(name).build()).entity(UserView.of(user)).build();
    }

    @PATCH
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView change(@PathParam("name") String name, JsonObject body) {
        Boolean enabled = body.containsKey("enabled") ? enabled(body) : null;
        boolean reset = body.containsKey("resetPassword") && body.get("resetPassword") == JsonValue.TRUE;
        String generated = users.change(caller.actor(), name, new UserChange(
                body.containsKey("roles") ? roles(body) : null, enabled,
                body.containsKey("password") ? string(body, "password") : null, reset));
        return UserView.of(users.find(name).orElseThrow(), generated);
    }

    /** Disables the user (its sessions end); 409 for the last enabled administrator. */
    @DELETE
    @Path("{name}")
    public UserView disable(@PathParam("name") String name) {
        return UserView.of(users.setEnabled(caller.actor(), name, false));
    }

    private static String string(JsonObject body, String field) {
        if (body == null || !(body.get(field) instanceof JsonString value)) {
            throw ApiErrors.badRequest("\"" + field + "\" must be a string");
        }
        return value.getString();
    }

    private static Boolean enabled(JsonObject body) {
        JsonValue value = body.get("enabled");
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw ApiErrors.badRequest("\"enabled\" must be true or false");
        }
        return value == JsonValue.TRUE;
    }

    private static Set<String> roles(JsonObject body) {
        if (body == null || !(body.get("roles") instanceof JsonArray array)) {
            throw ApiErrors.badRequest("\"roles\" must be an array of role names");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (JsonValue value : array) {
            if (!(value instanceof JsonString role)) {
                throw ApiErrors.badRequest("\"roles\" must be an array of role names");
            }
            roles.add(role.getString());
        }
        return roles;
    }
}
