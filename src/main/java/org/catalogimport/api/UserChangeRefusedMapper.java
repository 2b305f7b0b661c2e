package org.catalogimport.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.catalogimport.platform.security.UserChangeRefused;
import org.catalogimport.platform.security.UserMessages;

/** A refused change of users: 400, 404 or 409 with the rule's words (in English). */
@Provider
public class UserChangeRefusedMapper implements ExceptionMapper<UserChangeRefused> {

    @Override
    public Response toResponse(UserChangeRefused refused) {
        Response.Status status = switch (refused.reason()) {
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case EXISTS, LAST_ADMIN -> Response.Status.CONFLICT;
            case INVALID, WRONG_PASSWORD -> Response.Status.BAD_REQUEST;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("message", UserMessages.english(refused))).build();
    }
}
