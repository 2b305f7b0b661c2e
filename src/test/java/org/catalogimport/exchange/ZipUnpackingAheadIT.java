package org.catalogimport.exchange;

import static org.awaitility.Awaitility.await;
import static org.catalogimport.exchange.ExchangeTestPackages.client;
import static org.catalogimport.exchange.ExchangeTestPackages.newExchangeUser;
import static org.catalogimport.exchange.ExchangeTestPackages.sessionOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A zip is unpacked while 1C sends its parts, and the import 1C starts takes those files: seen on
 * the real server, in its work folder ({@code target/it-work/ahead}) and in the catalog. A broken
 * zip is still refused by the import, in Russian, with nothing changed; a zip sent again from its
 * start, and another exchange's zip sent meanwhile, each land whole.
 */
@ExtendWith(RunningApplication.class)
class ZipUnpackingAheadIT {

    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(2);
    private static final Path AHEAD = IntegrationTestSettings.projectDir().resolve("target/it-work/ahead");
    private AdminApi api;

    @BeforeEach
    void nothingImports() {
        api = new AdminApi(RunningApplication.baseUri());
        await().atMost(Duration.ofMinutes(3)).until(api::nothingRuns);
    }

    @Test
    void aZipIsUnpackedWhileItsPartsArriveAndItsImportTakesTheFiles() throws Exception {
        // Given a zipped 3.1 demo package with a picture per product, and an exchange that has sent all its parts
        long seed = System.nanoTime();
        byte[] zip = demoZip("ahead", 200, seed, 300);
        Set<Path> before = aheadFolders();
        OneCExchangeClient client = signedIn();
        client.sendInParts("v8_ahead.zip", zip, 50_000).forEach(part -> OneCExchangeClient.requireSuccess(part, "part"));

        // Then, before any import call, its pictures are unpacked in the work folder, and its XML files are not:
        // the import reads them in the zip
        Path unpacked = await().atMost(Duration.ofMinutes(1)).until(() -> newFolder(before), f -> f != null);
        await().atMost(Duration.ofMinutes(1)).until(() -> filesEndingWith(unpacked, ".jpg") == 200);
        assertEquals(0, filesEndingWith(unpacked, ".xml"));

        // When 1C asks to import
        OneCExchangeClient.Answer done = client.importUntilDone("goods/" + firstGoodsName(demoFolder(seed)), IMPORT_TIMEOUT);

        // Then the whole package landed, every picture found beside it, and the import took the unpacked files
        // (nothing is left of them)
        assertEquals("success", done.line(1), done.toString());
        JsonObject imported = api.object("imports/" + sessionOf(done));
        assertEquals(200, imported.getJsonObject("changeReport").getJsonObject("products").getInt("read"), imported.toString());
        assertEquals(0, imported.getJsonNumber("warnings").longValue(), "no picture missing: " + imported);
        assertEquals(0, imported.getJsonNumber("skippedItems").longValue(), imported.toString());
        assertEquals(imported.getJsonNumber("processedItems").longValue(), imported.getJsonNumber("totalItems").longValue(),
                "the progress total was counted alongside the import");
        assertTrue(ExchangeTestPackages.product(api, DemoPackageWriter.productId(seed, 0)).getBoolean("active"));
        assertFalse(Files.exists(unpacked), "taken by the import and deleted with its work folder");

        // And every file it read is remembered by the fingerprint of its bytes, taken while it was parsed in the zip:
        // the very fingerprint a folder import takes of the same file, so the next import of either kind skips it
        List<Path> xmlFiles = filesUnder(demoFolder(seed), ".xml");
        assertEquals(String.valueOf(xmlFiles.size()), TestDatabase.text("select count(*) from import_file_state"));
        for (Path file : xmlFiles) {
            String path = demoFolder(seed).relativize(file).toString().replace('\\', '/');
            assertEquals(sha256(Files.readAllBytes(file)) + ":" + Files.size(file),
                    TestDatabase.text("select fingerprint from import_file_state where path = ?", path), path);
        }
    }

