package org.catalogimport.exchange;

import static org.awaitility.Awaitility.await;
import static org.catalogimport.exchange.ExchangeTestPackages.assertShopLanded;
import static org.catalogimport.exchange.ExchangeTestPackages.client;
import static org.catalogimport.exchange.ExchangeTestPackages.newExchangeUser;
import static org.catalogimport.exchange.ExchangeTestPackages.newPrefix;
import static org.catalogimport.exchange.ExchangeTestPackages.sessionOf;
import static org.catalogimport.exchange.ExchangeTestPackages.writeShop;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.dev.ShapePackageWriter;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.HeldTableLock;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the 1C exchange does with the files, driven over real HTTP like 1C drives it: a 3.1 split
 * package zipped with its folders and sent in many parts; separate files (zip=no) of UT 11; a
 * classic 2.x exchange in three cycles; {@code progress} while the import runs, then its outcome;
 * waiting for another import's lock; a broken file; an {@code import} retried after success. Each
 * outcome is checked in the catalog (API) and in the import history.
 */
@ExtendWith(RunningApplication.class)
class ExchangeImportIT {

    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(2);
    private AdminApi api;

    @BeforeEach
    void nothingImports() {
        api = AdminApi.onceIdle();
    }

    @Test
    void aSplitPackageZippedWithItsFoldersInManyPartsReassemblesByteForByteAndLands() throws Exception {
        // Given the 3.1 split package of 40 products zipped with its sub-folders, as 1C zips it
        long seed = System.nanoTime();
        Path dir = ExchangeTestPackages.folder("split");
        DemoPackageWriter.write(dir.resolve("package"), 40, seed);
        Path zip = dir.resolve("v8_3B8F_3e.zip");
        ExchangeBenchmark.zipFolder(dir.resolve("package"), zip);
        byte[] zipped = Files.readAllBytes(zip);
        String goods = firstFile(dir.resolve("package"), "goods");
        String offers = firstFile(dir.resolve("package"), "offers");
        OneCExchangeClient client = client(newExchangeUser());
        OneCExchangeClient.requireSuccess(client.checkauth(), "checkauth");
        assertTrue(client.init().text().startsWith("zip=yes"));

        // When it is sent in parts of 2,001 bytes (an odd size: parts start anywhere in the zip)
        List<OneCExchangeClient.Answer> parts = client.sendInParts("v8_3B8F_3e.zip", zipped, 2_001);
        parts.forEach(p -> OneCExchangeClient.requireSuccess(p, "part"));
        // and import is asked for an entry with its folder, then for another without it
        OneCExchangeClient.Answer withFolder = client.importUntilDone(goods, IMPORT_TIMEOUT);
        OneCExchangeClient.Answer withoutFolder = client.importUntilDone(offers.substring(offers.lastIndexOf('/') + 1), IMPORT_TIMEOUT);

        // Then one session imported the whole package
        assertEquals("success", withFolder.line(1), withFolder.toString());
        assertEquals("success", withoutFolder.line(1), withoutFolder.toString());
        long session = sessionOf(withFolder);
        assertEquals(session, sessionOf(withoutFolder));
        JsonObject imported = api.object("imports/" + session);
        JsonObject products = imported.getJsonObject("changeReport").getJsonObject("products");
        assertEquals(40, products.getInt("read"), imported.toString());
        JsonObject product = ExchangeTestPackages.product(api, DemoPackageWriter.productId(seed, 0));
        assertTrue(product.getBoolean("active"));
        assertTrue(product.getJsonArray("offers").getJsonObject(0).getJsonArray("prices").size() > 0, product.toString());
        // and the file it read is the zip, byte for byte, received in as many parts as were sent
        JsonObject received = imported.getJsonArray("receivedFiles").getJsonObject(0);
        assertEquals("v8_3B8F_3e.zip", received.getString("name"));
        assertEquals(zipped.length, received.getJsonNumber("size").longValue());
        assertEquals(parts.size(), received.getInt("chunks"));
        assertTrue(parts.size() > 10, "many parts: " + parts.size());
        assertArrayEquals(zipped, Files.readAllBytes(stagedFile(imported, "v8_3B8F_3e.zip")));
    }

