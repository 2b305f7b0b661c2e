package org.catalogimport.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.catalogimport.imports.ImportAgain;
import org.catalogimport.imports.ImportCancellation;
import org.catalogimport.imports.ImportLauncher;
import org.catalogimport.imports.ImportRequest;
import org.catalogimport.imports.ImportSource;
import org.catalogimport.imports.upload.PackageUploads;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportSessions;
import org.catalogimport.imports.ImportStatus;
import org.catalogimport.platform.web.Caller;
import java.util.Locale;
import org.catalogimport.exchange.ExchangeHistory;

/**
 * Import sessions for automation: start one ({@code POST}: 202 with the session, 409 while one
 * runs, 503 when Redis or PostgreSQL is unavailable; {@code ?dryRun=true} for a check that is
 * always rolled back), cancel one, list them, read one with its change report and problems.
 */
@Path("imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportSessionsResource {

    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_PROBLEMS = 1_000;

    @Inject
    PackageUploads uploads;

    @Inject
    ImportSessions sessions;

    @Inject
    ImportLauncher launcher;

    @Inject
    ImportCancellation cancellation;

    @Inject
    ImportAgain again;

    @Inject
    ExchangeHistory exchanges;

    @Inject
    Caller caller;

    /**
     * @param allowMassDeactivation let a full exchange deactivate more than the configured share of
     *                              the active products or offers (otherwise such an import fails)
     * @param dryRun                a check: the whole import, always rolled back
     */
    @POST
    public Response start(@Context UriInfo uri,
                          @QueryParam("allowMassDeactivation") @DefaultValue("false") boolean allowMassDeactivation,
                          @QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
        ImportLauncher.StartResult result = launcher.start(
                ImportRequest.of(caller.actor(), ImportSource.API)
                        .allowingMassDeactivation(allowMassDeactivation).asDryRun(dryRun));
        return switch (result.outcome()) {
            case STARTED -> Response.accepted(ImportSessionView.of(result.session()))
                    .location(uri.getAbsolutePathBuilder().path(String.valueOf(result.session().getId())).build())
                    .build();
            case ALREADY_RUNNING -> Response.status(Response.Status.CONFLICT)
                    .entity(message(result.message(), result.session() == null ? null : result.session().getId())).build();
            case UNAVAILABLE, NOT_STARTED -> Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(message(result.message(), null)).build();
        };
    }

    /**
     * Cancels a session: 202 while the running import stops (it ends CANCELLED within seconds),
     * 200 when it had not started yet (CANCELLED now), 409 when it had already ended, 404.
     */
    @POST
    @Path("{id}/cancel")
    public Response cancel(@PathParam("id") long id) {
        ImportCancellation.Result result = cancellation.request(id, caller.actor());
        return switch (result.outcome()) {
            case CANCELLED -> Response.ok(ImportSessionView.of(result.session().orElseThrow())).build();
            case REQUESTED -> Response.accepted(ImportSessionView.of(result.session().orElseThrow())).build();
            case ALREADY_FINISHED -> Response.status(Response.Status.CONFLICT).entity(Map.of("message",
                    "Import " + id + " has already ended (" + result.session().orElseThrow().getStatus() + ").")).build();
            case NOT_FOUND -> throw new NotFoundException("No import session " + id);
        };
    }

    /**
     * Imports again a failed or cancelled session whose files are still kept (an exchange's, an
     * upload's): 202 with the new session (its {@code retryOf} names this one) and its Location; 409
     * when the session did not fail or was not cancelled, read the import folder, or its files are
     * gone, or another import runs; 404.
     */
    @POST
    @Path("{id}/retry")
    public Response retry(@PathParam("id") long id, @Context UriInfo uri) {
        ImportSession session = sessions.find(id).orElseThrow(() -> new NotFoundException("No import session " + id));
        ImportAgain.Result result = again.start(session, caller.actor(), ImportSource.API);
        if (result.start() == null) {
            return Response.status(Response.Status.CONFLICT).entity(Map.of("message", switch (result.check()) {
                case NOT_ENDED_BADLY -> "Import " + id + " is " + session.getStatus()
                        + ": only a failed or cancelled import can be imported again.";
                case IMPORT_FOLDER -> "Import " + id + " read the import folder, which may hold another package by now:"
                        + " start a new import instead.";
                case FILES_GONE -> "The files of import " + id + " are gone (deleted after their keep time):"
                        + " they cannot be imported again.";
                case POSSIBLE -> "Import " + id + " was not started.";
            })).build();
        }
        ImportLauncher.StartResult started = result.start();
        return switch (started.outcome()) {
            case STARTED -> Response.accepted(ImportSessionView.of(started.session()))
                    .location(uri.getBaseUriBuilder().path("imports").path(String.valueOf(started.session().getId())).build())
                    .build();
            case ALREADY_RUNNING -> Response.status(Response.Status.CONFLICT)
                    .entity(message(started.message(), started.session() == null ? null : started.session().getId())).build();
            case UNAVAILABLE, NOT_STARTED -> Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(message(started.message(), null)).build();
        };
    }

    private static Map<String, Object> message(String text, Long runningSessionId) {
        return runningSessionId == null ? Map.of("message", text)
                : Map.of("message", text, "runningSessionId", runningSessionId);
    }

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
        return sessions.find(id).map(s -> ImportSessionView.of(s, sessions.entityCountsJson(id),
                        sessions.problems(id, MAX_PROBLEMS),
                        s.getSource() == ImportSource.EXCHANGE ? exchanges.filesOf(id) : null,
                        s.getUploadId() == null ? null : uploads.find(s.getUploadId()).orElse(null),
                        sessions.censusJson(id)))
                .orElseThrow(() -> new NotFoundException("No import session " + id));
    }

    private static ImportStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ImportStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Unknown status '" + status + "'");
        }
    }
}
