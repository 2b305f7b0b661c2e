package org.catalogimport.testing;

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

/** The JSON API of one server, called as the test administrator with HTTP Basic. */
public final class AdminApi {

    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(
            (IntegrationTestSettings.ADMIN_USER + ":" + IntegrationTestSettings.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    public AdminApi(URI serverBase) {
        this.base = serverBase.resolve("api/");
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", uri(path));
    }

    public HttpResponse<String> send(String method, URI uri) throws IOException, InterruptedException {
        return http.send(request(method, uri), HttpResponse.BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String path) {
        return http.sendAsync(request("POST", uri(path)), HttpResponse.BodyHandlers.ofString());
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

    /** No session is PENDING or RUNNING anywhere in the cluster. */
    public boolean nothingRuns() throws IOException, InterruptedException {
        return array("imports?status=RUNNING").isEmpty() && array("imports?status=PENDING").isEmpty();
    }

    private static HttpRequest request(String method, URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", AUTHORIZATION)
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build();
    }
}
