package org.catalogimport.platform.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/**
 * Produces the application's one {@link RedissonClient} and shuts it down on undeploy.
 *
 * <p>The client is application-scoped and therefore created on first use, not at deployment: the
 * application deploys (and its health check can report Redis as down) even while Redis is away.
 * If creation fails, the next use tries again. Server, database and key prefix: {@link RedisSettings}.
 */
@ApplicationScoped
public class RedissonClientProducer {

    private static final Logger LOG = Logger.getLogger(RedissonClientProducer.class.getName());

    @Inject
    @ConfigProperty(name = "catalog.redis.address")
    String address;

    @Inject
    @ConfigProperty(name = "catalog.redis.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "catalog.redis.database")
    Optional<Integer> database;

    @Inject
    @ConfigProperty(name = "catalog.redis.key-prefix")
    Optional<String> keyPrefix;

    @Inject
    @ConfigProperty(name = "catalog.redis.timeout-millis")
    int timeoutMillis;

    @Produces
    @ApplicationScoped
    RedissonClient redissonClient() {
        RedisSettings settings = RedisSettings.of(address, password, database, keyPrefix, timeoutMillis);
        LOG.info(() -> "Connecting to Redis at " + settings.describe());
        return Redisson.create(settings.toConfig());
    }

    void shutdown(@Disposes RedissonClient client) {
        client.shutdown();
    }
}
