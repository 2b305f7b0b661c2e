package org.catalogimport.testing;

import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * The JSON API of one server, called with HTTP Basic: as the test administrator, or as another
 * user ({@link #as}), or with an API token ({@link #bearer}), optionally through a trusted proxy
 * that names the client ({@link #from}: {@code X-Forwarded-For}, honoured because the test server
 * trusts the loopback).
 */
public final class AdminApi {

    private static final Duration IMPORT_END = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final String authorization;
    private final String forwardedFor;

    public AdminApi(URI serverBase) {
        this(serverBase.resolve("api/"), basic(IntegrationTestSettings.ADMIN_USER, IntegrationTestSettings.ADMIN_PASSWORD), null);
    }

    private AdminApi(URI base, String authorization, String forwardedFor) {
        this.base = base;
        this.authorization = authorization;
        this.forwardedFor = forwardedFor;
    }

    /** The same API called as {@code user} (null: without credentials). */
    public AdminApi as(String user, String password) {
        return new AdminApi(base, user == null ? null : basic(user, password), forwardedFor);
    }

    /** The same API called with an API token ({@code Authorization: Bearer}). */
    public AdminApi bearer(String token) {
        return new AdminApi(base, "Bearer " + token, forwardedFor);
    }

    /** The same API called for a client at {@code address}, as a trusted proxy would forward it. */
    public AdminApi from(String address) {
        return new AdminApi(base, authorization, address);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", uri(path));
    }

    public HttpResponse<String> send(String method, URI uri) throws IOException, InterruptedException {
        return http.send(request(method, uri, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code method} with a JSON body. */
    public HttpResponse<String> send(String method, String path, JsonObject json) throws IOException, InterruptedException {
        return http.send(request(method, uri(path), HttpRequest.BodyPublishers.ofString(json.toString()))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String path) {
        return http.sendAsync(request("POST", uri(path), HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JsonObject object(String path) throws IOException, InterruptedException {
        return object(get(path));
    }

    public JsonArray array(String path) throws IOException, InterruptedException {
        return Json.createReader(new StringReader(get(path).body())).readArray();
    }

    public static JsonObject object(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    public static JsonArray array(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    /**
     * The administrator's client of the shared test server, once no import runs there: another
     * test's import would change what this one reads (the catalog, the sessions, the lock).
     */
    public static AdminApi onceIdle() {
        AdminApi api = new AdminApi(RunningApplication.baseUri());
        api.awaitIdle();
        return api;
    }

    /** Waits (up to the longest import of the suite) until {@link #nothingRuns}. */
    public void awaitIdle() {
        await().atMost(IMPORT_END).until(this::nothingRuns);
    }

    /** The value of an unlabelled counter or gauge of {@code GET /api/metrics}, e.g. {@code catalog_sign_in_token_total}. */
    public long metric(String name) throws IOException, InterruptedException {
        HttpResponse<String> metrics = get("metrics");
        return metrics.body().lines().filter(line -> line.startsWith(name + " "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(name.length() + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in /api/metrics (HTTP "
                        + metrics.statusCode() + "): " + metrics.body()));
    }

    /** No session is PENDING or RUNNING anywhere in the cluster. */
    public boolean nothingRuns() throws IOException, InterruptedException {
        return array("imports?status=RUNNING").isEmpty() && array("imports?status=PENDING").isEmpty();
    }

    private HttpRequest.Builder request(String method, URI uri, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
