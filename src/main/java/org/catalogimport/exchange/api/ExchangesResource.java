package org.catalogimport.exchange.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.catalogimport.exchange.ExchangeHistory;

/**
 * {@code GET /api/exchanges}: the last 1C exchanges, newest first — when, which user, from which
 * address, the files received (name, size, chunks, the session that read each), the import
 * sessions started and the result. Admin only, like the rest of {@code /api}.
 */
@Path("exchanges")
@Produces(MediaType.APPLICATION_JSON)
public class ExchangesResource {

    private static final int MAX_LIMIT = 500;

    @Inject
    ExchangeHistory history;

    @GET
    public List<ExchangeHistory.Summary> recent(@QueryParam("limit") @DefaultValue("50") int limit) {
        return history.recent(Math.max(1, Math.min(limit, MAX_LIMIT)));
    }
}
