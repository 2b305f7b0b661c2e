package org.catalogimport.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.catalogimport.exchange.ExchangeHistory;
import org.catalogimport.exchange.ExchangeRefusals;

/**
 * {@code GET /api/exchanges}: the last 1C exchanges, newest first — when, which user, from which
 * address, the files received (name, size, chunks, the session that read each), the import
 * sessions started and the result; {@code /refusals}: the calls it refused. Admin only, like the rest of {@code /api}.
 */
@Path("exchanges")
@Produces(MediaType.APPLICATION_JSON)
public class ExchangesResource {

    private static final int MAX_LIMIT = 500;

    @Inject
    ExchangeHistory history;

    @Inject
    ExchangeRefusals refusals;

    @GET
    public List<ExchangeHistory.Summary> recent(@QueryParam("limit") @DefaultValue("50") int limit) {
        return history.recent(Math.max(1, Math.min(limit, MAX_LIMIT)));
    }

    /** One refused call, as the API writes it. */
    public record RefusalView(Instant at, String address, String user, String reason, String kind, String mode) {
    }

    /**
     * {@code GET /api/exchanges/refusals}: the calls the exchange refused, newest first — when, from
     * which client address, as which user, why ({@code kind}: wrong_password, throttled, too_large…).
     */
    @GET
    @Path("refusals")
    public List<RefusalView> refusals(@QueryParam("limit") @DefaultValue("50") int limit) {
        return refusals.recent(Math.max(1, Math.min(limit, MAX_LIMIT))).stream()
                .map(r -> new RefusalView(r.at(), r.address(), r.user(), r.reason(),
                        r.kind().name().toLowerCase(Locale.ROOT), r.mode())).toList();
    }
}