    @Test
    void ut11SeparateFilesImportPricesAndRestsInOneSession() throws Exception {
        // Given a UT 11 package as separate files (zip=no in 1C): import___, offers___, prices___, rests___
        String prefix = newPrefix();
        Path withPrices = ExchangeTestPackages.shop(ShapePackageWriter.Dialect.UT11, prefix, false)
                .write(ExchangeTestPackages.folder("ut11"));
        Path prices = ExchangeTestPackages.folder("ut11-prices");
        new ShapePackageWriter(ShapePackageWriter.Dialect.UT11).idOnlyOffer(prefix + "-p1#1").price(prefix + "-retail", "1990.50")
                .write(prices);
        Path rests = ExchangeTestPackages.shop(ShapePackageWriter.Dialect.UT11, prefix, true).write(ExchangeTestPackages.folder("ut11-rests"));
        String guid = "-1d2e3f40-5a6b-7c8d-9e0f-a1b2c3d4e5f6.xml";
        List<String> names = List.of("import___" + guid, "offers___" + guid, "prices___" + guid, "rests___" + guid);
        List<Path> files = List.of(withPrices.resolve("import___7d2c.xml"), withPrices.resolve("offers___7d2c.xml"),
                prices.resolve("rests___7d2c.xml"), rests.resolve("rests___7d2c.xml"));
        OneCExchangeClient client = client(newExchangeUser());

        // When 1C sends them and asks to import each in turn
        OneCExchangeClient.Answer last = client.exchange(names, files::get, IMPORT_TIMEOUT);

        // Then every import answered success for the same one session, and the stock of rests___ is there
        assertEquals("success", last.line(1), last.toString());
        assertShopLanded(api, prefix, "11");
        JsonArray received = api.object("imports/" + sessionOf(last)).getJsonArray("receivedFiles");
        assertEquals(names, received.stream().map(f -> f.asJsonObject().getString("name")).toList());
    }

    @Test
    void aClassicExchangeInThreeCyclesImportsEachCycleAndARetriedImportIsNotImportedAgain() throws Exception {
        String prefix = newPrefix();
        Path shop = writeShop(ShapePackageWriter.Dialect.CLASSIC, prefix, true);
        String user = newExchangeUser();
        long[] sessions = new long[3];
        List<String> cycles = List.of("import.xml", "offers.xml", "rests.xml");
        for (int i = 0; i < cycles.size(); i++) {
            // each cycle: its own checkauth, init, file and import, as newer 1C modules do
            OneCExchangeClient cycle = client(user);
            Path file = shop.resolve(cycles.get(i));
            OneCExchangeClient.Answer done = cycle.exchange(List.of(cycles.get(i)), n -> file, IMPORT_TIMEOUT);
            assertEquals("success", done.line(1), cycles.get(i) + ": " + done);
            sessions[i] = sessionOf(done);
            if (i == 0) {
                // the product is there before its offers come
                assertEquals(200, api.get("catalog/products/" + prefix + "-p1").statusCode());
            }
            if (i == 2) {
                // import retried after success: the recorded outcome, no new session
                long newest = newestSessionId();
                OneCExchangeClient.Answer again = cycle.call("import", "filename=" + cycles.get(i));
                assertEquals(done.text(), again.text());
                assertEquals(newest, newestSessionId(), "not imported again");
                cycle.call("complete");
            }
        }
        assertTrue(sessions[0] < sessions[1] && sessions[1] < sessions[2], "one session per cycle");
        assertShopLanded(api, prefix, "11");
        // and the three cycles were one exchange: one row with three files and three sessions
        JsonObject exchange = api.array("exchanges?limit=20").stream().map(v -> v.asJsonObject())
                .filter(e -> user.equals(e.getString("user"))).findFirst().orElseThrow();
        assertEquals(3, exchange.getJsonArray("files").size(), exchange.toString());
        assertEquals(3, exchange.getJsonArray("sessions").size(), exchange.toString());
    }