    @Test
    void aZipWithAnEntryLeavingTheFolderIsRefusedByTheImportInRussianAndChangesNothing() throws Exception {
        // Given a zip whose second entry climbs out of the unpack folder, sent in parts
        byte[] zip = zip("goods/goods.xml", Files.readString(firstGoodsFile(demoFolder("evil", 20, 3))), "../evil.xml", "<x/>");
        String summaryBefore = api.get("catalog/summary").body();
        Set<Path> before = aheadFolders();
        OneCExchangeClient client = signedIn();
        client.sendInParts("v8_evil.zip", zip, 4_000).forEach(part -> OneCExchangeClient.requireSuccess(part, "part"));

        // When 1C asks to import it
        OneCExchangeClient.Answer done = client.importUntilDone("goods/goods.xml", IMPORT_TIMEOUT);

        // Then the import refused it, saying why in Russian, and nothing changed
        assertEquals("failure", done.line(1), done.toString());
        assertTrue(done.line(2).contains("«../evil.xml» в архиве ведёт за пределы папки распаковки"), done.line(2));
        assertEquals("FAILED", api.object("imports/" + sessionOf(done)).getString("status"));
        assertEquals(summaryBefore, api.get("catalog/summary").body());
        assertFalse(Files.exists(AHEAD.resolve("evil.xml")));
        // and the unpacking that gave up left nothing behind
        assertEquals(Set.of(), newFolders(before));
    }

    @Test
    void aZipSentAgainFromItsStartWhileItIsUnpackedLandsWhole() throws Exception {
        // Given a zip whose parts were all sent once
        long seed = System.nanoTime();
        byte[] zip = demoZip("again", 150, seed);
        OneCExchangeClient client = signedIn();
        List<OneCExchangeClient.Answer> first = client.sendInParts("v8_again.zip", zip, 40_000);
        first.forEach(part -> OneCExchangeClient.requireSuccess(part, "part"));

        // When 1C sends the whole file again from its start (its first part restarts the file)
        client.sendInParts("v8_again.zip", zip, 40_000).forEach(part -> OneCExchangeClient.requireSuccess(part, "part"));
        OneCExchangeClient.Answer done = client.importUntilDone("goods/" + firstGoodsName(demoFolder(seed)), IMPORT_TIMEOUT);

        // Then the import read the zip as sent the second time, whole: every product, once
        assertEquals("success", done.line(1), done.toString());
        JsonObject imported = api.object("imports/" + sessionOf(done));
        assertEquals(150, imported.getJsonObject("changeReport").getJsonObject("products").getInt("read"), imported.toString());
        JsonObject received = imported.getJsonArray("receivedFiles").getJsonObject(0);
        assertEquals(zip.length, received.getJsonNumber("size").longValue());
        assertEquals(first.size(), received.getInt("chunks"), "counted from the restart");
    }

