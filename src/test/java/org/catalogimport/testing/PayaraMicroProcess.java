package org.catalogimport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the application's WAR on Payara Micro in a child process, configured the way production
 * is: environment variables for the application, the post-boot command file from server-config for
 * the data source, and the PostgreSQL driver on the server's class path. Used by the dev server
 * (the README's run command) and by the HTTP and browser tests, which share one started server.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    private static final int LOG_LINES_SHOWN = 40;

    private final Process process;
    private final URI baseUri;
    private final Path log;

    private PayaraMicroProcess(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    /** Settings of one Payara Micro start. */
    public record Settings(Path projectDir, Path payaraJar, Path war, int httpPort,
                           Map<String, String> environment, Path log, String maxHeap) {

        public static Settings forProject(Path projectDir, int httpPort, Map<String, String> environment, Path log) {
            Path target = projectDir.resolve("target");
            return new Settings(projectDir,
                    Path.of(System.getProperty("payara.micro.jar", target.resolve("payara-micro.jar").toString())),
                    Path.of(System.getProperty("catalog.war", target.resolve("catalog-import.war").toString())),
                    httpPort, environment, log, "768m");
        }
    }

    public static PayaraMicroProcess start(Settings settings) {
        Path target = settings.projectDir().resolve("target");
        requireFile(settings.payaraJar(), "the Payara Micro jar (built by ./mvnw package)");
        requireFile(settings.war(), "the application WAR (built by ./mvnw package)");
        Path driver = requireFile(target.resolve("postgresql.jar"), "the PostgreSQL driver (copied by ./mvnw package)");
        Path rootDir = target.resolve("payara-root-" + settings.httpPort());

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.maxHeap(),
                "-Djava.io.tmpdir=" + target,
                "-jar", settings.payaraJar().toString(),
                // why: no Hazelcast clustering (it multicasts and probes cloud metadata addresses).
                "--nohazelcast",
                "--port", String.valueOf(settings.httpPort()),
                // why: the product's pre-boot commands, and test and dev servers listen on loopback only
                "--prebootcommandfile", PreBootCommands.file(settings.projectDir()).toString(),
                "--rootDir", rootDir.toString(),
                "--addLibs", driver.toString(),
                "--postbootcommandfile",
                settings.projectDir().resolve("server-config/payara/post-boot-commands.asadmin").toString(),
                "--deploy", settings.war().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(settings.environment());
        builder.redirectErrorStream(true);
        if (settings.log() == null) {
            builder.inheritIO();
        } else {
            builder.redirectOutput(settings.log().toFile());
        }
        try {
            Files.createDirectories(rootDir);
            Process process = builder.start();
            return new PayaraMicroProcess(process, URI.create("http://localhost:" + settings.httpPort() + "/"),
                    settings.log());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Payara Micro", e);
        }
    }

    /** Waits until the readiness endpoint answers UP, the process dies, or the timeout passes. */
    public PayaraMicroProcess awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("health/ready"))
                .timeout(Duration.ofSeconds(10)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with code " + process.exitValue() + logHint());
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYetListening) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Payara Micro", e);
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Payara Micro", e);
            }
        }
        close();
        throw new IllegalStateException("Payara Micro was not ready within " + timeout + logHint());
    }

    public URI baseUri() {
        return baseUri;
    }

    public Process process() {
        return process;
    }

    /**
     * Where the log is and how it ends. why the lines themselves: CI shows a failed test's message
     * but not the files the run left behind, and a server that never got ready says why at its end.
     */
    private String logHint() {
        if (log == null) {
            return "";
        }
        List<String> lines;
        try {
            lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return " (log: " + log + ", unreadable: " + e.getMessage() + ")";
        }
        List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size());
        return " (log: " + log + "; its last " + tail.size() + " lines:\n" + String.join("\n", tail) + "\n)";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The environment the application reads, from the endpoints of the backing services. */
    public static Map<String, String> applicationEnvironment(ServiceEndpoints services) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CATALOG_DB_URL", services.dbUrl());
        environment.put("CATALOG_DB_USER", services.dbUser());
        environment.put("CATALOG_DB_PASSWORD", services.dbPassword());
        environment.put("CATALOG_REDIS_ADDRESS", services.redisAddress());
        return environment;
    }

    private static Path requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Missing " + what + ": " + file);
        }
        return file;
    }
}
