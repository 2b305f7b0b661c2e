package org.catalogimport.platform.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.redisson.api.NameMapper;
import org.redisson.config.Config;

/**
 * Where this deployment keeps its keys in Redis: server, database number and key prefix, and the
 * Redisson configuration that follows from them.
 *
 * <p>Why database and prefix: two deployments that share one Redis (staging and production) must
 * never see each other's import lock. Either setting separates them: a database number separates
 * the keys (Redis pub/sub channels are server-wide, but Redisson's lock channel carries the key's
 * name, so a prefix separates those too; a waiter woken by a foreign channel only retries anyway).
 * The database comes from the address ({@code redis://host:6379/5}, as redis-cli and most clients
 * read it) or from {@code catalog.redis.database}; Redisson itself ignores a path in the address,
 * which is why the lock used to land in database 0 whatever the address said.
 */
public record RedisSettings(String address, Optional<String> password, int database, String keyPrefix,
                            int timeoutMillis) {

    /**
     * @param url      {@code redis://host:port[/database]} or {@code rediss://...}
     * @param database {@code catalog.redis.database}; if the address names one too, both must agree
     * @throws IllegalArgumentException naming the setting to fix
     */
    public static RedisSettings of(String url, Optional<String> password, Optional<Integer> database,
                                   Optional<String> keyPrefix, int timeoutMillis) {
        URI uri = parse(url);
        Optional<Integer> inUrl = databaseOf(uri, url);
        if (inUrl.isPresent() && database.isPresent() && !inUrl.equals(database)) {
            throw new IllegalArgumentException("CATALOG_REDIS_ADDRESS (" + url + ") names database " + inUrl.get()
                    + " but CATALOG_REDIS_DATABASE says " + database.get() + ": set the database in one of them only");
        }
        int chosen = inUrl.or(() -> database).orElse(0);
        if (chosen < 0) {
            throw new IllegalArgumentException("CATALOG_REDIS_DATABASE must be 0 or more, was " + chosen);
        }
        String server = uri.getScheme() + "://" + uri.getRawAuthority();
        return new RedisSettings(server, password.filter(p -> !p.isBlank()), chosen, keyPrefix.orElse(""), timeoutMillis);
    }

    /** The Redisson configuration of the application's one client (and of tests acting as another node). */
    public Config toConfig() {
        Config config = new Config();
        config.useSingleServer()
                .setAddress(address)
                .setDatabase(database)
                .setNameMapper(keyPrefix.isEmpty() ? NameMapper.direct() : new PrefixNameMapper(keyPrefix))
                .setPassword(password.orElse(null))
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
        return config;
    }

    /** For the log: server, database and prefix, never a password (not even one inside the address). */
    public String describe() {
        String server = address.replaceFirst("://[^@/]*@", "://***@");
        return server + ", database " + database + (keyPrefix.isEmpty() ? ", no key prefix" : ", key prefix '" + keyPrefix + "'");
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                throw new IllegalArgumentException("CATALOG_REDIS_ADDRESS must look like redis://host:6379 or redis://host:6379/5, was " + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("CATALOG_REDIS_ADDRESS is not an address: " + url + " (" + e.getReason() + ")", e);
        }
    }

    private static Optional<Integer> databaseOf(URI uri, String url) {
        String path = Optional.ofNullable(uri.getPath()).orElse("");
        String number = path.startsWith("/") ? path.substring(1) : path;
        if (number.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(number));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The path of CATALOG_REDIS_ADDRESS must be a database number (redis://host:6379/5), was " + url, e);
        }
    }

    /** Puts the prefix before every key Redisson writes, and takes it off the keys it reads back. */
    private record PrefixNameMapper(String prefix) implements NameMapper {
        @Override
        public String map(String name) {
            return prefix + name;
        }

        @Override
        public String unmap(String name) {
            return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
        }
    }
}
