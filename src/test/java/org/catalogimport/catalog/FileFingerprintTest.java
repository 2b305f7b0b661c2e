package org.catalogimport.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import org.catalogimport.commerceml.CatalogVisitor;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.PackageFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file's fingerprint is the same whether it is taken before the file is read or while another
 * reader reads it: the next import compares one with the other to skip the file.
 */
class FileFingerprintTest {

    @TempDir
    Path dir;

    @Test
    void takenWhileReadIsTheFingerprintTakenBefore() throws Exception {
        // Given a file of 200 KB
        byte[] bytes = ("<КоммерческаяИнформация>" + "Товар ".repeat(40_000) + "</КоммерческаяИнформация>\n")
                .getBytes(StandardCharsets.UTF_8);
        PackageFile file = file("import.xml", bytes);

        // When a reader reads it through the tap: byte by byte, in blocks, and skipping
        FileFingerprint.WhileRead taking = new FileFingerprint.WhileRead();
        try (InputStream in = taking.apply(file.open())) {
            assertEquals('<', in.read());
            assertFalse(in.markSupported(), "a byte read again after reset would be summed twice");
            assertEquals(1000, in.readNBytes(1000).length);
            assertEquals(50_000, in.skip(50_000));
            in.transferTo(OutputStream.nullOutputStream());
        }

        // Then it is the SHA-256 of every byte and their count: the fingerprint taken before reading
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + ":" + bytes.length;
        assertEquals(expected, taking.fingerprint().orElseThrow());
        assertEquals(expected, FileFingerprint.of(file).orElseThrow());
    }

    @Test
    void aFileReadOnlyInPartIsNotTakenForTheWholeFile() throws Exception {
        // Given a file of which a reader reads only the head
        byte[] bytes = "<?xml version=\"1.0\"?><a>and more after the head</a>".getBytes(StandardCharsets.UTF_8);
        PackageFile file = file("offers.xml", bytes);
        FileFingerprint.WhileRead taking = new FileFingerprint.WhileRead();
        try (InputStream in = taking.apply(file.open())) {
            in.readNBytes(10);
        }

        // Then there is no fingerprint: a part's would be taken for the file's, and the next import would skip it
        assertTrue(taking.fingerprint().isEmpty(), taking.fingerprint().toString());
    }

    @Test
    void theParserReadsAFileToItsLastByte() throws Exception {
        // Given a CommerceML file with a comment and blank lines after its root element
        byte[] bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_2\" ВерсияСхемы=\"2.05\">"
                + "<Классификатор><Ид>c</Ид><Наименование>Каталог</Наименование></Классификатор>"
                + "</КоммерческаяИнформация>\n<!-- выгружено 1С -->\n" + "\n".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
        PackageFile file = file("import.xml", bytes);

        // When the import's reader reads it with its fingerprint taken on the way
        FileFingerprint.WhileRead taking = new FileFingerprint.WhileRead();
        new CommerceMlReader().read(file, new CatalogVisitor() { }, taking);

        // Then the fingerprint is the whole file's
        assertEquals(FileFingerprint.of(file).orElseThrow(), taking.fingerprint().orElseThrow());
    }

    @Test
    void aFileInWindows1251IsReadToItsLastByteToo() throws Exception {
        // Given a CommerceML file in windows-1251, as older 1C configurations write it (another parser reads it)
        byte[] bytes = ("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n"
                + "<КоммерческаяИнформация ВерсияСхемы=\"2.03\"><Классификатор><Ид>c</Ид><Наименование>Каталог"
                + "</Наименование></Классификатор></КоммерческаяИнформация>\n" + " \n".repeat(10_000))
                .getBytes(Charset.forName("windows-1251"));
        PackageFile file = file("import.xml", bytes);

        // When the import's reader reads it with its fingerprint taken on the way
        FileFingerprint.WhileRead taking = new FileFingerprint.WhileRead();
        new CommerceMlReader().read(file, new CatalogVisitor() { }, taking);

        // Then the fingerprint is the whole file's, and asking again gives the same (not that of nothing)
        assertEquals(FileFingerprint.of(file).orElseThrow(), taking.fingerprint().orElseThrow());
        assertEquals(FileFingerprint.of(file).orElseThrow(), taking.fingerprint().orElseThrow());
    }

    private PackageFile file(String name, byte[] bytes) throws IOException {
        return new PackageFile(Files.write(dir.resolve(name), bytes), name, Set.of());
    }
}
