package org.catalogimport.commerceml;

import static org.catalogimport.commerceml.PackageLocatorTest.GOODS;
import static org.catalogimport.commerceml.PackageLocatorTest.OFFERS;
import static org.catalogimport.commerceml.TestPackages.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's package panel ({@link PackageInspector}) and the import ({@link PackageLocator})
 * look at the same folder through {@link PackageFolder}: the panel names the zip the import reads,
 * counts the XML files it reads, and refuses what it refuses. Before, the two had their own rules
 * for links and the newest zip, and the panel's fingerprint could name another package.
 */
class PanelNamesWhatTheImportReadsTest {

    private static final FileTime NOON = FileTime.from(Instant.parse("2026-12-01T12:00:00Z"));
    private static final FileTime LATER = FileTime.from(Instant.parse("2026-12-01T13:00:00Z"));

    @TempDir
    Path workDir;

    private final PackageInspector inspector = new PackageInspector();
    private final PackageLocator locator = new PackageLocator(ReadLimits.defaults());

    @Test
    @DisplayName("several zips: the panel names the newest, the one the import unpacks; the others are ignored")
    void severalZips() throws Exception {
        Path importDir = Files.createDirectories(workDir.resolve("import"));
        zip(importDir.resolve("b-newest.zip"), LATER);
        zip(importDir.resolve("a-older.zip"), NOON);
        zip(importDir.resolve("c-older.zip"), NOON);

        assertEquals(importDir.resolve("b-newest.zip").toString(), inspector.inspect(importDir).location());
        assertEquals(List.of("a-older.zip", "c-older.zip"), locator.locate(importDir, workDir.resolve("work")).ignored());
    }

    @Test
    @DisplayName("zips of the same time: both take the last name")
    void tiesGoToTheLastName() throws Exception {
        Path importDir = Files.createDirectories(workDir.resolve("import"));
        zip(importDir.resolve("export-1.zip"), NOON);
        zip(importDir.resolve("export-2.zip"), NOON);

        assertEquals(importDir.resolve("export-2.zip").toString(), inspector.inspect(importDir).location());
        assertEquals(List.of("export-1.zip"), locator.locate(importDir, workDir.resolve("work")).ignored());
    }

    @Test
    @DisplayName("a link to a zip directly in the import folder is a zip for both, with its target's time")
    void aLinkedZip() throws Exception {
        Path importDir = Files.createDirectories(workDir.resolve("import"));
        zip(importDir.resolve("old.zip"), NOON);
        Path elsewhere = zip(workDir.resolve("exports/today.zip"), LATER);
        Files.createSymbolicLink(importDir.resolve("today.zip"), elsewhere);

        PackagePreview preview = inspector.inspect(importDir);
        assertEquals(importDir.resolve("today.zip").toString(), preview.location());
        assertEquals(2, preview.xmlFiles());
        ExchangePackage read = locator.locate(importDir, workDir.resolve("work"));
        assertEquals(List.of("old.zip"), read.ignored());
        assertEquals(2, read.files().size());
    }

    @Test
    @DisplayName("links in a folder package: the panel counts the files the import reads, not a link to nothing or a loop")
    void linksInAFolder() throws Exception {
        Path mounted = workDir.resolve("mounted-goods");
        write(mounted, "goods.xml", GOODS);
        write(mounted, "more/offers.xml", OFFERS);
        Files.createSymbolicLink(mounted.resolve("offers-link.xml"), mounted.resolve("more/offers.xml"));
        Files.createSymbolicLink(mounted.resolve("more/loop"), mounted);
        Path importDir = Files.createDirectories(workDir.resolve("import"));
        Files.createSymbolicLink(importDir.resolve("goods"), mounted);
        Files.createSymbolicLink(importDir.resolve("gone.xml"), workDir.resolve("no-such-file.xml"));

        PackagePreview preview = inspector.inspect(importDir);
        ExchangePackage read = locator.locate(importDir, workDir.resolve("work"));

        assertEquals(read.files().size(), preview.xmlFiles());
        assertEquals(3, preview.xmlFiles());
        assertEquals(Optional.empty(), read.ignored().stream().filter(n -> n.endsWith("offers.xml")).findAny());
    }

    @Test
    @DisplayName("a link that leads out of its package: both refuse it, with the same words")
    void anEscapingLink() throws Exception {
        Path secret = write(workDir, "outside/passwd.xml", GOODS);
        Path importDir = Files.createDirectories(workDir.resolve("import"));
        write(importDir, "goods/goods.xml", GOODS);
        Files.createSymbolicLink(importDir.resolve("goods/passwd.xml"), secret);

        PackageException panel = assertThrows(PackageException.class, () -> inspector.inspect(importDir));
        PackageException read = assertThrows(PackageException.class, () -> locator.locate(importDir, workDir.resolve("work")));
        assertEquals(read.getMessage(), panel.getMessage());
    }

    @Test
    @DisplayName("the fingerprint changes when a file the import reads changes, and only then")
    void theFingerprintFollowsTheFilesRead() throws Exception {
        Path importDir = Files.createDirectories(workDir.resolve("import"));
        write(importDir, "import.xml", GOODS);
        String first = inspector.inspect(importDir).fingerprint();
        assertEquals(first, inspector.inspect(importDir).fingerprint());

        Files.createSymbolicLink(importDir.resolve("gone.xml"), workDir.resolve("no-such-file.xml"));
        assertEquals(first, inspector.inspect(importDir).fingerprint(), "a link to nothing is read by neither");

        write(importDir, "offers.xml", OFFERS);
        assertEquals(2, locator.locate(importDir, workDir.resolve("work")).files().size());
        assertNotEquals(first, inspector.inspect(importDir).fingerprint());
    }

    private static Path zip(Path file, FileTime time) throws IOException {
        Files.createDirectories(file.getParent());
        Zips.write(file, Zips.zip(Map.of("import.xml", GOODS.getBytes(StandardCharsets.UTF_8),
                "offers.xml", OFFERS.getBytes(StandardCharsets.UTF_8))));
        Files.setLastModifiedTime(file, time);
        return file;
    }
}
