package org.catalogimport.api;

import jakarta.inject.Inject;
import org.catalogimport.exchange.ExchangeRefusals;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.catalogimport.platform.security.SignInCounters;

/**
 * {@code GET /api/metrics}: the import and exchange figures for Prometheus (the cluster's, from
 * PostgreSQL) and what signing in cost the node that answers (roles admin, viewer or metrics; HTTP
 * Basic or an API token, like all of /api).
 */
@Path("metrics")
public class ImportMetricsResource {

    @Inject
    ImportMetrics metrics;

    @Inject
    ExchangeRefusals refusals;

    @Inject
    SignInCounters signIns;

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String scrape() {
        return metrics.prometheusText() + refusals.prometheusText() + signIns.prometheusText();
    }
}
