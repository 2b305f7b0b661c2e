package org.catalogimport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private static Stopper start() {
        try {
            ServiceEndpoints services = BackingServices.forTests();
            Path projectDir = IntegrationTestSettings.projectDir();
            Path log = projectDir.resolve("target/payara-it.log");
            Files.createDirectories(log.getParent());
            Map<String, String> env = new java.util.HashMap<>(PayaraMicroProcess.applicationEnvironment(services));
            env.put("CATALOG_ADMIN_USER", IntegrationTestSettings.ADMIN_USER);
            env.put("CATALOG_ADMIN_PASSWORD", IntegrationTestSettings.ADMIN_PASSWORD);
            payara = PayaraMicroProcess.start(PayaraMicroProcess.Settings.forProject(
                    projectDir, BackingServices.freePort(), env, log)).awaitReady(Duration.ofMinutes(4));
            return new Stopper();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the shared server when the whole run ends. */
    static final class Stopper implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            payara.close();
            payara = null;
        }
    }
}
