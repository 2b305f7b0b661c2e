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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.exchange.ExchangeBenchmark;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A zip's files are classified while it is unpacked: the package comes with the same files, in the
 * same order and with the same contents, as the unpacked folder located on its own, and a file whose
 * head the scan cannot read refuses the package as the import would, leaving nothing behind.
 */
class UnpackedFilesScanTest {

    @TempDir
    Path dir;

    private final PackageLocator locator = new PackageLocator(ReadLimits.defaults());

    @Test
    @DisplayName("a zipped demo package: classified while unpacking as the folder is located")
    void classifiesWhileUnpacking() throws Exception {
        // Given the 3.1 demo package, as a folder and zipped with its sub-folders as 1C zips it
        Path folder = DemoPackageWriter.write(dir.resolve("package"), 120, 7);
        Path zipDir = Files.createDirectories(dir.resolve("zipped"));
        ExchangeBenchmark.zipFolder(folder, zipDir.resolve("v8_3B8F_3e.zip"));

        // When both are located
        ExchangePackage fromFolder = locator.locate(folder, dir.resolve("work"));
        ExchangePackage fromZip = locator.locate(zipDir, dir.resolve("work"));

        // Then the zip's files are the folder's, in the same order, carrying the same, byte for byte
        long items = new CommerceMlReader().countItems(fromFolder);
        assertTrue(items > 4 * 120, "products, and each offer in offers/, prices/ and rests/: " + items);
        assertEquals(items, new CommerceMlReader().countItems(fromZip));
        assertEquals(describe(fromFolder), describe(fromZip));
        for (int i = 0; i < fromZip.files().size(); i++) {
            assertEquals(-1, Files.mismatch(fromFolder.files().get(i).path(), fromZip.files().get(i).path()));
        }
    }

    @Test
    @DisplayName("a file whose head the scan cannot read refuses the zip with its name and line; nothing stays unpacked")
    void aBrokenFileRefusesThePackage() throws Exception {
        // Given a zip whose goods file is cut off before its first product, in the middle of a tag
        String goods = document(NS_3, "<Каталог><Товары><Товар><Ид>p-1</Ид></Товар><Товар><Ид>p-2</Ид></Товар></Товары></Каталог>");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("goods/goods_1_1_a.xml", goods.substring(0, goods.indexOf("<Товары>") + 4).getBytes(StandardCharsets.UTF_8));
        Path importDir = Files.createDirectories(dir.resolve("import"));
        Zips.write(importDir.resolve("package.zip"), Zips.zip(entries));
        Path work = dir.resolve("work");

        // When it is located
        PackageException refused = assertThrows(PackageException.class, () -> locator.locate(importDir, work));

        // Then the refusal names the file, as the pre-scan of that file would, and the work folder is empty
        assertEquals("goods/goods_1_1_a.xml", refused.file());
        assertTrue(refused.line() > 0, "names the line: " + refused.getMessage());
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    @DisplayName("a cancelled scan leaves the files it did not classify to the locator")
    void aCancelledScanLeavesTheRestToTheLocator() throws Exception {
        // Given a zipped demo package
        Path folder = DemoPackageWriter.write(dir.resolve("package"), 40, 3);
        Path zipDir = Files.createDirectories(dir.resolve("zipped"));
        ExchangeBenchmark.zipFolder(folder, zipDir.resolve("package.zip"));
        AtomicInteger asked = new AtomicInteger();

        // When the import is cancelled as soon as the scan asks
        ExchangePackage pkg = locator.locate(zipDir, dir.resolve("work"), Thread::new, () -> asked.incrementAndGet() > 0);

        // Then the scan stopped, and the package is whole all the same: as the folder is located
        assertTrue(asked.get() > 0);
        assertFalse(pkg.files().isEmpty());
        assertEquals(describe(locator.locate(folder, dir.resolve("work-2"))), describe(pkg));
    }

    private static List<String> describe(ExchangePackage pkg) {
        return pkg.files().stream().map(file -> file.relativeName() + " " + file.contents()).toList();
    }
}
