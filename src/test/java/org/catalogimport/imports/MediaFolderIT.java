package org.catalogimport.imports;

import static org.awaitility.Awaitility.await;
import static org.catalogimport.imports.PicturePackage.jpeg;
import static org.catalogimport.imports.PicturePackage.png;
import static org.catalogimport.imports.PicturePackage.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.catalogimport.exchange.ExchangeBenchmark;
import org.catalogimport.exchange.OneCExchangeClient;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.HeldTableLock;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.SwappedImportFolder;
import org.catalogimport.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The media folder through the real importer on the shared server (JTA transaction, sessions, the
 * doors): a folder import and a 1C exchange publish their pictures when they commit; a check, a
 * failed and a cancelled import leave the folder exactly as it was (every file and its SHA-256).
 */
@ExtendWith(RunningApplication.class)
class MediaFolderIT {

    private static final Path MEDIA = IntegrationTestSettings.mediaDir();

    private AdminApi api;
    private String prefix;

    @BeforeEach
    void nothingRuns() {
        api = new AdminApi(RunningApplication.baseUri());
        prefix = "it-media-" + UUID.randomUUID().toString().substring(0, 8);
        api.awaitIdle();
    }

    private Path packageDir(String name) {
        return IntegrationTestSettings.importDir().resolveSibling(prefix + "-" + name);
    }

    private JsonObject importFolder(Path prepared, String query, String endStatus) throws Exception {
        try (SwappedImportFolder swapped = SwappedImportFolder.with(prepared)) {
            HttpResponse<String> started = api.send("POST", api.uri("imports" + query));
            assertEquals(202, started.statusCode(), started.body());
            long id = AdminApi.object(started).getJsonNumber("id").longValue();
            await().atMost(Duration.ofMinutes(2)).until(() -> endStatus.equals(api.object("imports/" + id).getString("status")));
            return api.object("imports/" + id);
        }
    }

    private static JsonObject pictures(JsonObject session) {
        return session.getJsonObject("changeReport").getJsonObject("pictures");
    }

    @Test
    void aFolderImportPublishesACheckAFailureAndACancelChangeNothing() throws Exception {
        // Given a committed import of two products with pictures
        byte[] a = jpeg(3_000, 21);
        byte[] b = png(2_000, 22);
        JsonObject first = importFolder(new PicturePackage().product(prefix + "-a", "import_files/" + prefix + "/a.jpg")
                .product(prefix + "-b", "import_files/" + prefix + "/b.png")
                .file("import_files/" + prefix + "/a.jpg", a).file("import_files/" + prefix + "/b.png", b)
                .writeTo(packageDir("first")), "", "COMPLETED");
        assertEquals(2, pictures(first).getInt("new"), first.toString());
        assertArrayEquals(a, Files.readAllBytes(MEDIA.resolve("import_files/" + prefix + "/a.jpg")));
        assertArrayEquals(b, Files.readAllBytes(MEDIA.resolve("import_files/" + prefix + "/b.png")));
        Map<String, String> before = snapshot(MEDIA);
        assertFalse(before.containsKey(".catalog-import"), "no work area left after a publish: " + before.keySet());

        // When a package that replaces b and adds c is checked, then fails, then is cancelled
        PicturePackage next = new PicturePackage().stamped("2024-03-01T00:00:00")
                .product(prefix + "-b", "import_files/" + prefix + "/b.png").product(prefix + "-c", "import_files/" + prefix + "/c.jpg")
                .file("import_files/" + prefix + "/b.png", png(2_000, 23)).file("import_files/" + prefix + "/c.jpg", jpeg(900, 24));
        JsonObject check = importFolder(next.writeTo(packageDir("check")), "?dryRun=true", "COMPLETED");
        assertEquals(before, snapshot(MEDIA), "a check");
        assertEquals(1, pictures(check).getInt("replaced"), check.toString());
        assertEquals(1, pictures(check).getInt("new"), check.toString());

        Path broken = next.writeTo(packageDir("broken"));
        Files.writeString(broken.resolve("offers.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_2\" ВерсияСхемы=\"2.07\"><ПакетПредложений><Предложения>");
        importFolder(broken, "", "FAILED");
        assertEquals(before, snapshot(MEDIA), "a failed import");

        try (HeldTableLock stuck = HeldTableLock.onWritesTo("product")) {
            // the pictures are staged as the products are read; the product write then waits on the lock
            try (SwappedImportFolder swapped = SwappedImportFolder.with(next.writeTo(packageDir("cancelled")))) {
                long id = AdminApi.object(api.send("POST", api.uri("imports"))).getJsonNumber("id").longValue();
                await().atMost(Duration.ofMinutes(1)).until(() -> "RUNNING".equals(api.object("imports/" + id).getString("status")));
                assertEquals(202, api.send("POST", api.uri("imports/" + id + "/cancel")).statusCode());
                await().atMost(Duration.ofSeconds(20)).until(() -> "CANCELLED".equals(api.object("imports/" + id).getString("status")));
            }
        }
        assertEquals(before, snapshot(MEDIA), "a cancelled import");
    }

    @Test
    void aOneCExchangeZipPublishesThePicturesItCarries() throws Exception {
        // Given a zip as 1C sends it, its pictures inside
        byte[] picture = jpeg(4_000, 31);
        Path dir = new PicturePackage().product(prefix + "-x", "import_files/" + prefix + "/x.jpg")
                .file("import_files/" + prefix + "/x.jpg", picture).writeTo(packageDir("exchange"));
        Path zip = packageDir("exchange.zip");
        ExchangeBenchmark.zipFolder(dir, zip);
        String user = prefix + "-1c";
        TestUsers.put(BackingServices.forTests(), user, "it-media-exchange-password", "exchange");
        OneCExchangeClient client = new OneCExchangeClient(RunningApplication.baseUri().resolve("1c_exchange"),
                user, "it-media-exchange-password");

        // When 1C sends it and asks for its import
        OneCExchangeClient.Answer done = client.exchange(List.of("pictures.zip"), i -> zip, Duration.ofMinutes(2));

        // Then the picture is in the media folder, counted as new
        assertEquals("success", done.line(1), done.toString());
        assertArrayEquals(picture, Files.readAllBytes(MEDIA.resolve("import_files/" + prefix + "/x.jpg")));
        JsonObject session = api.object("imports/" + done.importSession().orElseThrow());
        assertEquals(1, pictures(session).getInt("new"), session.toString());
    }
}
