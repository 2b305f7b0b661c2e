package org.catalogimport.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Refusals of the API as JSON {@code {"message"}}, so a script can show why. */
final class ApiErrors {

    private ApiErrors() {
    }

    static WebApplicationException badRequest(String message) {
        return refused(Response.Status.BAD_REQUEST, message);
    }

    static WebApplicationException refused(Response.Status status, String message) {
        return new WebApplicationException(message, Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("message", message)).build());
    }
}
