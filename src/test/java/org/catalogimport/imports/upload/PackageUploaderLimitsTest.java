package org.catalogimport.imports.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.catalogimport.commerceml.Text;
import org.catalogimport.platform.audit.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upload's limits are checked on the sizes the server spooled, before anything is stored: the
 * uploader here has no storage and no database (an attempt to store would fail with another error).
 */
class PackageUploaderLimitsTest {

    private static final Actor ADMIN = Actor.of("admin", "127.0.0.1");

    private final PackageUploader uploader = new PackageUploader();

    private record File(String name, long size) implements PackageUploader.IncomingFile {
        @Override
        public InputStream open() {
            return new ByteArrayInputStream(new byte[0]);
        }
    }

    @BeforeEach
    void limitsOfThreeAndFiveMebibytes() {
        UploadSettings settings = new UploadSettings();
        settings.maxFileBytes = 3L << 20;
        settings.maxTotalBytes = 5L << 20;
        uploader.settings = settings;
    }

    @Test
    void filesEachWithinTheirLimitButTogetherOverTheTotalAreRefusedWithBothSizes() {
        PackageUploader.Refused refused = assertThrows(PackageUploader.Refused.class, () -> uploader.accept(
                List.of(new File("import.xml", 3L << 20), new File("offers.xml", (2L << 20) + 1)), ADMIN));

        assertEquals("upload.refused.totalTooLarge", refused.key());
        // why Text: the page writes sizes in its own language ("5 MiB", «5 МиБ»)
        assertEquals(List.of("5 MiB", "5 MiB"), Stream.of(refused.arguments()).map(a -> ((Text) a).english()).toList());
        assertEquals(List.of("5 МиБ", "5 МиБ"), Stream.of(refused.arguments())
                .map(a -> ((Text) a).in(Locale.forLanguageTag("ru"))).toList());
    }

    @Test
    void aFileOverItsLimitIsRefusedByName() {
        PackageUploader.Refused refused = assertThrows(PackageUploader.Refused.class, () -> uploader.accept(
                List.of(new File("catalog.zip", (3L << 20) + 1)), ADMIN));

        assertEquals("upload.refused.fileTooLarge", refused.key());
        assertEquals("catalog.zip", refused.arguments()[0]);
    }

    @Test
    void theSameNameTwiceAndNothingAtAllAreRefused() {
        assertEquals("upload.refused.twice", assertThrows(PackageUploader.Refused.class, () -> uploader.accept(
                List.of(new File("import.xml", 10), new File("IMPORT.xml", 10)), ADMIN)).key());
        assertEquals("upload.refused.nothing", assertThrows(PackageUploader.Refused.class,
                () -> uploader.accept(List.of(), ADMIN)).key());
    }
}
