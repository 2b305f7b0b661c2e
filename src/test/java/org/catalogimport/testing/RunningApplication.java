package org.catalogimport.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension for HTTP and browser tests: one Payara Micro running the real WAR, started on
 * first use and shared by every test class of the run (a start costs ~30 s), stopped at the end.
 * Classes that use it call {@link #baseUri()}.
 */
public class RunningApplication implements BeforeAllCallback {

    private static PayaraMicroProcess payara;
    private static TcpProxy postgresProxy;
    private static TcpProxy redisProxy;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningApplication.class, key -> start(), Stopper.class);
    }

    public static URI baseUri() {
        if (payara == null) {
            throw new IllegalStateException("Annotate the test class with @ExtendWith(RunningApplication.class)");
        }
        return payara.baseUri();
    }

    /** The forwarder between the application and PostgreSQL: {@code cut()} it to take the database away. */
    public static TcpProxy postgresProxy() {
        baseUri();
        return postgresProxy;
    }

    /** The forwarder between the application and Redis. */
    public static TcpProxy redisProxy() {
        baseUri();
        return redisProxy;
    }

    /**
     * Gives PostgreSQL and Redis back to the application and waits until its health says both answer
     * again. why wait: the application reconnects on its own schedule, and a test that follows at
     * once (a request costs milliseconds) would meet its closed connections.
     */
    public static void giveServicesBack() {
        postgresProxy().restore();
        redisProxy().restore();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(baseUri().resolve("health")).timeout(Duration.ofSeconds(30)).build();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static Stopper start() {
        try {
            ServiceEndpoints services = BackingServices.forTests();
            Path projectDir = IntegrationTestSettings.projectDir();
            Path log = projectDir.resolve("target/payara-it.log");
            Files.createDirectories(log.getParent());
            // why proxies: tests can then take PostgreSQL or Redis away from the application
            // (and give them back) without touching the real services.
            URI db = URI.create(services.dbUrl().substring("jdbc:".length()));
            URI redis = URI.create(services.redisAddress());
            postgresProxy = new TcpProxy(db.getHost(), db.getPort() < 0 ? 5432 : db.getPort());
            redisProxy = new TcpProxy(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort());
            ServiceEndpoints proxied = new ServiceEndpoints(
                    services.dbUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + postgresProxy.port() + "/"),
                    services.dbUser(), services.dbPassword(),
                    redis.getScheme() + "://" + (redis.getUserInfo() == null ? "" : redis.getUserInfo() + "@")
                            + "127.0.0.1:" + redisProxy.port());
            Map<String, String> env = new HashMap<>(PayaraMicroProcess.applicationEnvironment(proxied));
            env.put("CATALOG_ADMIN_USER", IntegrationTestSettings.ADMIN_USER);
            env.put("CATALOG_ADMIN_PASSWORD", IntegrationTestSettings.ADMIN_PASSWORD);
            env.put("CATALOG_IMPORT_DIR", IntegrationTestSettings.importDir().toString());
            env.put("CATALOG_IMPORT_WORK_DIR", projectDir.resolve("target/it-work").toString());
            env.put("CATALOG_MEDIA_DIR", IntegrationTestSettings.mediaDir().toString());
            // why small: PackageUploadIT proves the limit with a 9 MiB file, not a 2 GiB one.
            env.put("CATALOG_UPLOAD_MAX_FILE_SIZE", String.valueOf(8L << 20));
            env.put("CATALOG_UPLOAD_MAX_TOTAL_SIZE", String.valueOf(16L << 20));
            // why trust the loopback: tests play clients at other addresses (192.0.2.0/24, the
            // documentation range) by sending X-Forwarded-For, as a reverse proxy would.
            env.put("CATALOG_TRUSTED_PROXIES", "127.0.0.1, ::1");
            payara = PayaraMicroProcess.start(PayaraMicroProcess.Settings.forProject(
                    projectDir, BackingServices.freePort(), env, log)).awaitReady(Duration.ofMinutes(4));
            return new Stopper();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the shared server when the whole run ends. */
    static final class Stopper implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            payara.close();
            payara = null;
            postgresProxy.close();
            redisProxy.close();
        }
    }
}
