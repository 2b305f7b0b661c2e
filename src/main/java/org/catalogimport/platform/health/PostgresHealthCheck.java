package org.catalogimport.platform.health;

import org.catalogimport.platform.RootCause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while PostgreSQL answers a query through the application's data source. */
@Readiness
@ApplicationScoped
public class PostgresHealthCheck implements HealthCheck {

    @Inject
    DatabasePing databasePing;

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("postgresql").up()
                    .withData("version", databasePing.serverVersion())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("postgresql").down()
                    .withData("error", RootCause.describe(e))
                    .build();
        }
    }
}
