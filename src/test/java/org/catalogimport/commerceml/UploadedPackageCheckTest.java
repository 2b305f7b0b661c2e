package org.catalogimport.commerceml;

import static org.catalogimport.commerceml.TestPackages.NS_2;
import static org.catalogimport.commerceml.TestPackages.NS_3;
import static org.catalogimport.commerceml.TestPackages.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check an upload passes before it is stored: CommerceML or not, the importer's zip rules
 * (escaping entries, links, bombs, entry count) without anything written, and file names.
 */
class UploadedPackageCheckTest {

    private static final String GOODS = document(NS_3, "<Каталог СодержитТолькоИзменения=\"false\"><Товары><Товар><Ид>p</Ид>"
            + "<Наименование>P</Наименование></Товар></Товары></Каталог>");
    private static final String OFFERS = document(NS_2, "<ПакетПредложений><Предложения><Предложение><Ид>p</Ид>"
            + "</Предложение></Предложения></ПакетПредложений>");

    @TempDir
    Path upload;

    private final UploadedPackageCheck check = new UploadedPackageCheck(ReadLimits.defaults());

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private PackageException refused(UploadedPackageCheck with) {
        return assertThrows(PackageException.class, () -> with.check(upload));
    }

    private PackageException refused() {
        return refused(check);
    }

    @Test
    void separateCommerceMlFilesAreAcceptedWithTheirPreview() throws Exception {
        Files.writeString(upload.resolve("import.xml"), GOODS);
        Files.writeString(upload.resolve("offers.xml"), OFFERS);

        PackagePreview preview = check.check(upload);

        assertEquals(2, preview.xmlFiles());
        assertEquals(List.of("CommerceML 2.x"), preview.layouts());
        assertEquals(Optional.of(true), preview.fullExchange());
    }

    @Test
    void aZipOfCommerceMlIsAcceptedAndNothingIsUnpacked() throws Exception {
        Zips.write(upload.resolve("package.zip"), Zips.zip(Map.of("goods/goods_1.xml", utf8(GOODS))));

        PackagePreview preview = check.check(upload);

        assertTrue(preview.zip());
        assertEquals(1, preview.xmlFiles());
        try (Stream<Path> left = Files.list(upload)) {
            assertEquals(List.of(upload.resolve("package.zip")), left.toList(), "only the zip, nothing unpacked beside it");
        }
    }

    @Test
    void xmlThatIsNotCommerceMlIsRefusedNamingTheFile() throws Exception {
        Files.writeString(upload.resolve("invoice.xml"), "<?xml version=\"1.0\"?><Invoice><Total>1</Total></Invoice>");

        PackageException e = refused();

        assertTrue(e.getMessage().startsWith("invoice.xml: none of its XML files is a CommerceML catalog"), e.getMessage());
    }

    @Test
    void aZipWithoutCommerceMlIsRefused() throws Exception {
        Zips.write(upload.resolve("photos.zip"), Zips.zip(Map.of("a.txt", utf8("hello"))));

        assertTrue(refused().getMessage().contains("there is no XML file in it"), refused().getMessage());
    }

    @Test
    void brokenXmlIsRefusedWithItsLine() throws Exception {
        Files.writeString(upload.resolve("import.xml"), "<?xml version=\"1.0\"?>\n<КоммерческаяИнформация>\n<Каталог <");

        PackageException e = refused();

        assertEquals("import.xml", e.file());
        assertEquals(3, e.line());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.xml", "/etc/evil.xml", "C:/evil.xml", "a/../../evil.xml"})
    void aZipWhoseEntryEscapesTheFolderIsRefused(String name) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("import.xml", utf8(GOODS));
        entries.put(name, utf8(GOODS));
        Zips.write(upload.resolve("package.zip"), Zips.zip(entries));

        assertTrue(refused().getMessage().contains("points outside the folder"), refused().getMessage());
    }

    @Test
    void aZipBombIsRefusedByTheBytesActuallyInflated() throws Exception {
        byte[] spaces = new byte[64 << 20];
        Arrays.fill(spaces, (byte) ' ');
        byte[] bomb = Zips.claimUncompressedSize(Zips.zip(Map.of("import.xml", spaces)), "import.xml", 10);
        Zips.write(upload.resolve("package.zip"), bomb);

        assertTrue(refused().getMessage().contains("zip bomb"), refused().getMessage());
    }

    @Test
    void aZipWithTooManyEntriesIsRefused() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            entries.put("f" + i + ".xml", utf8(GOODS));
        }
        Zips.write(upload.resolve("package.zip"), Zips.zip(entries));

        PackageException e = refused(new UploadedPackageCheck(new ReadLimits(1L << 30, 10, 1L << 30, 200)));

        assertTrue(e.getMessage().contains("11 entries, more than the limit of 10"), e.getMessage());
    }

    @Test
    void aZipWithASymbolicLinkIsRefused() throws Exception {
        Zips.write(upload.resolve("package.zip"), Zips.markSymlink(Zips.zip(Map.of("import.xml", utf8("/etc/passwd"))), "import.xml"));

        assertTrue(refused().getMessage().contains("symbolic link"), refused().getMessage());
    }

    @Test
    void aZipMustComeAlone() throws Exception {
        Zips.write(upload.resolve("package.zip"), Zips.zip(Map.of("import.xml", utf8(GOODS))));
        Files.writeString(upload.resolve("offers.xml"), OFFERS);

        assertTrue(refused().getMessage().contains("a zip must be uploaded alone"), refused().getMessage());
    }

    @Test
    void fileNamesAreReducedToASafeLastSegment() throws Exception {
        assertEquals("import.xml", UploadedPackageCheck.safeName("C:\\Users\\1c\\import.xml"));
        assertEquals("Пакет 1.ZIP", UploadedPackageCheck.safeName("/home/x/Пакет 1.ZIP"));
        for (String bad : new String[] {"..", "", "run.sh", "import.xml\u0000.exe", "a\nb.xml", "photo.jpg"}) {
            assertThrows(PackageException.class, () -> UploadedPackageCheck.safeName(bad), bad);
        }
    }
}
