package org.catalogimport.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkAppenderTest {

    private static final ChunkAppender.Limits GENEROUS = new ChunkAppender.Limits(1L << 30, 1L << 32, 0);

    @TempDir
    Path dir;

    @Test
    void chunksAppendInOrderByteForByte() throws IOException {
        byte[] zip = zipOf(300_000);
        Path file = dir.resolve("sub/v8.zip");
        ChunkAppender appender = new ChunkAppender(GENEROUS);
        for (int from = 0; from < zip.length; from += 7_001) {
            byte[] chunk = Arrays.copyOfRange(zip, from, Math.min(zip.length, from + 7_001));
            assertFalse(appender.append(file, "v8.zip", new ByteArrayInputStream(chunk), 0).restarted(), "chunk at " + from);
        }
        assertArrayEquals(zip, Files.readAllBytes(file));
    }

    @Test
    void aFirstChunkSentAgainRestartsTheFile() throws IOException {
        Path file = dir.resolve("import.xml");
        ChunkAppender appender = new ChunkAppender(GENEROUS);
        appender.append(file, "import.xml", stream("<?xml version=\"1.0\"?><a>old"), 0);
        appender.append(file, "import.xml", stream("</a>"), 0);
        ChunkAppender.Appended again = appender.append(file, "import.xml",
                new ByteArrayInputStream(("\uFEFF<?xml version=\"1.0\"?><a>new</a>").getBytes(StandardCharsets.UTF_8)), 0);
        assertTrue(again.restarted());
        assertEquals("\uFEFF<?xml version=\"1.0\"?><a>new</a>", Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void aZipChunkThatStartsLikeAnotherEntryIsAppendedNotRestarted() throws IOException {
        byte[] zip = zipOf(50_000);
        int second = indexOfSecondLocalHeader(zip);
        Path file = dir.resolve("p.zip");
        ChunkAppender appender = new ChunkAppender(GENEROUS);
        appender.append(file, "p.zip", new ByteArrayInputStream(Arrays.copyOfRange(zip, 0, second)), 0);
        assertFalse(appender.append(file, "p.zip", new ByteArrayInputStream(Arrays.copyOfRange(zip, second, zip.length)), 0)
                .restarted());
        assertArrayEquals(zip, Files.readAllBytes(file));
        assertTrue(appender.append(file, "p.zip", new ByteArrayInputStream(zip), 0).restarted(), "the whole zip sent again");
        assertArrayEquals(zip, Files.readAllBytes(file));
    }

    @Test
    void aBodyOverTheFileLimitIsRefusedAndLeavesTheFileAsItWas() throws IOException {
        Path file = dir.resolve("offers.xml");
        ChunkAppender appender = new ChunkAppender(new ChunkAppender.Limits(100_000, 1L << 32, 0));
        appender.append(file, "offers.xml", new ByteArrayInputStream(new byte[60_000]), 0);
        ExchangeRefused refused = assertThrows(ExchangeRefused.class,
                () -> appender.append(file, "offers.xml", new ByteArrayInputStream(new byte[60_000]), 0));
        assertTrue(refused.getMessage().contains("offers.xml") && refused.getMessage().contains("per file"), refused.getMessage());
        assertEquals(60_000, Files.size(file));
    }

    @Test
    void theExchangeLimitCountsTheOtherFiles() throws IOException {
        ChunkAppender appender = new ChunkAppender(new ChunkAppender.Limits(1L << 30, 100_000, 0));
        ExchangeRefused refused = assertThrows(ExchangeRefused.class,
                () -> appender.append(dir.resolve("rests.xml"), "rests.xml", new ByteArrayInputStream(new byte[30_000]), 80_000));
        assertTrue(refused.getMessage().contains("per exchange"), refused.getMessage());
        assertEquals(0, Files.size(dir.resolve("rests.xml")));
    }

    @Test
    void tooLittleFreeDiskIsRefusedBeforeWriting() {
        ChunkAppender appender = new ChunkAppender(new ChunkAppender.Limits(1L << 30, 1L << 40, Long.MAX_VALUE / 2));
        ExchangeRefused refused = assertThrows(ExchangeRefused.class,
                () -> appender.append(dir.resolve("a.xml"), "a.xml", stream("<?xml?>"), 0));
        assertTrue(refused.getMessage().contains("free disk space"), refused.getMessage());
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] zipOf(int bytesPerEntry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random random = new Random(7);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : new String[]{"goods/goods_1.xml", "offers/offers_1.xml", "import_files/ab/x.jpg"}) {
                zip.putNextEntry(new ZipEntry(name));
                byte[] data = new byte[bytesPerEntry];
                random.nextBytes(data);
                zip.write(data);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static int indexOfSecondLocalHeader(byte[] zip) {
        for (int i = 4; i < zip.length - 4; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4) {
                return i;
            }
        }
        throw new AssertionError("no second entry");
    }
}