    @Test
    void importAnswersProgressWhileItsSessionRunsThenSuccess() throws Exception {
        String prefix = newPrefix();
        Path shop = writeShop(ShapePackageWriter.Dialect.CLASSIC, prefix, false);
        OneCExchangeClient client = client(newExchangeUser());
        OneCExchangeClient.requireSuccess(client.checkauth(), "checkauth");
        client.init();
        client.sendFile("import.xml", shop.resolve("import.xml"));
        client.sendFile("offers.xml", shop.resolve("offers.xml"));

        OneCExchangeClient.Answer running;
        long started = System.nanoTime();
        try (HeldTableLock stuck = HeldTableLock.onWritesTo("product")) {
            running = client.call("import", "filename=import.xml");
            // then every call answers at once, with progress
            OneCExchangeClient.Answer still = client.call("import", "filename=offers.xml");
            assertEquals("progress", still.line(1), still.toString());
            assertTrue((System.nanoTime() - started) / 1e9 < 10, "calls return at once while the import is blocked");
            // and the total, counted alongside the import, is told while the import is still blocked
            OneCExchangeClient.Answer counted = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> client.call("import", "filename=import.xml"), answer -> answer.line(2).contains(" из "));
            assertTrue(counted.line(2).matches("обработано [\\d\u00a0]+ из [1-9][\\d\u00a0]*… \\(импорт \\d+\\)"), counted.toString());
        }
        assertEquals("progress", running.line(1), running.toString());
        // the first answer may come before the total is counted
        assertTrue(running.line(2).matches("обработано [\\d\u00a0]+ из [\\d\u00a0]+… \\(импорт \\d+\\)")
                || running.line(2).matches("обработано [\\d\u00a0]+, общее число ещё считается… \\(импорт \\d+\\)"), running.toString());

