package org.catalogimport.exchange;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Drives {@code /1c_exchange} the way 1C:Enterprise does, over plain HTTP and nothing that hides the
 * protocol: {@code checkauth} with Basic credentials, then {@code init}, each file in parts of at
 * most {@code file_limit} bytes (raw POST bodies, appended by the server), {@code import} repeated
 * while it answers {@code progress}, {@code deactivate}, {@code complete}. The ways real clients
 * differ are options: how later calls authenticate (the cookie 1C builds from lines 2–3 of
 * {@code checkauth}, {@code sessid=} only, or Basic on every call), GET or POST for the modes without
 * a body, a trailing slash, and a configured URL that already holds a {@code ?}.
 */
public final class OneCExchangeClient {

    private static final Pattern IMPORT_NUMBER = Pattern.compile("(?:[Ii]mport|[Ии]мпорта?) (\\d+)");

    /** How calls after {@code checkauth} say who they are. */
    public enum Auth { COOKIE, SESSID, BASIC }

    /** One answer as 1C receives it: HTTP status, headers of interest, the body decoded. */
    public record Answer(int status, String contentType, String location, String wwwAuthenticate,
                         List<String> setCookies, byte[] body, String text) {

        public List<String> lines() {
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
        }

        /** Line {@code n} (1-based), or "" when the answer is shorter. */
        public String line(int n) {
            List<String> lines = lines();
            return lines.size() >= n ? lines.get(n - 1) : "";
        }

        public String status1() {
            return line(1);
        }

        /** The import session an {@code import} answer names ("Import N completed", "(import N)"), if any. */
        public Optional<Long> importSession() {
            Matcher number = IMPORT_NUMBER.matcher(text);
            return number.find() ? Optional.of(Long.parseLong(number.group(1))) : Optional.empty();
        }

        public boolean isProgress() {
            return "progress".equals(line(1));
        }

        @Override
        public String toString() {
            return status + " " + contentType + " «" + text.replace("\n", "\\n") + "»";
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            // why NEVER (also the default): a redirect would be a bug of the endpoint, and must show as one.
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final List<URI> endpoints;
    private final String user;
    private final String password;
    private Auth auth = Auth.COOKIE;
    private String method = "POST";
    private boolean trailingSlash;
    private boolean doubleQuestionMark;
    private String type = "catalog";
    private Charset charset = Charset.forName("windows-1251");
    private int calls;
    private String forwardedFor;

    private String cookieName;
    private String cookieValue;
    private String sessid;
    private long fileLimit;
    private boolean zip;
    private final List<Answer> importAnswers = new ArrayList<>();

    /**
     * @param endpoints the exchange's URL ({@code http://host:port/1c_exchange}); with several,
     *                  calls go to them in turn (a cluster behind a load balancer without stickiness)
     */
    public OneCExchangeClient(List<URI> endpoints, String user, String password) {
        this.endpoints = List.copyOf(endpoints);
        this.user = user;
        this.password = password;
    }

    public OneCExchangeClient(URI endpoint, String user, String password) {
        this(List.of(endpoint), user, password);
    }

    /** Calls come from {@code address}, as a trusted reverse proxy in front of the server says. */
    public OneCExchangeClient forwardedFor(String address) {
        this.forwardedFor = address;
        return this;
    }

    public OneCExchangeClient auth(Auth how) {
        this.auth = how;
        return this;
    }

    /** GET or POST for every mode but {@code file} (whose body needs a POST, see {@link #sendChunk}). */
    public OneCExchangeClient method(String httpMethod) {
        this.method = httpMethod;
        return this;
    }

    public OneCExchangeClient trailingSlash(boolean on) {
        this.trailingSlash = on;
        return this;
    }

    /** The URL configured in 1C already holds {@code ?exchange=1}: 1C then appends {@code ?type=…}. */
    public OneCExchangeClient doubleQuestionMark(boolean on) {
        this.doubleQuestionMark = on;
        return this;
    }

    public OneCExchangeClient type(String exchangeType) {
        this.type = exchangeType;
        return this;
    }

    public OneCExchangeClient charset(Charset answers) {
        this.charset = answers;
        return this;
    }

    public long fileLimit() {
        return fileLimit;
    }

    public boolean zip() {
        return zip;
    }

    public Optional<String> sessid() {
        return Optional.ofNullable(sessid);
    }

    /** Every answer of {@link #importUntilDone} calls, in order (progress first, then the outcome). */
    public List<Answer> importAnswers() {
        return importAnswers;
    }

    // ---- modes -------------------------------------------------------------------------------------

    /** {@code checkauth} with Basic credentials; keeps the cookie (lines 2–3) and {@code sessid=}. */
    public Answer checkauth() {
        Answer answer = send(method, "checkauth", List.of(), true, false, HttpRequest.BodyPublishers.noBody());
        if ("success".equals(answer.line(1))) {
            cookieName = answer.line(2);
            cookieValue = answer.line(3);
            sessid = answer.lines().stream().filter(l -> l.startsWith("sessid=")).map(l -> l.substring(7))
                    .findFirst().orElse(null);
        }
        return answer;
    }

    /** {@code init}; reads {@code zip=} and {@code file_limit=} from wherever they are in the answer. */
    public Answer init(String... parameters) {
        Answer answer = call("init", parameters);
        for (String line : answer.lines()) {
            if (line.startsWith("zip=")) {
                zip = "yes".equals(line.substring(4));
            } else if (line.startsWith("file_limit=")) {
                fileLimit = Long.parseLong(line.substring("file_limit=".length()));
            }
        }
        return answer;
    }

    /** Any mode without a body, with {@code key=value} parameters. */
    public Answer call(String mode, String... parameters) {
        return send(method, mode, List.of(parameters), auth == Auth.BASIC, true, HttpRequest.BodyPublishers.noBody());
    }

    /** One POST of {@code mode=file} with {@code bytes} as the raw body. */
    public Answer sendChunk(String filename, byte[] bytes) {
        return sendChunk("POST", filename, bytes);
    }

    public Answer sendChunk(String httpMethod, String filename, byte[] bytes) {
        return send(httpMethod, "file", List.of("filename=" + filename), auth == Auth.BASIC, true,
                HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    /**
     * Sends a file in parts of at most {@code file_limit} bytes (from {@code init}), as 1C does;
     * streams from disk, so a big package needs no memory.
     *
     * @return the answers, one per part; stops at the first that is not {@code success}
     */
    public List<Answer> sendFile(String filename, Path file) {
        if (fileLimit <= 0) {
            throw new IllegalStateException("call init first: it says the file_limit");
        }
        List<Answer> answers = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] part;
            do {
                part = in.readNBytes((int) Math.min(fileLimit, Integer.MAX_VALUE - 8));
                if (part.length == 0 && !answers.isEmpty()) {
                    break;
                }
                Answer answer = sendChunk(filename, part);
                answers.add(answer);
                if (!"success".equals(answer.line(1))) {
                    break;
                }
            } while (part.length == fileLimit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answers;
    }

    /** Sends bytes in parts of {@code partSize}, whatever {@code init} said (many small chunks). */
    public List<Answer> sendInParts(String filename, byte[] content, int partSize) {
        List<Answer> answers = new ArrayList<>();
        for (int from = 0; from < content.length; from += partSize) {
            answers.add(sendChunk(filename, Arrays.copyOfRange(content, from, Math.min(content.length, from + partSize))));
        }
        return answers;
    }

    /**
     * {@code import&filename=} again and again while it answers {@code progress} (as 1C does, with
     * a short pause between calls), until another answer or the timeout.
     */
    public Answer importUntilDone(String filename, Duration timeout) {
        AtomicReference<Answer> last = new AtomicReference<>();
        try {
            // 1C's pause between two import calls: 200 ms (the server holds each call up to ~1 s itself)
            await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() -> {
                Answer answer = call("import", "filename=" + filename);
                importAnswers.add(answer);
                last.set(answer);
                return !answer.isProgress();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("import of " + filename + " still in progress after " + timeout + ": " + last.get(), e);
        }
        return last.get();
    }

    /** The whole cycle of one package: checkauth, init, every file, import of each, in order. */
    public Answer exchange(List<String> names, IntFunction<Path> files, Duration timeout) {
        requireSuccess(checkauth(), "checkauth");
        init();
        for (int i = 0; i < names.size(); i++) {
            for (Answer part : sendFile(names.get(i), files.apply(i))) {
                requireSuccess(part, "file " + names.get(i));
            }
        }
        Answer last = null;
        for (String name : names) {
            last = importUntilDone(name, timeout);
            if (!"success".equals(last.line(1))) {
                return last;
            }
        }
        return last;
    }

    public static Answer requireSuccess(Answer answer, String what) {
        if (answer.status() != 200 || !"success".equals(answer.line(1))) {
            throw new AssertionError(what + " did not succeed: " + answer);
        }
        return answer;
    }

    // ---- HTTP --------------------------------------------------------------------------------------

    private Answer send(String httpMethod, String mode, List<String> parameters, boolean basic, boolean signedIn,
                        HttpRequest.BodyPublisher body) {
        StringBuilder query = new StringBuilder(doubleQuestionMark ? "?exchange=1?" : "?");
        query.append("type=").append(type).append("&mode=").append(mode);
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            query.append('&').append(parameter, 0, equals + 1)
                    .append(URLEncoder.encode(parameter.substring(equals + 1), StandardCharsets.UTF_8));
        }
        if (signedIn && auth == Auth.SESSID && sessid != null) {
            query.append("&sessid=").append(sessid);
        }
        URI endpoint = endpoints.get(calls++ % endpoints.size());
        URI uri = URI.create(endpoint.toString().replaceAll("/+$", "") + (trailingSlash ? "/" : "") + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .header("User-Agent", "1C+Enterprise/8.3").method(httpMethod, body);
        if (basic) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (signedIn && auth == Auth.COOKIE && cookieName != null) {
            // why built by hand: 1C makes "Cookie: <line 2>=<line 3>" itself instead of keeping Set-Cookie.
            request.header("Cookie", cookieName + "=" + cookieValue);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = response.body();
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("WWW-Authenticate").orElse(null),
                    response.headers().allValues("Set-Cookie"), bytes, new String(bytes, charset));
        } catch (IOException e) {
            throw new UncheckedIOException("exchange call " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
