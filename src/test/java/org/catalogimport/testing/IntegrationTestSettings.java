package org.catalogimport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.catalogimport.dev.DemoPackageWriter;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs once per test JVM before any test class: in the integration-test run (failsafe, which sets
 * {@code catalog.war}) it makes sure PostgreSQL and Redis are there (the configured ones, or
 * embedded ones) and tells the Arquillian Payara Micro connector how to start the server so that
 * the deployment finds them. Unit tests (surefire) start nothing.
 */
public class IntegrationTestSettings implements LauncherSessionListener {

    /** The console administrator that integration tests sign in as. Test-only credentials. */
    public static final String ADMIN_USER = "it-admin";
    public static final String ADMIN_PASSWORD = "it-admin-password";
    /** Seed of the demo package in {@link #importDir()}: its product ids are known to tests. */
    public static final long IMPORT_SEED = 1;
    public static final int IMPORT_PRODUCTS = 300;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("catalog.war") == null) {
            return;
        }
        Path target = projectDir().resolve("target");
        try {
            // why: a fresh clone has no target/it-tmp yet, and both this JVM (java.io.tmpdir, set by
            // failsafe) and the Payara it starts write their temporary files there.
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            Files.createDirectories(target.resolve("it-tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServiceEndpoints services = BackingServices.forTests();
        Path importDir = importDir();
        // The connector reads these system properties as its configuration (payara.*).
        System.setProperty("payara.microJar", target.resolve("payara-micro.jar").toString());
        System.setProperty("payara.randomHttpPort", "true");
        System.setProperty("payara.startupTimeoutInSeconds", "240");
        System.setProperty("payara.extraMicroOptions", String.join(" ",
                "--nohazelcast",
                "--prebootcommandfile", PreBootCommands.file(projectDir()).toString(),
                "--addLibs", target.resolve("postgresql.jar").toString(),
                "--postbootcommandfile", projectDir().resolve("server-config/payara/post-boot-commands.asadmin").toString()));
        // why system properties, not environment: the connector's child process inherits this JVM's
        // environment, which cannot be changed from here; MicroProfile Config reads both alike.
        System.setProperty("payara.cmdOptions", String.join(" ",
                "-Xmx768m",
                "-Djava.io.tmpdir=" + target.resolve("it-tmp"),
                "-Dcatalog.db.url=" + services.dbUrl(),
                "-Dcatalog.db.user=" + services.dbUser(),
                "-Dcatalog.db.password=" + services.dbPassword(),
                "-Dcatalog.redis.address=" + services.redisAddress(),
                "-Dcatalog.admin.user=" + ADMIN_USER,
                "-Dcatalog.admin.password=" + ADMIN_PASSWORD,
                "-Dcatalog.import.dir=" + importDir,
                "-Dcatalog.import.work-dir=" + target.resolve("it-work")));
    }

    /**
     * The folder both test servers read 1C packages from: the demo package, written before any
     * test. Tests that need another package write it into a folder of their own.
     */
    public static synchronized Path importDir() {
        Path dir = projectDir().resolve("target/it-import");
        try {
            if (!Files.isDirectory(dir.resolve("goods"))) {
                DemoPackageWriter.write(dir, IMPORT_PRODUCTS, IMPORT_SEED);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the test import package", e);
        }
        return dir;
    }

    /** The media folder both test servers publish pictures to (CATALOG_MEDIA_DIR): one shared folder, as in compose. */
    public static Path mediaDir() {
        return projectDir().resolve("target/it-media");
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("catalog.project.dir", ".")).toAbsolutePath();
    }
}
