package org.catalogimport.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.catalogimport.dev.DialectPackageWriter;
import org.catalogimport.imports.PicturePackage;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.ConsoleBrowser;
import org.catalogimport.testing.HeadlessChromium;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.ServiceEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Uploading a package from the console in a real Chromium, against the shared server (whose upload
 * limits RunningApplication sets to 8 MiB per file, 16 MiB in all): separate XML files, then a zip
 * that replaces them, read in the package panel in English and Russian; the import of the zip, with
 * the uploader on the session page and in the API; and refusals (not a package, an escaping zip,
 * too large) that say why and store nothing.
 */
@ExtendWith(RunningApplication.class)
class PackageUploadIT {

    private static final Path WORK = IntegrationTestSettings.projectDir().resolve("target/it-upload");
    private static final Path UPLOADS = IntegrationTestSettings.projectDir().resolve("target/it-work/uploads");

    private WebDriver browser;
    private WebDriverWait wait;
    private SessionsPage sessions;
    private AdminApi api;

    @BeforeEach
    void signIn() throws Exception {
        api = AdminApi.onceIdle();
        discardPendingUploads();
        browser = HeadlessChromium.start();
        wait = ConsoleBrowser.signIn(browser, "admin/imports", "sessions:table");
        sessions = new SessionsPage(browser);
    }