    @Test
    void anotherExchangesZipSentWhileOneIsUnpackedLandsAndSoDoesTheFirst() throws Exception {
        // Given the first half of one exchange's zip (its unpacking waits for the rest)
        long seedA = System.nanoTime();
        byte[] zipA = demoZip("first", 120, seedA);
        OneCExchangeClient a = signedIn();
        OneCExchangeClient.requireSuccess(a.sendChunk("v8_first.zip", Arrays.copyOfRange(zipA, 0, zipA.length / 2)), "part");

        // When another exchange sends its own zip whole and imports it
        long seedB = seedA + 1;
        byte[] zipB = demoZip("second", 80, seedB);
        OneCExchangeClient b = signedIn();
        b.sendInParts("v8_second.zip", zipB, 30_000).forEach(part -> OneCExchangeClient.requireSuccess(part, "part"));
        OneCExchangeClient.Answer doneB = b.importUntilDone("goods/" + firstGoodsName(demoFolder(seedB)), IMPORT_TIMEOUT);
        // and then the first exchange sends the rest and imports
        OneCExchangeClient.requireSuccess(a.sendChunk("v8_first.zip", Arrays.copyOfRange(zipA, zipA.length / 2, zipA.length)), "part");
        OneCExchangeClient.Answer doneA = a.importUntilDone("goods/" + firstGoodsName(demoFolder(seedA)), IMPORT_TIMEOUT);

        // Then each import read its own package whole
        assertEquals("success", doneB.line(1), doneB.toString());
        assertEquals("success", doneA.line(1), doneA.toString());
        assertEquals(80, api.object("imports/" + sessionOf(doneB)).getJsonObject("changeReport").getJsonObject("products").getInt("read"));
        assertEquals(120, api.object("imports/" + sessionOf(doneA)).getJsonObject("changeReport").getJsonObject("products").getInt("read"));
        ExchangeTestPackages.product(api, DemoPackageWriter.productId(seedA, 119));
        ExchangeTestPackages.product(api, DemoPackageWriter.productId(seedB, 79));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static OneCExchangeClient signedIn() {
        OneCExchangeClient client = client(newExchangeUser());
        OneCExchangeClient.requireSuccess(client.checkauth(), "checkauth");
        assertTrue(client.init().text().startsWith("zip=yes"));
        return client;
    }

    private static Path demoFolder(String name, int products, long seed) throws IOException {
        Path dir = IntegrationTestSettings.projectDir().resolve("target/it-exchange/ahead-" + seed);
        if (!Files.isDirectory(dir.resolve("goods"))) {
            DemoPackageWriter.write(dir, products, seed);
        }
        return dir;
    }

    private static Path demoFolder(long seed) {
        return IntegrationTestSettings.projectDir().resolve("target/it-exchange/ahead-" + seed);
    }

    private static byte[] demoZip(String name, int products, long seed) throws IOException {
        return demoZip(name, products, seed, 0);
    }

    private static byte[] demoZip(String name, int products, long seed, int pictureBytes) throws IOException {
        Path dir = IntegrationTestSettings.projectDir().resolve("target/it-exchange/ahead-" + seed);
        DemoPackageWriter.write(dir, products, seed, pictureBytes);
        Path zip = dir.resolveSibling("ahead-" + seed + ".zip");
        ExchangeBenchmark.zipFolder(dir, zip);
        return Files.readAllBytes(zip);
    }

    private static List<Path> filesUnder(Path folder, String ending) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(ending)).sorted().toList();
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static Path firstGoodsFile(Path packageDir) throws IOException {
        try (Stream<Path> files = Files.list(packageDir.resolve("goods"))) {
            return files.sorted().findFirst().orElseThrow();
        }
    }

    private static String firstGoodsName(Path packageDir) throws IOException {
        return firstGoodsFile(packageDir).getFileName().toString();
    }

    private static byte[] zip(String... nameAndContent) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (int i = 0; i < nameAndContent.length; i += 2) {
                out.putNextEntry(new ZipEntry(nameAndContent[i]));
                out.write(nameAndContent[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Set<Path> aheadFolders() throws IOException {
        if (!Files.isDirectory(AHEAD)) {
            return Set.of();
        }
        try (Stream<Path> folders = Files.list(AHEAD)) {
            return new HashSet<>(folders.toList());
        }
    }

    private static Set<Path> newFolders(Set<Path> before) throws IOException {
        Set<Path> now = aheadFolders();
        now.removeAll(before);
        return now;
    }

    private static Path newFolder(Set<Path> before) throws IOException {
        return newFolders(before).stream().findFirst().orElse(null);
    }

    private static long filesEndingWith(Path unpacked, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(unpacked)) {
            return files.filter(file -> Files.isRegularFile(file) && file.toString().endsWith(suffix)).count();
        } catch (NoSuchFileException taken) {
            return -1;
        }
    }
}
