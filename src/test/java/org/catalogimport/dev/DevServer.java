package org.catalogimport.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.PayaraMicroProcess;
import org.catalogimport.testing.ServiceEndpoints;

/**
 * The README's run command ({@code ./mvnw -Prun package}) ends here: it starts the WAR on Payara
 * Micro at http://localhost:8080 for a developer or an evaluator.
 *
 * <ul>
 *   <li>{@code CATALOG_DB_URL} / {@code CATALOG_REDIS_ADDRESS} unset: an embedded PostgreSQL
 *       (data kept in target/dev) and an embedded Redis are started and used;</li>
 *   <li>{@code CATALOG_IMPORT_DIR} unset: a demo 1C package is written to target/dev/import;</li>
 *   <li>{@code CATALOG_ADMIN_PASSWORD} unset: a random password is generated once, kept in
 *       target/dev/admin-password and printed; the same for the 1C exchange user ({@code 1c},
 *       target/dev/exchange-password) unless {@code CATALOG_EXCHANGE_PASSWORD} is set.</li>
 * </ul>
 * This class lives in the test sources so that none of it, nor the embedded servers, reaches the WAR.
 */
public final class DevServer {

    private DevServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Instant started = Instant.now();
        Path projectDir = Path.of(System.getProperty("catalog.project.dir", ".")).toAbsolutePath();
        Path devDir = projectDir.resolve("target/dev");
        Files.createDirectories(devDir);
        Map<String, String> env = System.getenv();

        ServiceEndpoints services = BackingServices.endpoints(env, devDir);
        Map<String, String> appEnv = new HashMap<>(PayaraMicroProcess.applicationEnvironment(services));
        appEnv.put("CATALOG_IMPORT_DIR", value(env, "CATALOG_IMPORT_DIR").orElse(demoPackage(devDir).toString()));
        String adminUser = value(env, "CATALOG_ADMIN_USER").orElse("admin");
        String adminPassword = value(env, "CATALOG_ADMIN_PASSWORD").orElse(generatedPassword(devDir, "admin-password"));
        appEnv.put("CATALOG_ADMIN_USER", adminUser);
        appEnv.put("CATALOG_ADMIN_PASSWORD", adminPassword);
        // why: the default work folder is under java.io.tmpdir, which for Payara here is target/,
        // where target/catalog-import is the WAR's own build folder.
        appEnv.put("CATALOG_IMPORT_WORK_DIR", value(env, "CATALOG_IMPORT_WORK_DIR").orElse(devDir.resolve("work").toString()));
        String exchangeUser = value(env, "CATALOG_EXCHANGE_USER").orElse("1c");
        String exchangePassword = value(env, "CATALOG_EXCHANGE_PASSWORD").orElse(generatedPassword(devDir, "exchange-password"));
        appEnv.put("CATALOG_EXCHANGE_USER", exchangeUser);
        appEnv.put("CATALOG_EXCHANGE_PASSWORD", exchangePassword);
        int port = Integer.parseInt(value(env, "CATALOG_HTTP_PORT").orElse("8080"));

        PayaraMicroProcess payara = PayaraMicroProcess.start(
                PayaraMicroProcess.Settings.forProject(projectDir, port, appEnv, null));
        Runtime.getRuntime().addShutdownHook(new Thread(payara::close, "stop-payara-micro"));
        payara.awaitReady(Duration.ofMinutes(3));

        System.out.printf("%n============================================================%n"
                        + " catalog-import is running at %s  (ready in %d s)%n"
                        + " Sign in as '%s' with password '%s'%n"
                        + " 1C exchange: %s1c_exchange  user '%s', password '%s'%n"
                        + " 1C packages are read from %s%n"
                        + " Press Ctrl+C to stop.%n"
                        + "============================================================%n%n",
                payara.baseUri(), Duration.between(started, Instant.now()).toSeconds(),
                adminUser, value(env, "CATALOG_ADMIN_PASSWORD").isPresent() ? "(from CATALOG_ADMIN_PASSWORD)" : adminPassword,
                payara.baseUri(), exchangeUser,
                value(env, "CATALOG_EXCHANGE_PASSWORD").isPresent() ? "(from CATALOG_EXCHANGE_PASSWORD)" : exchangePassword,
                appEnv.get("CATALOG_IMPORT_DIR"));
        payara.process().waitFor();
    }

    private static Path demoPackage(Path devDir) throws IOException {
        Path dir = devDir.resolve("import");
        if (!Files.isDirectory(dir) || isEmpty(dir)) {
            DemoPackageWriter.writeDefault(dir);
        }
        return dir;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** A random password, generated once per checkout so that it keeps working with the kept dev database. */
    private static String generatedPassword(Path devDir, String name) throws IOException {
        Path file = devDir.resolve(name);
        if (Files.isRegularFile(file)) {
            return Files.readString(file).trim();
        }
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(file, password);
        return password;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
