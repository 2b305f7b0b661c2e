package org.catalogimport.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.catalogimport.platform.audit.AuditAction;
import org.catalogimport.platform.audit.AuditEvent;
import org.catalogimport.platform.audit.AuditFilter;
import org.catalogimport.platform.audit.AuditTrail;

/**
 * {@code GET /api/audit} (admin role): the audit trail newest first, {@code size} rows (default 50,
 * at most 500) of page {@code page}, optionally only one {@code action}, one {@code user}, and a
 * time range {@code from} (inclusive) / {@code to} (exclusive) as ISO-8601 instants.
 */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int MAX_SIZE = 500;

    /** One row: when, who, from where, what, on what. */
    public record Row(Instant at, String user, String address, AuditAction action, String target) {
        static Row of(AuditEvent event) {
            return new Row(event.at(), event.user(), event.address(), event.action(), event.target());
        }
    }

    @Inject
    AuditTrail audit;

    @GET
    public List<Row> list(@QueryParam("size") @DefaultValue("50") int size,
                          @QueryParam("page") @DefaultValue("0") int page,
                          @QueryParam("action") String action,
                          @QueryParam("user") String user,
                          @QueryParam("from") String from,
                          @QueryParam("to") String to) {
        if (size < 1 || size > MAX_SIZE || page < 0) {
            throw ApiErrors.badRequest("size must be between 1 and " + MAX_SIZE + ", page >= 0");
        }
        AuditFilter filter = new AuditFilter(action(action), user, instant("from", from), instant("to", to));
        return audit.page(filter, page * size, size).stream().map(Row::of).toList();
    }

    private static AuditAction action(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AuditAction.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest("Unknown action '" + value + "': one of " + List.of(AuditAction.values()));
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiErrors.badRequest(name + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }
}