    @AfterEach
    void leaveNoPendingUpload() throws Exception {
        // why: the upload would otherwise be the next package of every other test on this server.
        discardPendingUploads();
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void xmlFilesThenAZipBecomeTheNextPackageAndItsImportRecordsTheUploader() throws Exception {
        // Given separate CommerceML 2.x files (import.xml, offers.xml) and a zip of the server's demo package
        Path classic = classicFiles();
        Path zip = zipOf(IntegrationTestSettings.importDir(), WORK.resolve("demo-package.zip"));

        // When the administrator uploads the XML files
        sessions.upload(classic.resolve("import.xml"), classic.resolve("offers.xml"));

        // Then they are accepted and the package panel shows them, with who uploaded them
        assertTrue(sessions.uploadMessage().contains("Uploaded import.xml, offers.xml: it is the next package to import"), sessions.uploadMessage());
        String summary = sessions.text("uploadSummary");
        assertTrue(summary.startsWith("uploaded import.xml, offers.xml · 2 XML files,"), summary);
        assertTrue(summary.contains("CommerceML 2.x"), summary);
        assertTrue(sessions.text("uploadedBy").startsWith("uploaded by " + IntegrationTestSettings.ADMIN_USER + " on "),
                sessions.text("uploadedBy"));
        assertEquals("not imported yet", sessions.text("uploadImported"));
        // and in Russian
        ConsoleBrowser.switchLanguage(browser, "ru");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("uploadSummary"), "загружен"));
        assertTrue(sessions.text("uploadSummary").startsWith("загружен import.xml, offers.xml · XML-файлов: 2,"),
                sessions.text("uploadSummary"));
        assertTrue(sessions.text("uploadedBy").startsWith("загрузил " + IntegrationTestSettings.ADMIN_USER + " "),
                sessions.text("uploadedBy"));
        ConsoleBrowser.switchLanguage(browser, "en");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("uploadSummary"), "uploaded"));

        // When a zip is uploaded, it replaces the XML files as the next package
        sessions.upload(zip);
        assertTrue(sessions.uploadMessage().startsWith("Uploaded demo-package.zip"), sessions.uploadMessage());
        assertTrue(sessions.text("uploadSummary").startsWith("uploaded demo-package.zip · "), sessions.text("uploadSummary"));
        assertTrue(sessions.text("uploadSummary").contains("CommerceML 3.1 split"), sessions.text("uploadSummary"));
        JsonObject audited = api.array("audit?size=1&action=UPLOAD_STORED").getJsonObject(0);
        assertEquals(IntegrationTestSettings.ADMIN_USER, audited.getString("user"));
        assertTrue(audited.getString("target").matches("upload \\d+: demo-package\\.zip \\(\\d+ bytes\\)"), audited.toString());
        assertEquals(List.of("import.xml/offers.xml|" + IntegrationTestSettings.ADMIN_USER, "demo-package.zip|null"),
                query("select file_names || '|' || coalesce(discarded_by, 'null') from package_upload"
                        + " where id > (select coalesce(max(id), 0) - 2 from package_upload) order by id"));

        // When the import is started, the confirmation names the upload, and the import reads it
        browser.findElement(By.id("sessions:start")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("startDialogPackage")));
        assertEquals("uploaded demo-package.zip", sessions.text("startDialogPackage"));
        browser.findElement(By.id("sessions:confirmStart")).click();
        WebElement started = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".ui-growl-message .ui-growl-title")));
        Matcher startedId = Pattern.compile("Import (\\d+) started\\.").matcher(started.getText());
        assertTrue(startedId.find(), started.getText());
        long id = Long.parseLong(startedId.group(1));
        await().atMost(Duration.ofMinutes(3)).until(() -> "COMPLETED".equals(api.object("imports/" + id).getString("status")));

        // Then the API names the upload and its uploader
        JsonObject session = api.object("imports/" + id);
        JsonObject upload = session.getJsonObject("upload");
        assertEquals(IntegrationTestSettings.ADMIN_USER, upload.getString("uploadedBy"), session.toString());
        assertEquals("demo-package.zip", upload.getJsonArray("files").getString(0));
        assertEquals(Files.size(zip), upload.getJsonNumber("totalBytes").longValue());
        assertEquals(upload.getJsonNumber("id").longValue(), session.getJsonNumber("uploadId").longValue());
        assertTrue(session.getString("sourceReference").startsWith("upload "), session.toString());
        // and the session page shows the same, in both languages
        browser.get(RunningApplication.baseUri().resolve("admin/session?id=" + id).toString());
        String shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail:upload"))).getText();
        assertTrue(shown.startsWith("demo-package.zip, uploaded by " + upload.getString("uploadedBy") + " on "), shown);
        ConsoleBrowser.switchLanguage(browser, "ru");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail:upload"), "загрузил"));
        assertTrue(sessions.text("detail:upload").startsWith("demo-package.zip, загрузил " + IntegrationTestSettings.ADMIN_USER),
                sessions.text("detail:upload"));
        ConsoleBrowser.switchLanguage(browser, "en");

        // and once imported the upload is no longer the next package: the import folder is again
        browser.get(RunningApplication.baseUri().resolve("admin/imports").toString());
        // why refreshing: the panel's preview of the folder is cached for a few seconds
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> "the package panel shows: "
                        + browser.findElement(By.id("sessions:packagePanel")).getText())
                .until(driver -> {
                    if (!driver.findElements(By.id("packageSummary")).isEmpty()) {
                        return true;
                    }
                    driver.navigate().refresh();
                    return false;
                });
        assertEquals(0, browser.findElements(By.id("sessions:uploadPanel")).size());
        assertEquals(List.of(), query("select id from package_upload where discarded_at is null and not exists"
                + " (select 1 from import_session s where s.upload_id = package_upload.id and s.status = 'COMPLETED')"));

        // and the same zip uploaded again is shown as already imported, with a link to that session
        sessions.upload(zip);
        assertEquals("already imported by session " + id, sessions.text("uploadImported"));
        String link = browser.findElement(By.cssSelector("#uploadImported a")).getAttribute("href");
        assertTrue(link.contains("/admin/session") && link.endsWith("id=" + id), link);
    }

    @Test
    void discardingTheUploadMakesTheImportFolderTheNextPackageAgain() throws Exception {
        // Given an uploaded package
        Path classic = classicFiles();
        sessions.upload(classic.resolve("import.xml"));
        assertTrue(sessions.text("uploadSummary").startsWith("uploaded import.xml · 1 XML files,"), sessions.text("uploadSummary"));
        String folder = query("select folder from package_upload order by id desc").get(0);
        assertTrue(Files.isRegularFile(Path.of(folder, "import.xml")), folder);

        // When the administrator discards it (and confirms)
        browser.findElement(By.id("sessions:discardUpload")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();

        // Then the panel shows the import folder again, the discard is recorded and the files are gone
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("packageSummary")));
        assertEquals(0, browser.findElements(By.id("sessions:uploadPanel")).size());
        assertEquals(List.of(IntegrationTestSettings.ADMIN_USER),
                query("select discarded_by from package_upload where folder = '" + folder + "'"));
        assertTrue(!Files.exists(Path.of(folder)), folder + " is still there");
    }

    @Test
    void refusedUploadsSayWhyAndStoreNothing() throws Exception {
        // Given what is stored before
        Files.createDirectories(WORK);
        List<String> rowsBefore = query("select id from package_upload order by id");
        List<Path> foldersBefore = uploadFolders();
        Path notAPackage = Files.writeString(WORK.resolve("invoice.xml"), "<?xml version=\"1.0\"?><Invoice><Total>1</Total></Invoice>");
        Path escaping = WORK.resolve("escaping.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(escaping), StandardCharsets.UTF_8)) {
            out.putNextEntry(new ZipEntry("../../evil.xml"));
            out.write(Files.readAllBytes(classicFiles().resolve("import.xml")));
            out.closeEntry();
        }
        Path tooLarge = WORK.resolve("huge.xml");
        byte[] nine = new byte[9 << 20];
        new Random(8).nextBytes(nine);
        Files.write(tooLarge, nine);

        // When each is uploaded, Then the form says why, in words an administrator can act on
        sessions.upload(notAPackage);
        assertEquals("Refused, nothing stored: invoice.xml: none of its XML files is a CommerceML catalog, offers, prices"
                + " or stock file (read: invoice.xml)", sessions.uploadMessage());
        sessions.upload(escaping);
        assertTrue(sessions.uploadMessage().startsWith("Refused, nothing stored: escaping.zip: the entry \"../../evil.xml\" points"
                + " outside the folder"), sessions.uploadMessage());
        sessions.upload(tooLarge);
        assertEquals("Refused, nothing stored: huge.xml is 9 MiB, more than the limit of 8 MiB per file.", sessions.uploadMessage());
        ConsoleBrowser.switchLanguage(browser, "ru");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload:send")));
        sessions.upload(tooLarge);
        assertEquals("Отклонено, ничего не сохранено: huge.xml занимает 9 МиБ, больше предела 8 МиБ на файл.", sessions.uploadMessage());
        // and the check's own reason is Russian too
        sessions.upload(escaping);
        assertEquals("Отклонено, ничего не сохранено: escaping.zip: файл «../../evil.xml» в архиве ведёт за пределы"
                + " папки распаковки (абсолютный путь или ..); архив отклонён", sessions.uploadMessage());
        ConsoleBrowser.switchLanguage(browser, "en");

        // and nothing was stored: no row, no folder, no upload in the package panel
        assertEquals(rowsBefore, query("select id from package_upload order by id"));
        assertEquals(foldersBefore, uploadFolders());
        assertEquals(0, browser.findElements(By.id("sessions:uploadPanel")).size());
    }

    @Test
    void aPostWithoutThePagesViewStateStoresNothing() throws Exception {
        // Given a signed-in administrator's session cookie (as a forged cross-site form would carry it)
        // and a valid package
        List<String> rowsBefore = query("select id from package_upload order by id");
        String cookie = browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .reduce((a, b) -> a + "; " + b).orElseThrow();
        byte[] importXml = Files.readAllBytes(classicFiles().resolve("import.xml"));

        String realViewState = browser.findElement(By.cssSelector("#upload input[name='jakarta.faces.ViewState']"))
                .getAttribute("value");
        String fileField = browser.findElement(By.cssSelector("#upload input[type=file]")).getAttribute("name");

        // When the upload form is posted without the page's view state, or with a made-up one
        // (and, as the control that the request itself is right, with the page's own)
        for (String viewState : new String[] {null, "-1234567890123456789:987654321", realViewState}) {
            String boundary = "----it" + System.nanoTime();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            BiConsumer<String, String> field = (name, value) -> body.writeBytes(("--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            field.accept("upload", "upload");
            field.accept("upload:send", "");
            if (viewState != null) {
                field.accept("jakarta.faces.ViewState", viewState);
            }
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"import.xml\""
                    + "\r\nContent-Type: text/xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(importXml);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(RunningApplication.baseUri().resolve("admin/imports"))
                            .header("Cookie", cookie)
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());

            // Then only the page's own view state gets the upload accepted; the others write no row
            if (viewState == realViewState) {
                assertTrue(response.body().contains("it is the next package"), response.statusCode() + " " + response.body());
                assertEquals(rowsBefore.size() + 1, query("select id from package_upload order by id").size());
            } else {
                assertTrue(!response.body().contains("it is the next package"), viewState + ": " + response.statusCode());
                assertEquals(rowsBefore, query("select id from package_upload order by id"), "view state " + viewState);
            }
        }
    }

    /** Chooses {@code files} in the upload form and presses Upload (a full-page POST). */
    @Test
    void anUploadedZipsPicturesArePublishedWhenItsImportCommits() throws Exception {
        // Given a zip with a product and its picture, uploaded from the console
        String prefix = "it-upload-pic-" + System.nanoTime();
        byte[] picture = PicturePackage.jpeg(2_500, 41);
        Path dir = new PicturePackage().product(prefix, "import_files/" + prefix + "/p.jpg")
                .file("import_files/" + prefix + "/p.jpg", picture).writeTo(WORK.resolve(prefix));
        sessions.upload(zipOf(dir, WORK.resolve(prefix + ".zip")));
        assertTrue(sessions.uploadMessage().startsWith("Uploaded " + prefix + ".zip"), sessions.uploadMessage());

        // When it is imported
        HttpResponse<String> started = api.send("POST", api.uri("imports"));
        assertEquals(202, started.statusCode(), started.body());
        long id = AdminApi.object(started).getJsonNumber("id").longValue();
        await().atMost(Duration.ofMinutes(3)).until(() -> "COMPLETED".equals(api.object("imports/" + id).getString("status")));

        // Then it read the upload, and its picture is in the media folder byte for byte, counted as new
        JsonObject session = api.object("imports/" + id);
        assertTrue(session.containsKey("uploadId") && !session.isNull("uploadId"), session.toString());
        assertEquals(1, session.getJsonObject("changeReport").getJsonObject("pictures").getInt("new"), session.toString());
        assertArrayEquals(picture, Files.readAllBytes(IntegrationTestSettings.mediaDir().resolve("import_files/" + prefix + "/p.jpg")));
        // and the session page shows the pictures table, in both languages
        browser.get(RunningApplication.baseUri().resolve("admin/session?id=" + id).toString());
        String table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".picture-report"))).getText();
        assertTrue(table.contains("New") && table.contains("Replaced") && table.contains("Removed"), table);
        ConsoleBrowser.switchLanguage(browser, "ru");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".picture-report"), "Заменены"));
        assertTrue(browser.getPageSource().contains("Картинки (папка медиафайлов)"));
        ConsoleBrowser.switchLanguage(browser, "en");
    }

    private static Path classicFiles() throws IOException {
        Path dir = WORK.resolve("classic");
        if (!Files.exists(dir.resolve("offers.xml"))) {
            DialectPackageWriter.write(dir, DialectPackageWriter.Dialect.CLASSIC, 5, 81);
        }
        return dir;
    }

    private static Path zipOf(Path folder, Path zip) throws IOException {
        Files.createDirectories(zip.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip), StandardCharsets.UTF_8);
             Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(folder.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return zip;
    }

    private static List<Path> uploadFolders() throws IOException {
        if (!Files.isDirectory(UPLOADS)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(UPLOADS)) {
            return folders.sorted().toList();
        }
    }

    private static Connection database() throws SQLException {
        ServiceEndpoints services = BackingServices.forTests();
        return DriverManager.getConnection(services.dbUrl(), services.dbUser(), services.dbPassword());
    }

    private static List<String> query(String sql) throws SQLException {
        try (Connection db = database(); Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void discardPendingUploads() throws SQLException {
        try (Connection db = database(); Statement statement = db.createStatement()) {
            statement.executeUpdate("update package_upload set discarded_at = now(), discarded_by = 'PackageUploadIT'"
                    + " where discarded_at is null");
        }
    }
}
