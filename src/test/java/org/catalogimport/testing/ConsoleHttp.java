package org.catalogimport.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console over plain HTTP, as a script (or a forger) meets it: one cookie jar (one HTTP session),
 * optional HTTP Basic credentials on every request, the login form, and JSF posts that carry the
 * page's view state, ajax or multipart. For what a browser cannot do: send a request the page does
 * not offer, or hold two sessions of one user side by side.
 */
public final class ConsoleHttp {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String authorization;
    private String forwardedFor;
    private String viewState;

    private ConsoleHttp(String authorization) {
        this.authorization = authorization;
    }

    /** A client without credentials (it signs in with the form, or stays anonymous). */
    public static ConsoleHttp anonymous() {
        return new ConsoleHttp(null);
    }

    /** A client that sends HTTP Basic credentials on every request. */
    public static ConsoleHttp basic(String user, String password) {
        return new ConsoleHttp(AdminApi.basic(user, password));
    }

    /** Requests from here on come from {@code address}, as a trusted proxy forwards them. */
    public ConsoleHttp from(String address) {
        this.forwardedFor = address;
        return this;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher state = VIEW_STATE.matcher(response.body());
        if (state.find()) {
            viewState = state.group(1).replace("&#58;", ":");
        }
        return response;
    }

    /**
     * Signs in with the login form.
     *
     * @return the form's answer: 302 to the console when signed in, 200 with a message when refused
     */
    public HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
        get("login");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", user);
        form.put("login:password", password);
        form.put("login:continue", "");
        form.put("login:submit", "");
        return post("login", form, false);
    }

    /** An ajax request of the page last read, fired by component {@code source} of form {@code formId}. */
    public HttpResponse<String> ajax(String path, String formId, String source) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.source", source);
        form.put("jakarta.faces.partial.execute", source);
        form.put("jakarta.faces.partial.render", formId);
        form.put(source, source);
        form.put(formId, formId);
        return post(path, form, true);
    }

    /** An ajax submit of the whole form {@code formId} with these input values, fired by {@code source}. */
    public HttpResponse<String> ajaxSubmit(String path, String formId, String source, Map<String, String> inputs)
            throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.source", source);
        form.put("jakarta.faces.partial.execute", formId);
        form.put("jakarta.faces.partial.render", formId);
        form.put(source, source);
        form.put(formId, formId);
        form.putAll(inputs);
        return post(path, form, true);
    }

    /** A non-ajax submit of {@code form} (field name to value) with the page's view state. */
    public HttpResponse<String> post(String path, Map<String, String> form, boolean ajax) throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.put("jakarta.faces.ViewState", viewState == null ? "none" : viewState);
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder request = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (ajax) {
            request.header("Faces-Request", "partial/ajax");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The upload form's submit with no file: what a forged upload looks like before its files. */
    public HttpResponse<String> emptyUpload(String path) throws IOException, InterruptedException {
        String boundary = "----catalog" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("upload", "upload");
        fields.put("upload:send", "");
        fields.put("jakarta.faces.ViewState", viewState == null ? "none" : viewState);
        fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return http.send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        URI uri = RunningApplication.baseUri().resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
