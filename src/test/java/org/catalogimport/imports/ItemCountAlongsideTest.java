package org.catalogimport.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.ExchangePackage;
import org.catalogimport.commerceml.PackageLocator;
import org.catalogimport.commerceml.ReadLimits;
import org.catalogimport.dev.DemoPackageWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress total counted beside the import: the same total the package's count gives, known
 * only once counted, and a file of the package never given up for deletion before the count is done
 * with it.
 */
class ItemCountAlongsideTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("counts the package's items on its own thread; nothing is passed or totalled before it ran")
    void countsBesideTheImport() throws Exception {
        // Given the 3.1 demo package, and a thread factory whose threads wait for a signal before they run
        ExchangePackage pkg = new PackageLocator(ReadLimits.defaults()).locate(DemoPackageWriter.write(dir.resolve("p"), 60, 5),
                dir.resolve("work"));
        CountDownLatch go = new CountDownLatch(1);
        ThreadFactory held = task -> new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            task.run();
        });

        // When the count starts
        try (ItemCountAlongside count = new ItemCountAlongside(pkg, held, () -> false)) {
            // Then until it ran there is no total, and no file may be deleted
            assertEquals(OptionalLong.empty(), count.total());
            assertFalse(count.passed(0), "the first file is not counted yet");

            // and once it ran, its total is the package's count, and every file is passed
            go.countDown();
            long expected = new CommerceMlReader().countItems(pkg);
            assertTrue(expected > 60, "products and offers: " + expected);
            assertEquals(OptionalLong.of(expected), count.awaitTotal());
            assertEquals(OptionalLong.of(expected), count.total());
            assertTrue(count.passed(pkg.files().size() - 1));
        }
    }

    @Test
    @DisplayName("a file it cannot read gives no total (the import reports the file) and holds no deletion up")
    void aBrokenFileGivesNoTotal() throws Exception {
        // Given a package whose products file is cut off in the middle of a product
        Path folder = DemoPackageWriter.write(dir.resolve("p"), 20, 3);
        ExchangePackage pkg = new PackageLocator(ReadLimits.defaults()).locate(folder, dir.resolve("work"));
        Path goods = pkg.files().stream().filter(f -> f.relativeName().startsWith("goods/")).findFirst().orElseThrow().path();
        String text = Files.readString(goods, StandardCharsets.UTF_8);
        Files.writeString(goods, text.substring(0, text.indexOf("</Товар>") + 3), StandardCharsets.UTF_8);

        // When counted
        try (ItemCountAlongside count = new ItemCountAlongside(pkg, Thread::new, () -> false)) {
            // Then there is no total, and every file may go once read: nothing else will open it
            assertEquals(OptionalLong.empty(), count.awaitTotal());
            assertTrue(count.passed(pkg.files().size() - 1));
        }
    }

    @Test
    @DisplayName("a cancelled import stops the count: no total")
    void stopsWhenCancelled() throws Exception {
        // Given a package, and an import cancelled before the count began
        ExchangePackage pkg = new PackageLocator(ReadLimits.defaults()).locate(DemoPackageWriter.write(dir.resolve("p"), 20, 3),
                dir.resolve("work"));
        AtomicBoolean cancelled = new AtomicBoolean(true);

        // When counted
        try (ItemCountAlongside count = new ItemCountAlongside(pkg, Thread::new, cancelled::get)) {
            // Then it gives up without a total
            assertEquals(OptionalLong.empty(), count.awaitTotal());
        }
    }
}
