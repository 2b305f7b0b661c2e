package org.catalogimport.platform.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The compose set-up's nginx ({@code docker/nginx.conf}, as the image renders its template) in front
 * of the test server, with a self-signed certificate made by openssl as {@code docker/certs/README.md}
 * says: plain HTTP answers 308 to HTTPS (method and body kept), HTTPS reaches the application, the
 * application builds its redirects with the public scheme ({@code X-Forwarded-Proto}), and 1C's
 * {@code checkauth} works over TLS. Only the upstream addresses and the listening ports are changed.
 */
@ExtendWith(RunningApplication.class)
class ComposeNginxIT {

    private static Process nginx;
    private static int httpPort;
    private static int httpsPort;
    private static HttpClient https;

    @BeforeAll
    static void startNginx() throws Exception {
        Path dir = IntegrationTestSettings.projectDir().resolve("target/it-nginx");
        Files.createDirectories(dir.resolve("certs"));
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-sha256", "-days", "2", "-nodes",
                "-keyout", dir.resolve("certs/tls.key").toString(), "-out", dir.resolve("certs/tls.crt").toString(),
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        httpPort = BackingServices.freePort();
        httpsPort = BackingServices.freePort();
        URI app = RunningApplication.baseUri();
        String site = Files.readString(IntegrationTestSettings.projectDir().resolve("docker/nginx.conf"))
                // what the image's template step does with the container's environment
                .replace("${CATALOG_HTTPS_PORT}", String.valueOf(httpsPort))
                .replace("server app1:8080", "server 127.0.0.1:" + app.getPort())
                .replace("server app2:8080", "server 127.0.0.1:" + app.getPort())
                .replace("listen 80;", "listen 127.0.0.1:" + httpPort + ";")
                .replace("listen 443 ssl", "listen 127.0.0.1:" + httpsPort + " ssl")
                .replace("/etc/nginx/certs/", dir.resolve("certs") + "/");
        // the image's own nginx.conf around the site, reduced to what a test process needs
        Files.writeString(dir.resolve("nginx.conf"), "pid " + dir.resolve("nginx.pid") + ";\nerror_log "
                + dir.resolve("error.log") + ";\nevents {}\nhttp {\naccess_log " + dir.resolve("access.log") + ";\n"
                + "client_body_temp_path " + dir + "/body;\nproxy_temp_path " + dir + "/proxy;\n"
                + "fastcgi_temp_path " + dir + "/fastcgi;\nuwsgi_temp_path " + dir + "/uwsgi;\nscgi_temp_path "
                + dir + "/scgi;\n" + site + "\n}\n");
        nginx = new ProcessBuilder(nginxBinary(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        https = HttpClient.newBuilder().sslContext(trusting(dir.resolve("certs/tls.crt")))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> https.send(get("https", httpsPort, "/login"), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200);
    }

    @AfterAll
    static void stopNginx() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void plainHttpAnswers308ToTheSameAddressOnHttps() throws Exception {
        HttpResponse<Void> redirect = https.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/1c_exchange?type=catalog&mode=file&filename=a.xml"))
                .POST(HttpRequest.BodyPublishers.ofString("<x/>")).build(), HttpResponse.BodyHandlers.discarding());

        assertEquals(308, redirect.statusCode());
        assertEquals("https://127.0.0.1:" + httpsPort + "/1c_exchange?type=catalog&mode=file&filename=a.xml",
                redirect.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void httpsReachesTheApplicationWhichRedirectsWithThePublicScheme() throws Exception {
        HttpResponse<String> login = https.send(get("https", httpsPort, "/login"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("name=\"login:username\""), "the login form, through nginx");

        HttpResponse<Void> console = https.send(get("https", httpsPort, "/admin/imports"), HttpResponse.BodyHandlers.discarding());
        assertEquals(302, console.statusCode());
        assertTrue(console.headers().firstValue("Location").orElseThrow()
                .startsWith("https://127.0.0.1:" + httpsPort + "/login"), console.headers().toString());
    }

    @Test
    void oneCSignsInOverTls() throws Exception {
        String auth = Base64.getEncoder().encodeToString(("no-such-1c-user:wrong").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> checkauth = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort
                        + "/1c_exchange?type=catalog&mode=checkauth")).header("Authorization", "Basic " + auth).build(),
                HttpResponse.BodyHandlers.ofString(Charset.forName("windows-1251")));

        assertEquals(200, checkauth.statusCode());
        assertEquals("failure", checkauth.body().lines().findFirst().orElseThrow(), "the exchange answers through nginx");
    }

    private static HttpRequest get(String scheme, int port, String path) {
        return HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + path)).GET().build();
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("nginx", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String nginxBinary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("nginx is not installed: apt-get install nginx-light (.ci/run installs it)");
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.out").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl failed: " + Files.readString(dir.resolve("openssl.out")));
        }
    }
}
