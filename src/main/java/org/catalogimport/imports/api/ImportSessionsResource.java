package org.catalogimport.imports.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.catalogimport.imports.ImportSessions;
import org.catalogimport.imports.ImportStatus;

/** Read access to import sessions for automation. */
@Path("imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportSessionsResource {

    static final int MAX_PAGE_SIZE = 200;

    @Inject
    ImportSessions sessions;

    @GET
    public List<ImportSessionView> list(@QueryParam("status") String status,
                                        @QueryParam("page") @DefaultValue("0") int page,
                                        @QueryParam("size") @DefaultValue("20") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequestException("page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        return sessions.page(parseStatus(status), page * size, size).stream().map(ImportSessionView::of).toList();
    }

    @GET
    @Path("{id}")
    public ImportSessionView get(@PathParam("id") long id) {
        return sessions.find(id).map(ImportSessionView::of)
                .orElseThrow(() -> new NotFoundException("No import session " + id));
    }

    private static ImportStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ImportStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Unknown status '" + status + "'");
        }
    }
}