        OneCExchangeClient.Answer done = client.importUntilDone("import.xml", IMPORT_TIMEOUT);
        assertEquals("success", done.line(1), done.toString());
        assertEquals(sessionOf(running), sessionOf(done));
        assertShopLanded(api, prefix, "5");
    }

    @Test
    void anImportStartedFromTheApiHoldsTheLockAndTheExchangeWaitsThenImports() throws Exception {
        String prefix = newPrefix();
        Path shop = writeShop(ShapePackageWriter.Dialect.CLASSIC, prefix, false);
        OneCExchangeClient client = client(newExchangeUser());
        OneCExchangeClient.requireSuccess(client.checkauth(), "checkauth");
        client.init();
        client.sendFile("import.xml", shop.resolve("import.xml"));
        client.sendFile("offers.xml", shop.resolve("offers.xml"));

        try (HeldTableLock stuck = HeldTableLock.onWritesTo("product")) {
            HttpResponse<String> console = api.send("POST", api.uri("imports"));
            assertEquals(202, console.statusCode(), console.body());
            long holder = AdminApi.object(console).getJsonNumber("id").longValue();

            OneCExchangeClient.Answer waiting = client.call("import", "filename=import.xml");

            assertEquals("progress\nожидание окончания импорта " + holder + ", его запустил " + IntegrationTestSettings.ADMIN_USER,
                    waiting.text());
        }
        OneCExchangeClient.Answer done = client.importUntilDone("import.xml", IMPORT_TIMEOUT);
        assertEquals("success", done.line(1), done.toString());
        assertShopLanded(api, prefix, "5");
    }

    @Test
    void aTruncatedFileFailsNamingTheFileAndChangesNothing() throws Exception {
        String prefix = newPrefix();
        Path shop = writeShop(ShapePackageWriter.Dialect.SPLIT_31, prefix, false);
        byte[] goods = Files.readAllBytes(shop.resolve("goods/goods.xml"));
        String summaryBefore = api.get("catalog/summary").body();
        OneCExchangeClient client = client(newExchangeUser());
        OneCExchangeClient.requireSuccess(client.checkauth(), "checkauth");
        client.init();
        client.sendFile("groups/groups.xml", shop.resolve("groups/groups.xml"));
        client.sendChunk("goods/goods.xml", Arrays.copyOf(goods, goods.length / 2));
        client.sendFile("offers/offers.xml", shop.resolve("offers/offers.xml"));

        OneCExchangeClient.Answer goodsAnswer = client.importUntilDone("goods/goods.xml", IMPORT_TIMEOUT);
        OneCExchangeClient.Answer offersAnswer = client.importUntilDone("offers/offers.xml", IMPORT_TIMEOUT);

        assertEquals("failure", goodsAnswer.line(1), goodsAnswer.toString());
        assertTrue(goodsAnswer.line(2).contains("goods.xml"), "names the file: " + goodsAnswer);
        assertEquals(goodsAnswer.text(), offersAnswer.text(), "every file of the session has its outcome");
        assertEquals(summaryBefore, api.get("catalog/summary").body());
        assertEquals(404, api.get("catalog/products/" + prefix + "-p1").statusCode());
        assertEquals("FAILED", api.object("imports/" + sessionOf(goodsAnswer)).getString("status"));
    }

    @Test
    void aReal31SplitExportZippedWithItsFoldersLands() throws Exception {
        // Given a real export (freesport-b2b: 3.1 split, 119 groups, 3 products), read in place and zipped as 1C zips it
        Path zip = ExchangeTestPackages.folder("freesport").resolve("v8_freesport.zip");
        ExchangeBenchmark.zipFolder(fixture("freesport-b2b"), zip);
        OneCExchangeClient client = client(newExchangeUser());
        OneCExchangeClient.requireSuccess(client.checkauth(), "checkauth");
        client.init();

        client.sendInParts("v8_freesport.zip", Files.readAllBytes(zip), 65_536)
                .forEach(part -> OneCExchangeClient.requireSuccess(part, "part"));
        OneCExchangeClient.Answer done = client.importUntilDone(firstFile(fixture("freesport-b2b"), "goods"), IMPORT_TIMEOUT);

        assertEquals("success", done.line(1), done.toString());
        JsonObject report = api.object("imports/" + sessionOf(done)).getJsonObject("changeReport");
        assertEquals(3, report.getJsonObject("products").getInt("read"), report.toString());
        assertEquals(119, report.getJsonObject("groups").getInt("read"), report.toString());
        assertEquals(1, ExchangeProtocolIT.count("select count(*) from product where sku = 'ES1115'"
                + " and name = 'Гантель неопреновая Espado ES1115, жёлтый'"));
    }

    @Test
    void aRealUt11ExportAsSeparateFilesLandsWithItsProblemsReported() throws Exception {
        // Given a real UT 11 export (gillbeits): import___, offers___, prices___, rests___ whose
        // products file the public snapshot lacks, so every offer is reported, not stored
        Path dir = fixture("gillbeits__commerceml");
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .sorted(Comparator.comparing(n -> List.of("import", "offers", "prices", "rests")
                            .indexOf(n.substring(0, n.indexOf("___"))))).toList();
        }
        OneCExchangeClient client = client(newExchangeUser());

        OneCExchangeClient.Answer last = client.exchange(names, i -> dir.resolve(names.get(i)), IMPORT_TIMEOUT);

        assertEquals("success", last.line(1), last.toString());
        JsonObject report = api.object("imports/" + sessionOf(last)).getJsonObject("changeReport");
        assertEquals(3 * 978, report.getJsonObject("offers").getInt("read"), report.toString());
        assertEquals(3 * 978, report.getJsonObject("offers").getInt("skipped") + report.getJsonObject("offers").getInt("merged"),
                report.toString());
        assertEquals(978, report.getJsonObject("prices").getInt("skipped"), report.toString());
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** A real export of the shared fixtures, read where it lies. */
    private static Path fixture(String name) {
        return Path.of(System.getProperty("catalog.shared.fixtures",
                IntegrationTestSettings.projectDir().resolve("../shared/fixtures/commerceml").toString())).resolve(name).normalize();
    }

    private long newestSessionId() throws Exception {
        return api.array("imports?size=1").getJsonObject(0).getJsonNumber("id").longValue();
    }

    /** The first file of a package folder, as its name inside the zip ({@code goods/goods_1_1_….xml}). */
    private static String firstFile(Path packageDir, String folder) throws Exception {
        try (Stream<Path> files = Files.walk(packageDir.resolve(folder))) {
            return packageDir.relativize(files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow())
                    .toString().replace('\\', '/');
        }
    }

    /** Where the exchange of a session staged a file: {@code <work>/exchange/<exchange>/batch-<n>/<name>}. */
    private static Path stagedFile(JsonObject session, String name) throws Exception {
        String exchange = session.getString("sourceReference").substring("exchange ".length());
        Path folder = IntegrationTestSettings.projectDir().resolve("target/it-work/exchange").resolve(exchange);
        try (Stream<Path> batches = Files.list(folder)) {
            return batches.map(b -> b.resolve(name)).filter(Files::isRegularFile).findFirst().orElseThrow();
        }
    }
}
