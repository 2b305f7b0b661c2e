package org.catalogimport.api;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.catalogimport.platform.security.ApiTokens;
import org.catalogimport.platform.web.Caller;

/**
 * {@code /api/users/{name}/tokens} (admin role, web.xml: under {@code /api/users/*}): the API tokens
 * of a user. {@code GET} lists them (name, who issued it when, last use; never the token), {@code
 * POST {"name"}} issues one (201; the answer's {@code token} is the only time it is shown), {@code
 * DELETE .../{id}} revokes one (204). A request sends it as {@code Authorization: Bearer <token>}.
 * Refusals: 400 (name), 404 (user or token), 409 (the user has a token of that name).
 */
@Path("users/{name}/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class UserTokensResource {

    @Inject
    ApiTokens tokens;

    @Inject
    Caller caller;

    @GET
    public List<TokenView> list(@PathParam("name") String user) {
        return tokens.of(user).stream().map(TokenView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(@PathParam("name") String user, JsonObject body, @Context UriInfo uri) {
        if (body == null || !(body.get("name") instanceof JsonString name)) {
            throw ApiErrors.badRequest("\"name\" must be a string");
        }
        ApiTokens.Issued issued = tokens.issue(caller.actor(), user, name.getString());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(issued.token().getId())).build())
                .entity(TokenView.of(issued.token(), issued.secret().text())).build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("name") String user, @PathParam("id") long id) {
        tokens.revoke(caller.actor(), user, id);
        return Response.noContent().build();
    }
}
