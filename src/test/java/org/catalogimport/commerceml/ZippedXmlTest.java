package org.catalogimport.commerceml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The XML files of a zip read in place: the bytes as listed when the zip arrived, and nothing else.
 * A read that would give other bytes (a central directory pointing elsewhere than the entries that
 * were checked) fails instead of feeding the import.
 */
class ZippedXmlTest {

    private static final byte[] GOODS = "<КоммерческаяИнформация><Каталог/></КоммерческаяИнформация>"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    @DisplayName("an entry read in place gives its bytes, through the package file as any file on disk")
    void readsTheListedBytes() throws IOException {
        Path zip = Zips.write(dir.resolve("package.zip"), Zips.zip(Zips.entries("goods/goods.xml", GOODS)));
        try (ZippedXml zipped = ZippedXml.open(zip)) {
            PackageFile file = new PackageFile(dir.resolve("unpacked/goods/goods.xml"), "goods/goods.xml", Set.of(),
                    zipped.entry(new ZippedXml.Listed("goods/goods.xml", crc(GOODS), GOODS.length)));
            try (InputStream in = file.open()) {
                assertArrayEquals(GOODS, in.readAllBytes());
            }
        }
    }

    @Test
    @DisplayName("bytes other than those listed when the zip arrived: refused at their end, with the entry named")
    void otherBytesAreRefused() throws IOException {
        Path zip = Zips.write(dir.resolve("package.zip"), Zips.zip(Zips.entries("goods.xml", GOODS)));
        try (ZippedXml zipped = ZippedXml.open(zip)) {
            ZippedXml.Entry listed = zipped.entry(new ZippedXml.Listed("goods.xml", crc(GOODS) ^ 1, GOODS.length));
            IOException refused = assertThrows(IOException.class, () -> {
                try (InputStream in = listed.open()) {
                    in.readAllBytes();
                }
            });
            assertTrue(refused.getMessage().contains("goods.xml"), refused.getMessage());
        }
    }

    @Test
    @DisplayName("an entry that inflates to more bytes than listed is cut off one byte past the listed size")
    void moreBytesThanListedAreRefused() throws IOException {
        Path zip = Zips.write(dir.resolve("package.zip"), Zips.zip(Zips.entries("goods.xml", GOODS)));
        try (ZippedXml zipped = ZippedXml.open(zip)) {
            ZippedXml.Entry listed = zipped.entry(new ZippedXml.Listed("goods.xml", crc(GOODS), 10));
            byte[] buffer = new byte[GOODS.length];
            try (InputStream in = listed.open()) {
                assertEquals(10, in.readNBytes(buffer, 0, 10));
                assertThrows(IOException.class, () -> in.read(buffer, 0, buffer.length));
            }
        }
    }

    @Test
    @DisplayName("an entry no longer in the zip: the file is gone, as for a file on disk")
    void aMissingEntryIsGone() throws IOException {
        Path zip = Zips.write(dir.resolve("package.zip"), Zips.zip(Zips.entries("goods.xml", GOODS)));
        try (ZippedXml zipped = ZippedXml.open(zip)) {
            PackageFile file = new PackageFile(dir.resolve("offers.xml"), "offers.xml", Set.of(),
                    zipped.entry(new ZippedXml.Listed("offers.xml", 0, 0)));
            PackageException gone = assertThrows(PackageException.class, () -> XmlCursor.open(new XmlParsers(), file).close());
            assertEquals("offers.xml: " + PackageRefusal.FILE_GONE.with().english(), gone.text().english());
        }
    }

    @Test
    @DisplayName("a file read in place that is not what was checked: the import refuses it saying so, in Russian too, "
            + "whether its end comes with its head or in the middle of the parse")
    void aChangedFileIsRefusedInBothLanguages() throws IOException {
        for (int products : new int[] {1, 2_000}) {
            byte[] goods = goods(products).getBytes(StandardCharsets.UTF_8);
            Path zip = Zips.write(dir.resolve("package-" + products + ".zip"), Zips.zip(Zips.entries("goods.xml", goods)));
            try (ZippedXml zipped = ZippedXml.open(zip)) {
                PackageFile file = new PackageFile(dir.resolve("goods.xml"), "goods.xml", Set.of(Content.CATALOG),
                        zipped.entry(new ZippedXml.Listed("goods.xml", crc(goods) ^ 1, goods.length)));

                PackageException refused = assertThrows(PackageException.class,
                        () -> new CommerceMlReader().read(file, new RecordingVisitor()));

                assertEquals("goods.xml: " + PackageRefusal.ZIP_ENTRY_CHANGED.with().english(), refused.text().english(),
                        products + " products");
                assertTrue(refused.text().in(Locale.forLanguageTag("ru")).contains("файл в архиве не совпадает с тем, что было проверено"),
                        refused.text().in(Locale.forLanguageTag("ru")));
            }
        }
    }

    private static String goods(int products) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < products; i++) {
            items.append("<Товар><Ид>p-").append(i).append("</Ид><Наименование>Товар ").append(i).append("</Наименование></Товар>");
        }
        return TestPackages.document(TestPackages.NS_3, "<Каталог><Товары>" + items + "</Товары></Каталог>");
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
