package org.catalogimport.exchange;

import static org.catalogimport.exchange.ExchangeTestPackages.PASSWORD;
import static org.catalogimport.exchange.ExchangeTestPackages.assertShopLanded;
import static org.catalogimport.exchange.ExchangeTestPackages.client;
import static org.catalogimport.exchange.ExchangeTestPackages.newExchangeUser;
import static org.catalogimport.exchange.ExchangeTestPackages.newPrefix;
import static org.catalogimport.exchange.ExchangeTestPackages.sessionOf;
import static org.catalogimport.exchange.ExchangeTestPackages.writeShop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.catalogimport.dev.ShapePackageWriter;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.ServiceEndpoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shape of the 1C exchange's conversation, driven over real HTTP by {@link OneCExchangeClient}
 * against the shared test server: every mode with GET and POST, with and without the trailing
 * slash and a second {@code ?}; the three ways later calls sign in; who may call; names that try
 * to leave the exchange's folder; an error inside the endpoint; the orders modes. What the imports
 * do with the files is {@link ExchangeImportIT}'s subject.
 */
@ExtendWith(RunningApplication.class)
class ExchangeProtocolIT {

    private static final String TEXT = "text/plain; charset=windows-1251";
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(2);

    private AdminApi api;

    @BeforeEach
    void nothingImports() {
        api = AdminApi.onceIdle();
    }

    @ParameterizedTest(name = "{0}, trailing slash {1}, second ? {2}")
    @CsvSource({"GET, false, false", "POST, true, false", "GET, true, true", "POST, false, true"})
    void everyModeAnswersHttp200TextWithItsStatusOnLineOne(String method, boolean slash, boolean secondQuestionMark)
            throws Exception {
        String prefix = newPrefix();
        Path shop = writeShop(ShapePackageWriter.Dialect.CLASSIC, prefix, false);
        OneCExchangeClient client = client(newExchangeUser()).method(method).trailingSlash(slash)
                .doubleQuestionMark(secondQuestionMark);

        OneCExchangeClient.Answer checkauth = client.checkauth();
        assertPlain(checkauth);
        List<String> lines = checkauth.lines();
        assertEquals(5, lines.size(), checkauth.toString());
        assertEquals("success", lines.get(0));
        assertEquals(ExchangeSignIn.COOKIE, lines.get(1));
        assertTrue(lines.get(2).length() >= 40, checkauth.toString());
        assertEquals("sessid=" + lines.get(2), lines.get(3));
        long timestamp = Long.parseLong(lines.get(4).substring("timestamp=".length()));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 120, checkauth.toString());
        assertTrue(checkauth.setCookies().stream().anyMatch(c -> c.startsWith(ExchangeSignIn.COOKIE + "=" + lines.get(2) + ";")),
                checkauth.setCookies().toString());

        OneCExchangeClient.Answer init = client.init();
        assertPlain(init);
        assertEquals("zip=yes\nfile_limit=4194304", init.text(), "init: no status line, zip then file_limit, last");
        OneCExchangeClient.Answer versioned = client.init("version=3.1");
        assertEquals(List.of("zip=yes", "file_limit=4194304", "sessid=" + lines.get(2), "version=3.1"), versioned.lines());

        for (String file : List.of("import.xml", "offers.xml")) {
            OneCExchangeClient.Answer sent = client.sendChunk(file, Files.readAllBytes(shop.resolve(file)));
            assertPlain(sent);
            assertEquals("success", sent.text());
        }
        OneCExchangeClient.Answer imported = client.importUntilDone("import.xml", IMPORT_TIMEOUT);
        assertPlain(imported);
        assertEquals("success", imported.line(1), imported.toString());
        client.importAnswers().forEach(ExchangeProtocolIT::assertPlain);
        assertEquals("success", client.importUntilDone("offers.xml", IMPORT_TIMEOUT).line(1));
        assertShopLanded(api, prefix, "5");

