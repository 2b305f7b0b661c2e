package org.catalogimport.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.catalogimport.catalog.CatalogQueries;

/**
 * Lets an operator check an import's result without SQL (admin role, like all of /api):
 * {@code GET /api/catalog/products/{1C Ид}} and {@code GET /api/catalog/summary}.
 */
@Path("catalog")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    @Inject
    CatalogQueries queries;

    @GET
    @Path("products/{id}")
    public String product(@PathParam("id") String id) {
        return queries.productJson(id).orElseThrow(() -> new NotFoundException("No product with Ид " + id));
    }

    @GET
    @Path("summary")
    public String summary() {
        return queries.summaryJson();
    }
}
