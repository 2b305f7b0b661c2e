package org.catalogimport.api;

import jakarta.inject.Inject;
import org.catalogimport.exchange.ExchangeRefusals;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** {@code GET /api/metrics}: the import figures for Prometheus (admin role, HTTP Basic, like all of /api). */
@Path("metrics")
public class ImportMetricsResource {

    @Inject
    ImportMetrics metrics;

    @Inject
    ExchangeRefusals refusals;

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String scrape() {
        return metrics.prometheusText() + refusals.prometheusText();
    }
}
