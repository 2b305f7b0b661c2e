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
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.exchange.ExchangeBenchmark;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A zip's files are classified and their items counted while it is unpacked: the package comes with
 * exactly the count the pre-scan of the unpacked folder gives, the same files in the same order, and
 * a file the scan cannot read refuses the package as the import would, leaving nothing behind.
 */
class UnpackedFilesScanTest {

    @TempDir
    Path dir;

    private final PackageLocator locator = new PackageLocator(ReadLimits.defaults());

    @Test
    @DisplayName("a zipped demo package: the count made while unpacking equals the pre-scan of the folder")
    void countsWhileUnpacking() throws Exception {
        // Given the 3.1 demo package, as a folder and zipped with its sub-folders as 1C zips it
        Path folder = DemoPackageWriter.write(dir.resolve("package"), 120, 7);
        Path zipDir = Files.createDirectories(dir.resolve("zipped"));
        ExchangeBenchmark.zipFolder(folder, zipDir.resolve("v8_3B8F_3e.zip"));

        // When both are located
        ExchangePackage fromFolder = locator.locate(folder, dir.resolve("work"));
        ExchangePackage fromZip = locator.locate(zipDir, dir.resolve("work"));

        // Then the zip's package is counted already, exactly as the pre-scan counts either package
        long preScan = new CommerceMlReader().countItems(fromFolder);
        assertTrue(preScan > 4 * 120, "products, and each offer in offers/, prices/ and rests/: " + preScan);
        assertEquals(OptionalLong.of(preScan), fromZip.items());
        assertEquals(preScan, new CommerceMlReader().countItems(fromZip));
        assertEquals(OptionalLong.empty(), fromFolder.items(), "a folder is counted by the pre-scan");
        // and its files are the folder's, in the same order, with the same contents, byte for byte
        assertEquals(describe(fromFolder), describe(fromZip));
        for (int i = 0; i < fromZip.files().size(); i++) {
            assertEquals(-1, Files.mismatch(fromFolder.files().get(i).path(), fromZip.files().get(i).path()));
        }
    }

    @Test
    @DisplayName("a file the scan cannot read refuses the zip with its name and line; nothing stays unpacked")
    void aBrokenFileRefusesThePackage() throws Exception {
        // Given a zip whose goods file is cut off in the middle
        String goods = document(NS_3, "<Каталог><Товары><Товар><Ид>p-1</Ид></Товар><Товар><Ид>p-2</Ид></Товар></Товары></Каталог>");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("goods/goods_1_1_a.xml", goods.substring(0, goods.indexOf("<Товар><Ид>p-2")).getBytes(StandardCharsets.UTF_8));
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
    @DisplayName("a cancelled scan leaves the count to the pre-scan (which stops at once too)")
    void aCancelledScanGivesNoCount() throws Exception {
        // Given a zipped demo package
        Path folder = DemoPackageWriter.write(dir.resolve("package"), 40, 3);
        Path zipDir = Files.createDirectories(dir.resolve("zipped"));
        ExchangeBenchmark.zipFolder(folder, zipDir.resolve("package.zip"));
        AtomicInteger asked = new AtomicInteger();

        // When the import is cancelled as soon as the scan asks
        ExchangePackage pkg = locator.locate(zipDir, dir.resolve("work"), Thread::new, () -> asked.incrementAndGet() > 0);

        // Then the package is there, uncounted, and the scan stopped
        assertFalse(pkg.files().isEmpty());
        assertEquals(OptionalLong.empty(), pkg.items());
        assertTrue(asked.get() > 0);
    }

    private static List<String> describe(ExchangePackage pkg) {
        return pkg.files().stream().map(file -> file.relativeName() + " " + file.contents()).toList();
    }
}
