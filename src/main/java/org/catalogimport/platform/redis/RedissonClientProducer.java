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
import org.redisson.config.Config;

/**
 * Produces the application's one {@link RedissonClient} and shuts it down on undeploy.
 *
 * <p>The client is application-scoped and therefore created on first use, not at deployment: the
 * application deploys (and its health check can report Redis as down) even while Redis is away.
 * If creation fails, the next use tries again.
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
    @ConfigProperty(name = "catalog.redis.timeout-millis")
    int timeoutMillis;

    @Produces
    @ApplicationScoped
    RedissonClient redissonClient() {
        Config config = new Config();
        config.useSingleServer()
                .setAddress(address)
                .setPassword(password.filter(p -> !p.isBlank()).orElse(null))
                // why: fail fast and clearly when Redis is down instead of hanging a page request.
                .setConnectTimeout(timeoutMillis)
                .setTimeout(timeoutMillis)
                // why retries: after a network blip the first command may meet a connection that
                // died meanwhile; a retry on a fresh connection is what the user would have done.
                .setRetryAttempts(3)
                .setRetryInterval(300)
                // why: find connections that died silently (e.g. behind a proxy) within seconds.
                .setPingConnectionInterval(5_000)
                .setKeepAlive(true)
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(8);
        LOG.info(() -> "Connecting to Redis at " + address);
        return Redisson.create(config);
    }

    void shutdown(@Disposes RedissonClient client) {
        client.shutdown();
    }
}