        for (OneCExchangeClient.Answer last : List.of(client.call("deactivate", "timestamp=" + timestamp), client.call("complete"))) {
            assertPlain(last);
            assertEquals("success", last.text());
        }
        OneCExchangeClient.Answer unknown = client.call("nonsense");
        assertPlain(unknown);
        assertEquals("failure", unknown.line(1));
    }

    @ParameterizedTest
    @EnumSource(OneCExchangeClient.Auth.class)
    void laterCallsFindTheirExchangeByCookieBySessidOrByBasicOnEveryCall(OneCExchangeClient.Auth auth) throws Exception {
        String user = newExchangeUser();
        String prefix = newPrefix();
        Path shop = writeShop(ShapePackageWriter.Dialect.CLASSIC, prefix, true);
        OneCExchangeClient client = client(user).auth(auth);

        OneCExchangeClient.Answer last = client.exchange(List.of("import.xml", "offers.xml", "rests.xml"),
                i -> shop.resolve(List.of("import.xml", "offers.xml", "rests.xml").get(i)), IMPORT_TIMEOUT);

        assertEquals("success", last.line(1), last.toString());
        assertShopLanded(api, prefix, "11");
        JsonObject session = api.object("imports/" + sessionOf(last));
        assertEquals("EXCHANGE", session.getString("source"));
        assertEquals(user, session.getString("triggeredBy"));
        assertEquals("COMPLETED", session.getString("status"));
        assertEquals(List.of("import.xml", "offers.xml", "rests.xml"), session.getJsonArray("receivedFiles").stream()
                .map(f -> f.asJsonObject().getString("name")).toList());
        JsonObject listed = api.array("imports?size=20").stream().map(v -> v.asJsonObject())
                .filter(s -> s.getJsonNumber("id").longValue() == sessionOf(last)).findFirst().orElseThrow();
        assertEquals("EXCHANGE", listed.getString("source"), listed.toString());
    }

    @Test
    void withoutCredentialsCheckauthIs401WithAChallengeAndAWrongPasswordIsAFailure() {
        OneCExchangeClient.Answer anonymous = send("GET", "type=catalog&mode=checkauth", null);
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.wwwAuthenticate().startsWith("Basic realm="), anonymous.wwwAuthenticate());
        assertEquals("failure", anonymous.line(1));

        OneCExchangeClient.Answer wrong = new OneCExchangeClient(ExchangeTestPackages.endpoint(), newExchangeUser(),
                "not-the-password").checkauth();
        assertPlain(wrong);
        assertEquals("failure", wrong.line(1));
        assertTrue(wrong.line(2).startsWith("Неверное имя пользователя или пароль"), wrong.toString());

        // The administrator's console credentials do not open the exchange.
        OneCExchangeClient.Answer admin = new OneCExchangeClient(ExchangeTestPackages.endpoint(),
                IntegrationTestSettings.ADMIN_USER, IntegrationTestSettings.ADMIN_PASSWORD).checkauth();
        assertEquals("failure", admin.line(1));
        assertTrue(admin.line(2).contains("нет роли «exchange»"), admin.toString());

        // A call with neither cookie, sessid nor credentials is not signed in.
        OneCExchangeClient.Answer stranger = send("POST", "type=catalog&mode=init", null);
        assertPlain(stranger);
        assertTrue(stranger.text().startsWith("failure\nВход не выполнен: сначала вызовите mode=checkauth"), stranger.toString());
    }

    @Test
    void anExchangeUserIsRefusedOnTheConsoleAndTheApi() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((newExchangeUser() + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("admin/imports", "admin/exchange", "api/imports", "api/exchanges")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(RunningApplication.baseUri().resolve(path))
                    .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, response.statusCode(), path);
        }
    }

    @Test
    void namesThatLeaveTheExchangeFolderAreRefusedAndNothingIsWritten() throws Exception {
        OneCExchangeClient client = client(newExchangeUser());
        OneCExchangeClient.requireSuccess(client.checkauth(), "checkauth");
        Path exchanges = IntegrationTestSettings.projectDir().resolve("target/it-work/exchange");
        for (String name : List.of("../escaped.xml", "a/../../escaped.xml", "..\\..\\escaped.xml", "/etc/escaped.xml",
                "C:\\Windows\\escaped.xml", "/tmp/../escaped.xml")) {
            OneCExchangeClient.Answer answer = client.sendChunk(name, "<?xml version=\"1.0\"?><x/>".getBytes(StandardCharsets.UTF_8));
            assertPlain(answer);
            assertEquals("failure", answer.line(1), name);
            assertTrue(answer.line(2).contains("escaped.xml"), "the reason names the file: " + answer);
        }
        try (var all = Files.walk(exchanges.getParent())) {
            assertFalse(all.anyMatch(p -> p.getFileName().toString().equals("escaped.xml")), "no escaped.xml anywhere under target/it-work");
        }
        assertFalse(Files.exists(Path.of("/etc/escaped.xml")));
    }

    @Test
    void anErrorInsideTheEndpointStillAnswersFailureOnLineOne() {
        OneCExchangeClient client = client(newExchangeUser());
        OneCExchangeClient.requireSuccess(client.checkauth(), "checkauth");
        // why this name: each folder is a legal file name on disk, but the whole (1,230 characters)
        // does not fit exchange_file.name (1,000): the database refuses the row, for real.
        String tooLong = String.join("/", Collections.nCopies(6, "d".repeat(200))) + "/import.xml";

        OneCExchangeClient.Answer answer = client.sendChunk(tooLong, "<?xml version=\"1.0\"?><x/>".getBytes(StandardCharsets.UTF_8));

        assertPlain(answer);
        assertEquals("failure", answer.line(1));
        assertTrue(answer.line(2).startsWith("Обмен завершился ошибкой на сервере: "), answer.toString());
        assertEquals(2, answer.lines().size(), "one line for a human, no stack trace: " + answer);
        // and the exchange goes on: the next call is served
        assertEquals("zip=yes", client.init().line(1));
    }

    @Test
    void ordersAreAnsweredWithAnEmptyDocumentAndNothingIsStored() throws Exception {
        OneCExchangeClient sale = client(newExchangeUser()).type("sale");
        OneCExchangeClient.Answer checkauth = sale.checkauth();
        assertEquals(4, checkauth.lines().size(), "no timestamp= for sale: " + checkauth);
        assertEquals("success", checkauth.line(1));
        assertEquals("zip=yes\nfile_limit=4194304", sale.init().text());

        OneCExchangeClient.Answer query = sale.call("query");
        assertEquals(200, query.status());
        assertEquals("application/xml; charset=windows-1251", query.contentType());
        String document = new String(query.body(), Charset.forName("windows-1251"));
        assertTrue(document.startsWith("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<КоммерческаяИнформация "), document);
        assertTrue(document.strip().endsWith("</КоммерческаяИнформация>"), document);
        assertFalse(document.contains("<Документ"), document);

        long sessionsBefore = newestSessionId();
        assertEquals("success", sale.sendChunk("orders.xml", "<?xml version=\"1.0\"?><КоммерческаяИнформация/>"
                .getBytes(StandardCharsets.UTF_8)).text());
        assertEquals("success", sale.call("import", "filename=orders.xml").text());
        assertEquals("success", sale.call("success").text());
        assertEquals(sessionsBefore, newestSessionId(), "no import session");
        assertEquals(0, count("select count(*) from exchange_file f join exchange e on e.id = f.exchange_id"
                + " where e.kind = 'sale'"), "no file stored");
    }

    @Test
    void aFilePartSentWithGetIsRefusedBecausePayaraDoesNotReadItsBody() throws Exception {
        // why: Payara does not hand a GET's body to the servlet; before this was refused, the part
        // was answered success and stored as 0 bytes (1C would have believed its file arrived).
        String user = newExchangeUser();
        OneCExchangeClient client = client(user);
        OneCExchangeClient.requireSuccess(client.checkauth(), "checkauth");
        byte[] xml = "<?xml version=\"1.0\"?><КоммерческаяИнформация/>".getBytes(StandardCharsets.UTF_8);

        OneCExchangeClient.Answer byGet = client.sendChunk("GET", "get.xml", xml);
        OneCExchangeClient.Answer byPost = client.sendChunk("POST", "post.xml", xml);

        assertPlain(byGet);
        assertEquals("failure", byGet.line(1), byGet.toString());
        assertTrue(byGet.line(2).contains("get.xml") && byGet.line(2).contains("POST"), byGet.toString());
        assertEquals("success", byPost.text());
        assertEquals(xml.length, count("select size from exchange_file where name = 'post.xml' order by id desc limit 1"));
        // and the refusal is in the audit trail, with the user it refused
        JsonObject refusal = new AdminApi(RunningApplication.baseUri())
                .array("audit?size=1&action=EXCHANGE_REFUSED&user=" + user).getJsonObject(0);
        // the audit trail keeps the English text (as the API does); 1C was told the same in Russian
        assertEquals("The part of get.xml came with GET, whose body (" + xml.length + " bytes) this server does not read:"
                + " send mode=file with POST.", refusal.getString("target"));
        assertEquals("127.0.0.1", refusal.getString("address"));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** HTTP 200, the exchange's text type, no redirect, and line 1 a status (or init's zip=). */
    static void assertPlain(OneCExchangeClient.Answer answer) {
        assertEquals(200, answer.status(), answer.toString());
        assertEquals(TEXT, answer.contentType(), answer.toString());
        assertNull(answer.location(), "never a redirect: " + answer);
        assertTrue(List.of("success", "progress", "failure", "zip=yes", "zip=no").contains(answer.line(1)),
                "line 1: " + answer);
    }

    private static OneCExchangeClient.Answer send(String method, String query, String authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ExchangeTestPackages.endpoint() + "?" + query))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new OneCExchangeClient.Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("WWW-Authenticate").orElse(null), List.of(), response.body(),
                    new String(response.body(), Charset.forName("windows-1251")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long newestSessionId() throws Exception {
        var sessions = api.array("imports?size=1");
        return sessions.isEmpty() ? 0 : sessions.getJsonObject(0).getJsonNumber("id").longValue();
    }

    static long count(String sql) throws Exception {
        ServiceEndpoints services = BackingServices.forTests();
        try (Connection db = DriverManager.getConnection(services.dbUrl(), services.dbUser(), services.dbPassword());
             PreparedStatement select = db.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }
}
