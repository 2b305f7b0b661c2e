package org.catalogimport.imports;

import static org.catalogimport.imports.PicturePackage.jpeg;
import static org.catalogimport.imports.PicturePackage.png;
import static org.catalogimport.imports.PicturePackage.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.catalogimport.catalog.DeactivationPolicy;
import org.catalogimport.catalog.media.MediaFolder;
import org.catalogimport.catalog.media.PictureCounts;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.ItemProblem;
import org.catalogimport.commerceml.PackageLocator;
import org.catalogimport.commerceml.ReadLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.catalogimport.testing.RolledBackTransaction;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pictures through the importer's own steps against real PostgreSQL, without an application server
 * (the JTA transaction, the HTTP doors and two nodes are {@code MediaFolderIT}'s): stage while
 * reading, record before the commit, publish after it; every test's rows are rolled back.
 */
class PicturesIT {

    @TempDir
    Path temp;

    @RegisterExtension
    final RolledBackTransaction database = new RolledBackTransaction();

    private Path media;
    private MediaFolder folder;
    private int packages;

    @BeforeEach
    void emptyMediaRecord() throws Exception {
        media = temp.resolve("media");
        folder = new MediaFolder(media);
        try (Statement statement = database.connection().createStatement()) {
            // why: the test database is shared with the HTTP tests' server; this test's media folder starts empty
            statement.execute("DELETE FROM media_file");
            statement.execute("DELETE FROM media_publish");
        }
    }

    private record Imported(ImportRun run, ImportPictures pictures, PictureCounts counts) {
        List<ItemProblem> problems() {
            return run.drainProblems();
        }
    }

    /** Reads the package and records its pictures as the importer does before its commit. */
    private Imported read(PicturePackage pkg, long session, boolean dryRun, long maxBytes) throws Exception {
        Path dir = pkg.writeTo(temp.resolve("package-" + ++packages));
        var exchangePackage = new PackageLocator(ReadLimits.defaults()).locate(dir, temp.resolve("work"));
        ImportPictures pictures = ImportPictures.open(database.connection(), folder, session, dryRun, maxBytes);
        ImportRun run = new ImportRun(database.connection(), 500, new DeactivationPolicy(0.5, true), exchangePackage,
                pictures, Thread::new);
        run.importAll(new CommerceMlReader());
        return new Imported(run, pictures, pictures.prepare(database.connection()));
    }

    /** A committed import: read, record, publish (the test's transaction stands in for the committed one). */
    private Imported importAndPublish(PicturePackage pkg, long session) throws Exception {
        Imported imported = read(pkg, session, false, ImportPictures.DEFAULT_MAX_BYTES);
        imported.pictures().publish(database.connection());
        return imported;
    }

    private String text(String sql) throws Exception {
        try (Statement statement = database.connection().createStatement(); var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    @Test
    void aPictureIsStagedWhileReadingAndAppearsOnlyWhenPublished() throws Exception {
        byte[] picture = jpeg(2_000, 1);
        Imported imported = read(new PicturePackage().product("pic-a", "import_files/ab/a.jpg")
                .product("pic-missing", "import_files/cd/missing.jpg")
                .file("import_files/ab/a.jpg", picture), 101, false, ImportPictures.DEFAULT_MAX_BYTES);

        // before the commit: nothing where the shop looks, the picture waits in the work area
        assertFalse(Files.exists(media.resolve("import_files")), snapshot(media).toString());
        assertEquals(new PictureCounts(1, 0, 0, 1, 0, 0), imported.counts());
        assertEquals("1", text("select count(*) from media_publish where session_id = 101"), "the journal is in the transaction");

        imported.pictures().publish(database.connection());

        assertArrayEquals(picture, Files.readAllBytes(media.resolve("import_files/ab/a.jpg")));
        assertEquals(Map.of("import_files", "folder", "import_files/ab", "folder",
                "import_files/ab/a.jpg", PicturePackage.sha256(picture)), snapshot(media), "no work area left behind");
        assertEquals(PicturePackage.sha256(picture) + " 2000",
                text("select sha256 || ' ' || size from media_file where path = 'import_files/ab/a.jpg'"));
        assertEquals("0", text("select count(*) from media_publish"));
        List<ItemProblem> problems = imported.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("pic-missing", problems.get(0).itemId());
        assertTrue(problems.get(0).reason().contains("image file not found"), problems.toString());
        assertEquals("2", text("select count(*) from product where external_id in ('pic-a', 'pic-missing')"));
    }

    @Test
    void aCheckAndARolledBackImportLeaveTheFolderExactlyAsItWas() throws Exception {
        importAndPublish(new PicturePackage().product("keep", "import_files/k.jpg").file("import_files/k.jpg", jpeg(500, 2)), 102);
        Map<String, String> before = snapshot(media);
        PicturePackage changing = new PicturePackage().full().product("other", "import_files/new.png")
                .file("import_files/new.png", png(700, 3));

        Imported check = read(changing, 103, true, ImportPictures.DEFAULT_MAX_BYTES);
        check.pictures().discard();
        assertEquals(before, snapshot(media), "a check stages nothing and publishes nothing");
        assertEquals(1, check.counts().fresh(), "but says what an import would do");

        // (stamped anew: the check's file states are still in this test's transaction, a real check's are rolled back)
        Imported failed = read(changing.stamped("2024-02-01T00:00:00"), 104, false, ImportPictures.DEFAULT_MAX_BYTES);
        assertTrue(Files.exists(media.resolve(".catalog-import/staging/session-104/import_files/new.png")));
        failed.pictures().discard();
        assertEquals(before, snapshot(media), "a failed or cancelled import's staged pictures are thrown away");
    }

    @Test
    void samePathOtherBytesIsReplacedSameBytesAreNotCopiedAgain() throws Exception {
        importAndPublish(new PicturePackage().product("p", "import_files/p.jpg").file("import_files/p.jpg", jpeg(1_000, 4)), 105);
        Path published = media.resolve("import_files/p.jpg");
        Object inode = Files.getAttribute(published, "unix:ino");

        Imported same = importAndPublish(new PicturePackage().stamped("2024-01-02T00:00:00").product("p", "import_files/p.jpg")
                .file("import_files/p.jpg", jpeg(1_000, 4)), 106);
        assertEquals(new PictureCounts(0, 0, 1, 0, 0, 0), same.counts());
        assertEquals(inode, Files.getAttribute(published, "unix:ino"), "equal bytes: the file was not written");

        byte[] changed = jpeg(1_000, 5);
        Imported replaced = importAndPublish(new PicturePackage().stamped("2024-01-03T00:00:00").product("p", "import_files/p.jpg")
                .file("import_files/p.jpg", changed), 107);
        assertEquals(new PictureCounts(0, 1, 0, 0, 0, 0), replaced.counts());
        assertArrayEquals(changed, Files.readAllBytes(published), "same name, same size, other bytes: replaced");
    }

    @Test
    void aPictureNoProductNamesAnyMoreIsRemovedAndSoIsAStrayFile() throws Exception {
        importAndPublish(new PicturePackage().product("q", "import_files/q_1.jpg").product("r", "import_files/r.jpg")
                .file("import_files/q_1.jpg", jpeg(300, 6)).file("import_files/r.jpg", jpeg(300, 7)), 108);
        Files.writeString(media.resolve("stray.txt"), "left by someone");

        // 1C gave q's changed picture a new name; r is not in this partial exchange and keeps its picture
        Imported renamed = importAndPublish(new PicturePackage().stamped("2024-01-02T00:00:00")
                .product("q", "import_files/q_2.jpg").file("import_files/q_2.jpg", jpeg(300, 8)), 109);

        assertEquals(new PictureCounts(1, 0, 0, 0, 0, 2), renamed.counts());
        assertEquals(Map.of("import_files", "folder", "import_files/q_2.jpg", PicturePackage.sha256(jpeg(300, 8)),
                "import_files/r.jpg", PicturePackage.sha256(jpeg(300, 7))), snapshot(media));
        assertEquals("0", text("select count(*) from media_file where path = 'import_files/q_1.jpg'"));
    }

    @Test
    void hostileOrBrokenPicturesAreWarningsAndNotCopiedTheProductKeepsItsData() throws Exception {
        Imported imported = read(new PicturePackage()
                .product("escape", "../../outside.jpg")
                .product("absolute", "/etc/passwd")
                .product("text", "import_files/fake.jpg")
                .product("huge", "import_files/huge.jpg")
                .product("work", ".catalog-import/staging/x.jpg")
                .product("fine", "import_files/fine.gif")
                .file("import_files/fake.jpg", "<html>not a picture</html>".getBytes(StandardCharsets.UTF_8))
                .file("import_files/huge.jpg", jpeg(5_000, 9))
                .file("import_files/fine.gif", "GIF89a-a-tiny-gif".getBytes(StandardCharsets.US_ASCII)), 110, false, 4_096);
        imported.pictures().publish(database.connection());

        assertEquals(new PictureCounts(1, 0, 0, 0, 5, 0), imported.counts());
        assertEquals(Map.of("import_files", "folder", "import_files/fine.gif",
                PicturePackage.sha256("GIF89a-a-tiny-gif".getBytes(StandardCharsets.US_ASCII))), snapshot(media));
        List<String> reasons = imported.problems().stream().map(p -> p.itemId() + ": " + p.reason()).sorted().toList();
        assertEquals(5, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("absolute: image path leaves the media folder"), reasons.toString());
        assertTrue(reasons.get(1).startsWith("escape: image path leaves the media folder"), reasons.toString());
        assertTrue(reasons.get(2).startsWith("huge: image import_files/huge.jpg is 5,000 bytes, over the limit of 4,096"), reasons.toString());
        assertTrue(reasons.get(3).startsWith("text: image import_files/fake.jpg is not a picture"), reasons.toString());
        assertTrue(reasons.get(4).startsWith("work: image path leaves the media folder"), reasons.toString());
        assertEquals("6", text("select count(*) from product where external_id in ('escape', 'absolute', 'text', 'huge', 'work', 'fine')"));
        assertEquals("{../../outside.jpg}", text("select images::text from product where external_id = 'escape'"));
    }

    @Test
    void aPublishInterruptedAfterTheCommitIsFinishedAndUncommittedStagingIsDiscarded() throws Exception {
        // Given an import that committed (journal row) and died after moving one of its two pictures,
        Imported committed = read(new PicturePackage().product("s", "import_files/s1.jpg", "import_files/s2.jpg")
                .file("import_files/s1.jpg", jpeg(400, 10)).file("import_files/s2.jpg", jpeg(400, 11)), 111, false,
                ImportPictures.DEFAULT_MAX_BYTES);
        Path staged = media.resolve(".catalog-import/staging/session-111/import_files/s1.jpg");
        Files.createDirectories(media.resolve("import_files"));
        Files.move(staged, media.resolve("import_files/s1.jpg"));
        // and an import that staged a picture and never committed (no journal row)
        Files.createDirectories(media.resolve(".catalog-import/staging/session-112/import_files"));
        Files.write(media.resolve(".catalog-import/staging/session-112/import_files/never.jpg"), jpeg(100, 12));

        // When the next import recovers before it starts
        String done = ImportPictures.recover(database.connection(), folder);

        // Then the committed publish is complete, the other is gone, and nothing else is there
        assertEquals("finished the publish of import(s) [111], discarded the staged pictures of import(s) [112]", done);
        assertEquals(Map.of("import_files", "folder", "import_files/s1.jpg", PicturePackage.sha256(jpeg(400, 10)),
                "import_files/s2.jpg", PicturePackage.sha256(jpeg(400, 11))), snapshot(media));
        assertEquals("0", text("select count(*) from media_publish"));
        assertEquals(new PictureCounts(2, 0, 0, 0, 0, 0), committed.counts());
    }
}
