package org.catalogimport.platform.health;

import org.catalogimport.platform.RootCause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;

/**
 * Ready only while Redis answers PING; the import lock lives there. The injected client is a
 * proxy created on first use, so a Redis that was down at deployment is picked up once it is back.
 */
@Readiness
@ApplicationScoped
public class RedisHealthCheck implements HealthCheck {

    @Inject
    RedissonClient redisson;

    @Override
    public HealthCheckResponse call() {
        try {
            boolean answered = redisson.getRedisNodes(RedisNodes.SINGLE).pingAll();
            return answered
                    ? HealthCheckResponse.named("redis").up().build()
                    : HealthCheckResponse.named("redis").down().withData("error", "Redis did not answer PING").build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("redis").down().withData("error", RootCause.describe(e)).build();
        }
    }
}
