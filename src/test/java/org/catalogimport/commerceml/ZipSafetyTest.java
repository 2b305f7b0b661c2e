package org.catalogimport.commerceml;

import static org.catalogimport.commerceml.TestPackages.NS_3;
import static org.catalogimport.commerceml.TestPackages.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile and oversized zips: each is rejected with a clear reason, and nothing of it stays on disk. */
class ZipSafetyTest {

    private static final byte[] GOODS = document(NS_3, "<Каталог><Товары><Товар><Ид>p</Ид></Товар></Товары></Каталог>")
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path importDir;
    @TempDir
    Path workDir;

    private PackageException locateFails(byte[] zip, ReadLimits limits) throws Exception {
        Zips.write(importDir.resolve("package.zip"), zip);
        return assertThrows(PackageException.class, () -> new PackageLocator(limits).locate(importDir, workDir));
    }

    private void assertNothingUnpacked() throws Exception {
        try (Stream<Path> left = Files.list(workDir)) {
            assertEquals(List.of(), left.toList(), "left behind in the work folder");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../evil.xml", "goods/../../evil.xml", "..\\evil.xml", "/tmp/evil-%s.xml", "C:/evil.xml"})
    @DisplayName("zip slip: an entry that would leave the unpack folder rejects the archive")
    void rejectsEntriesEscapingTheFolder(String entryName) throws Exception {
        // Given a zip with a good file and one whose name climbs out (an absolute path gets a unique name)
        String name = entryName.formatted(UUID.randomUUID());
        byte[] zip = Zips.zip(Zips.entries("goods/goods.xml", GOODS, name, "pwned"));

        // When it is located
        PackageException failure = locateFails(zip, ReadLimits.defaults());

        // Then
        assertEquals("package.zip: the entry \"" + name + "\" points outside the folder it is unpacked into "
                + "(an absolute path or ..); the archive was rejected", failure.getMessage());
        assertFalse(Files.exists(workDir.resolve("evil.xml")));
        assertFalse(Files.exists(workDir.getParent().resolve("evil.xml")));
        if (name.startsWith("/tmp/")) {
            assertFalse(Files.exists(Path.of(name)));
        }
        assertNothingUnpacked();
    }

    @Test
    @DisplayName("an entry that is a symbolic link rejects the archive before anything is written")
    void rejectsSymbolicLinks() throws Exception {
        // Given a zip whose "etc" entry is a Unix symlink (to /etc), followed by a file under it
        byte[] zip = Zips.markSymlink(Zips.zip(Zips.entries("goods/goods.xml", GOODS, "etc", "/etc", "etc/passwd", "pwned")), "etc");

        // When it is located
        PackageException failure = locateFails(zip, ReadLimits.defaults());

        // Then
        assertEquals("package.zip: the archive contains a symbolic link (etc); links could point outside the import "
                + "folder, so nothing was unpacked", failure.getMessage());
        assertNothingUnpacked();
    }

    @Test
    @DisplayName("zip bomb: an entry inflating beyond the ratio is stopped while inflating")
    void stopsHighCompressionRatio() throws Exception {
        // Given 16 MiB of zeros (deflates about 1000:1) next to a normal file
        byte[] zip = Zips.zip(Zips.entries("goods/goods.xml", GOODS, "bomb.xml", new byte[16 << 20]));

        // When it is located with the default ratio limit of 200
        PackageException failure = locateFails(zip, ReadLimits.defaults());

        // Then it stopped one buffer after passing 200 times the entry's compressed size, long before the end
        assertTrue(failure.getMessage().startsWith("package.zip: the entry bomb.xml inflates more than 200 times ("),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("looks like a zip bomb"), failure.getMessage());
        long inflated = Long.parseLong(failure.getMessage().replaceAll(".*\\((\\d+) bytes out of.*", "$1"));
        long compressed = Long.parseLong(failure.getMessage().replaceAll(".* bytes out of (\\d+) compressed.*", "$1"));
        assertTrue(inflated <= 200 * compressed + (64 << 10), inflated + " from " + compressed);
        assertTrue(inflated < 8 << 20, "inflated " + inflated);
        assertNothingUnpacked();
    }

    @Test
    @DisplayName("too many entries: rejected from the central directory, before inflating anything")
    void rejectsTooManyEntries() throws Exception {
        // Given 6 entries and a limit of 5
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            many.put("goods/goods_1_" + i + ".xml", GOODS);
        }

        // When it is located
        PackageException failure = locateFails(Zips.zip(many), new ReadLimits(1 << 30, 5, 1 << 30, 200));

        // Then
        assertEquals("package.zip: the archive has 6 entries, more than the limit of 5; nothing was unpacked", failure.getMessage());
        assertNothingUnpacked();
    }

    @Test
    @DisplayName("total and per-file size limits count the bytes actually inflated")
    void enforcesSizeLimits() throws Exception {
        // Given two files of 600 bytes
        byte[] text = "x".repeat(600).getBytes(StandardCharsets.UTF_8);
        byte[] zip = Zips.zip(Zips.entries("a.xml", text, "b.xml", text));

        // When the total limit is 1000 bytes, then
        assertEquals("package.zip: the archive unpacks to more than 1000 bytes, the limit for a package; unpacking was stopped",
                locateFails(zip, new ReadLimits(1000, 10, 1000, 200)).getMessage());
        assertNothingUnpacked();

        // When the per-file limit is 500 bytes, then
        assertEquals("package.zip: the entry a.xml unpacks to more than 500 bytes, the limit for one file; unpacking was stopped",
                locateFails(zip, new ReadLimits(10_000, 10, 500, 200)).getMessage());
        assertNothingUnpacked();
    }

    @Test
    @DisplayName("a forged header size does not help: limits apply to what is really inflated")
    void ignoresForgedHeaderSizes() throws Exception {
        // Given an entry of 64 KiB whose central directory claims 10 bytes
        byte[] zip = Zips.claimUncompressedSize(Zips.zip(Zips.entries("goods/goods.xml", new byte[64 << 10])), "goods/goods.xml", 10);

        // When the per-file limit is 1000 bytes
        PackageException failure = locateFails(zip, new ReadLimits(1 << 30, 10, 1000, 1_000_000));

        // Then
        assertTrue(failure.getMessage().contains("unpacks to more than 1000 bytes"), failure.getMessage());
        assertNothingUnpacked();
    }

    @Test
    @DisplayName("two entries for the same file (\"a.xml\" and \"./a.xml\") reject the archive")
    void rejectsDuplicateEntries() throws Exception {
        // Given
        byte[] zip = Zips.zip(Zips.entries("a.xml", GOODS, "./a.xml", "<other/>"));

        // When it is located
        PackageException failure = locateFails(zip, ReadLimits.defaults());

        // Then
        assertTrue(failure.getMessage().contains("./a.xml twice"), failure.getMessage());
        assertNothingUnpacked();
    }

    @Test
    @DisplayName("a zip whose XML is malformed fails locating and leaves no unpacked folder behind")
    void removesTheUnpackFolderWhenLocatingFails() throws Exception {
        // Given a well-formed zip holding a broken XML file
        byte[] zip = Zips.zip(Zips.entries("goods/goods.xml", "<КоммерческаяИнформация><Каталог>"));

        // When it is located
        PackageException failure = locateFails(zip, ReadLimits.defaults());

        // Then the error names the file inside the package, and the work folder is empty again
        assertTrue(failure.getMessage().startsWith("goods/goods.xml:1:"), failure.getMessage());
        assertNothingUnpacked();
    }

    @Test
    @DisplayName("a file that is not a zip is reported as such")
    void rejectsNonZip() throws Exception {
        // Given a .zip that is really an XML file
        PackageException failure = locateFails(GOODS, ReadLimits.defaults());

        // Then
        assertTrue(failure.getMessage().startsWith("package.zip: this is not a readable zip archive"), failure.getMessage());
    }
}
