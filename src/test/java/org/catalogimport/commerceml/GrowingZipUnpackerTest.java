package org.catalogimport.commerceml;

import static org.awaitility.Awaitility.await;
import static org.catalogimport.commerceml.TestPackages.NS_3;
import static org.catalogimport.commerceml.TestPackages.document;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.exchange.ExchangeBenchmark;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A zip unpacked while its parts are still being appended: the result is exactly what the import's
 * own unpacking gives, counted; and whatever is not as expected (a bomb, an escaping name, a file
 * sent again from its start, a central directory that disagrees, a link, a zip that never ends) makes
 * it give up with nothing left, so that the import unpacks (and refuses) the zip itself.
 */
class GrowingZipUnpackerTest {

    private static final Duration IDLE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    /** The unpacking of {@code zip} into {@code dir/ahead}, running on a thread of its own. */
    private record Running(GrowingZipUnpacker unpacker, CompletableFuture<Optional<UnpackedZip>> result, Path target) {

        Optional<UnpackedZip> lastPartArrived() throws Exception {
            unpacker.lastPartArrived();
            return result.get(1, TimeUnit.MINUTES);
        }
    }

    private Running start(Path zip, ReadLimits limits) {
        Path target = dir.resolve("ahead");
        GrowingZipUnpacker unpacker = new GrowingZipUnpacker(limits, zip, target, IDLE);
        return new Running(unpacker, CompletableFuture.supplyAsync(unpacker::unpack), target);
    }

    private static void append(Path file, byte[] bytes, int from, int to) throws IOException {
        Files.write(file, Arrays.copyOfRange(bytes, from, to), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    @DisplayName("a demo package arriving in parts: unpacked before the last part, then byte for byte and counted as the import's unpacking")
    void unpacksWhileThePartsArrive() throws Exception {
        // Given a zipped 3.1 demo package, and its first part written
        Path folder = DemoPackageWriter.write(dir.resolve("package"), 150, 5);
        ExchangeBenchmark.zipFolder(folder, dir.resolve("source.zip"));
        byte[] zip = Files.readAllBytes(dir.resolve("source.zip"));
        Path incoming = dir.resolve("incoming/v8_3B8F_3e.zip");
        Files.createDirectories(incoming.getParent());
        int part = zip.length / 4;
        append(incoming, zip, 0, part);

        // When the unpacking starts, and the other parts arrive only once it has written files
        Running running = start(incoming, ReadLimits.defaults());
        await().atMost(Duration.ofMinutes(1)).until(() -> files(running.target()) > 0);
        for (int at = part; at < zip.length; at += part) {
            append(incoming, zip, at, Math.min(zip.length, at + part));
        }
        // and an import takes the file (renamed into its batch folder) after the last part
        Path batch = Files.createDirectories(dir.resolve("batch-1")).resolve("v8_3B8F_3e.zip");
        Files.move(incoming, batch);
        Optional<UnpackedZip> unpacked = running.lastPartArrived();

        // Then it is the batch's zip, unpacked exactly as the import unpacks it, and classified as the locator classifies it
        assertTrue(unpacked.isPresent(), "gave up: " + running.unpacker().gaveUpBecause());
        assertTrue(unpacked.get().isOf(batch, ReadLimits.defaults()));
        ExchangePackage own = new PackageLocator(ReadLimits.defaults()).locate(batch.getParent(), dir.resolve("work"));
        ExchangePackage ahead = new PackageLocator(ReadLimits.defaults()).locate(batch.getParent(), dir.resolve("work-2"),
                Thread::new, () -> false, (zip1, stop) -> unpacked);
        assertSameFiles(own, ahead, "");
        assertEquals(own.files().stream().map(PackageFile::contents).toList(),
                ahead.files().stream().map(PackageFile::contents).toList(), "classified as the locator classifies");
        // and the locator moved the files into its work folder: nothing is left where they were unpacked
        assertFalse(Files.exists(running.target()));
        assertTrue(ahead.root().startsWith(dir.resolve("work-2")));
    }

    @Test
    @DisplayName("the import's thread unpacks from the end until it meets the unpacker: together, byte for byte the import's unpacking")
    void theImportHelpsFromTheEnd() throws Exception {
        // Given a zipped demo package of which only the first quarter has arrived, and the unpacking following it
        Path folder = DemoPackageWriter.write(dir.resolve("package"), 150, 9);
        Path complete = dir.resolve("complete/v8_3B8F_3e.zip");
        Files.createDirectories(complete.getParent());
        ExchangeBenchmark.zipFolder(folder, complete);
        byte[] zip = Files.readAllBytes(complete);
        Path incoming = dir.resolve("incoming/v8_3B8F_3e.zip");
        Files.createDirectories(incoming.getParent());
        append(incoming, zip, 0, zip.length / 4);
        Running running = start(incoming, ReadLimits.defaults());
        await().atMost(Duration.ofMinutes(1)).until(() -> files(running.target()) > 0);

        // When the import, with the whole zip at hand, helps while the unpacker still waits for the rest of its bytes
        int helped = running.unpacker().helpFromTheEnd(complete, () -> false);
        // and the rest then reaches the unpacker
        append(incoming, zip, zip.length / 4, zip.length);
        Optional<UnpackedZip> unpacked = running.lastPartArrived();

        // Then the import unpacked the entries past the first quarter, and the whole is the import's own unpacking
        int entries;
        try (ZipFile listed = new ZipFile(complete.toFile())) {
            entries = listed.size();
        }
        assertTrue(unpacked.isPresent(), "gave up: " + running.unpacker().gaveUpBecause());
        assertTrue(helped > entries / 2 && helped < entries, helped + " of " + entries + " entries helped");
        ExchangePackage own = new PackageLocator(ReadLimits.defaults()).locate(complete.getParent(), dir.resolve("work"));
        ExchangePackage ahead = new PackageLocator(ReadLimits.defaults()).locate(incoming.getParent(), dir.resolve("work-2"),
                Thread::new, () -> false, (zip1, stop) -> unpacked);
        assertTrue(ahead.root().startsWith(dir.resolve("work-2")), "the files unpacked ahead were taken");
        assertSameFiles(own, ahead, "");
    }

    @Test
    @DisplayName("the unpacker and the import's help running at once, meeting wherever they meet: every time the import's own unpacking")
    void bothEndsAtOnce() throws Exception {
        // Given a zipped demo package, and the import's own unpacking of it
        Path folder = DemoPackageWriter.write(dir.resolve("package"), 80, 13);
        Path complete = dir.resolve("complete/v8_3B8F_3e.zip");
        Files.createDirectories(complete.getParent());
        ExchangeBenchmark.zipFolder(folder, complete);
        byte[] zip = Files.readAllBytes(complete);
        ExchangePackage own = new PackageLocator(ReadLimits.defaults()).locate(complete.getParent(), dir.resolve("work"));
        for (int round = 0; round < 6; round++) {
            // When the unpacker follows the zip from its first bytes, and the rest arrives while the import
            // helps from the end on another thread (where they meet differs from round to round)
            Path incoming = Files.createDirectories(dir.resolve("incoming-" + round)).resolve("v8_3B8F_3e.zip");
            int first = zip.length / (2 + round);
            append(incoming, zip, 0, first);
            Path target = dir.resolve("ahead-" + round);
            GrowingZipUnpacker unpacker = new GrowingZipUnpacker(ReadLimits.defaults(), incoming, target, IDLE);
            CompletableFuture<Optional<UnpackedZip>> front = CompletableFuture.supplyAsync(unpacker::unpack);
            await().atMost(Duration.ofMinutes(1)).until(() -> files(target) > 0);
            CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(() -> unpacker.helpFromTheEnd(complete, () -> false));
            append(incoming, zip, first, zip.length);
            unpacker.lastPartArrived();
            Optional<UnpackedZip> unpacked = front.get(1, TimeUnit.MINUTES);
            int helped = tail.get(1, TimeUnit.MINUTES);

            // Then the whole is, byte for byte, the import's own unpacking
            assertTrue(unpacked.isPresent(), "round " + round + ", " + helped + " helped, gave up: " + unpacker.gaveUpBecause());
            ExchangePackage ahead = new PackageLocator(ReadLimits.defaults()).locate(incoming.getParent(),
                    dir.resolve("work-" + round), Thread::new, () -> false, (zip1, stop) -> unpacked);
            assertSameFiles(own, ahead, "round " + round + ": ");
        }
    }

    @Test
    @DisplayName("an entry the import's thread refuses from the end makes the whole unpacking give up, nothing left")
    void aRefusedTailEntryGivesUp() throws Exception {
        // Given a zip whose last entry climbs out of the folder, its first bytes arrived, and the unpacking following it
        Path complete = Zips.write(dir.resolve("complete/package.zip"),
                Zips.zip(Zips.entries("goods.xml", goods(4_000), "../evil.xml", "<x/>")));
        byte[] zip = Files.readAllBytes(complete);
        Path incoming = dir.resolve("incoming/package.zip");
        Files.createDirectories(incoming.getParent());
        append(incoming, zip, 0, 2_000);
        Running running = start(incoming, ReadLimits.defaults());
        await().atMost(Duration.ofMinutes(1)).until(() -> running.unpacker().bytesFollowed() > 0);

        // When the import helps from the end, and then the rest arrives
        int helped = running.unpacker().helpFromTheEnd(complete, () -> false);
        append(incoming, zip, 2_000, zip.length);

        // Then the escaping entry was never written, and the unpacking gave up with nothing left (the import refuses the zip itself)
        assertEquals(0, helped);
        assertFalse(Files.exists(dir.resolve("evil.xml")));
        assertGaveUp(running, "../evil.xml");
    }

    @Test
    @DisplayName("once the unpacker has given up, the import's help writes nothing: the folder stays deleted")
    void noHelpAfterTheUnpackerGaveUp() throws Exception {
        // Given a zip whose first entry climbs out of the folder, so that the unpacker gives up at once
        Path zip = Zips.write(dir.resolve("incoming/package.zip"),
                Zips.zip(Zips.entries("../evil.xml", "<x/>", "goods.xml", goods(3), "more.xml", goods(2))));
        Running running = start(zip, ReadLimits.defaults());
        assertGaveUp(running, "../evil.xml");

        // When the import then offers its help from the end
        int helped = running.unpacker().helpFromTheEnd(zip, () -> false);

        // Then it unpacks nothing, and nothing is written where the unpacking was
        assertEquals(0, helped);
        assertFalse(Files.exists(running.target()), "nothing written after the unpacker gave up");
    }

    @Test
    @DisplayName("a zip that arrived whole before the unpacking began is unpacked too")
    void aCompleteZip() throws Exception {
        Path zip = Zips.write(dir.resolve("incoming/package.zip"), Zips.zip(Zips.entries("goods.xml", goods(3), "import_files/a.jpg", "jpeg")));

        Running running = start(zip, ReadLimits.defaults());
        Optional<UnpackedZip> unpacked = running.lastPartArrived();

        assertTrue(unpacked.isPresent(), "gave up: " + running.unpacker().gaveUpBecause());
        assertEquals("jpeg", Files.readString(running.target().resolve("import_files/a.jpg")));
        assertEquals(Set.of(Content.CATALOG), unpacked.get().classified().get("goods.xml").contents());
    }

    @Test
    @DisplayName("a zip bomb: given up at the limit, nothing left; the import's unpacking then refuses it")
    void aBomb() throws Exception {
        byte[] zeros = new byte[8 << 20];
        Path zip = Zips.write(dir.resolve("incoming/bomb.zip"), Zips.zip(Zips.entries("goods.xml", goods(1), "zeros.xml", zeros)));
        ReadLimits limits = new ReadLimits(20L << 30, 100, 4L << 30, 100);

        Running running = start(zip, limits);

        assertGaveUp(running, "zeros.xml");
        PackageException refused = assertThrows(PackageException.class,
                () -> new PackageLocator(limits).locate(zip.getParent(), dir.resolve("work")));
        assertTrue(refused.getMessage().contains("zip bomb"), refused.getMessage());
    }

    @Test
    @DisplayName("an entry escaping the folder: given up, nothing written outside or left inside")
    void anEscapingEntry() throws Exception {
        Path zip = Zips.write(dir.resolve("incoming/evil.zip"), Zips.zip(Zips.entries("goods.xml", goods(1), "../evil.xml", goods(1))));

        Running running = start(zip, ReadLimits.defaults());

        assertGaveUp(running, "../evil.xml");
        assertFalse(Files.exists(dir.resolve("evil.xml")));
    }

    @Test
    @DisplayName("a link in the central directory: given up")
    void aLink() throws Exception {
        Path zip = Zips.write(dir.resolve("incoming/link.zip"),
                Zips.markSymlink(Zips.zip(Zips.entries("goods.xml", goods(1), "link.xml", "/etc/passwd")), "link.xml"));

        assertGaveUp(start(zip, ReadLimits.defaults()), "link.xml");
    }

    @Test
    @DisplayName("a central directory that disagrees with the entries read: given up")
    void aForgedDirectory() throws Exception {
        byte[] forged = Zips.claimUncompressedSize(Zips.zip(Zips.entries("goods.xml", goods(2))), "goods.xml", 7);
        Path zip = Zips.write(dir.resolve("incoming/forged.zip"), forged);

        assertGaveUp(start(zip, ReadLimits.defaults()), "goods.xml");
    }

    @Test
    @DisplayName("a central directory pointing an XML file at a local header hidden inside a picture: given up on, nothing left")
    void aDirectoryPointingAtAHiddenEntryGivesUp() throws Exception {
        // Given a stored picture whose bytes are a whole local entry goods.xml of other products, of the same size,
        byte[] listed = goods(3).getBytes(StandardCharsets.UTF_8);
        byte[] hiddenEntry = stored("goods.xml", goods(3).replace("p-", "h-"));
        byte[] picture = Arrays.copyOf(hiddenEntry, 30 + "goods.xml".length() + listed.length);
        // and after it the real goods.xml, which the central directory lists, but points at the hidden one
        byte[] zip = Zips.pointAt(stored("pic.jpg", picture, "goods.xml", listed), "goods.xml", 30 + "pic.jpg".length());
        Path incoming = Zips.write(dir.resolve("incoming/hidden.zip"), zip);

        // When it is unpacked ahead, its last part there
        Running running = start(incoming, ReadLimits.defaults());

        // Then the unpacking gave up (its import unpacks and judges the zip itself), nothing left
        assertGaveUp(running, "central directory points at " + (30 + "pic.jpg".length()) + " for goods.xml");
    }

    @Test
    @DisplayName("an XML file and a folder of the same name: given up on, as the import's own unpacking cannot write both")
    void aFileAndAFolderOfOneNameGiveUp() throws Exception {
        Path incoming = Zips.write(dir.resolve("incoming/both.zip"),
                Zips.zip(Zips.entries("goods.xml", goods(2), "goods.xml/import_files/1.jpg", "jpeg")));

        assertGaveUp(start(incoming, ReadLimits.defaults()), "both a file and a folder: goods.xml/import_files/1.jpg");
    }

    @Test
    @DisplayName("a zip whose last part never completes it: given up once no part comes any more")
    void aZipThatNeverEnds() throws Exception {
        byte[] zip = Zips.zip(Zips.entries("goods.xml", goods(50), "offers.xml", goods(50)));
        Path incoming = dir.resolve("incoming/cut.zip");
        Files.createDirectories(incoming.getParent());
        append(incoming, zip, 0, zip.length - 30);

        assertGaveUp(start(incoming, ReadLimits.defaults()), "central directory");
    }

    @Test
    @DisplayName("a file sent again from its start while it is unpacked: the unpacking of the earlier bytes gives up")
    void aFileSentAgain() throws Exception {
        // Given the first half of a zip, and its unpacking waiting for the rest
        byte[] zip = Zips.zip(Zips.entries("goods.xml", goods(400), "offers.xml", goods(400)));
        Path incoming = dir.resolve("incoming/again.zip");
        Files.createDirectories(incoming.getParent());
        append(incoming, zip, 0, zip.length / 2);
        Running running = start(incoming, ReadLimits.defaults());
        await().atMost(Duration.ofMinutes(1)).until(() -> running.unpacker().bytesFollowed() > 0);

        // When 1C sends the file again from its start: shorter than what was read
        Files.write(incoming, Arrays.copyOfRange(zip, 0, 100), StandardOpenOption.TRUNCATE_EXISTING);

        // Then the unpacking gives up without waiting for the last part
        Optional<UnpackedZip> unpacked = running.result().get(1, TimeUnit.MINUTES);
        assertEquals(Optional.empty(), unpacked);
        assertTrue(running.unpacker().gaveUpBecause().contains("shorter"), running.unpacker().gaveUpBecause());
        assertFalse(Files.exists(running.target()));
    }

    @Test
    @DisplayName("files unpacked ahead of the same file before it was sent again with other content of the same size are not used, and deleted")
    void filesOfAnotherZipAreNotUsed() throws Exception {
        // Given a zip unpacked ahead
        Path zip = Zips.write(dir.resolve("incoming/package.zip"), stored("goods.xml", goods(3)));
        Running running = start(zip, ReadLimits.defaults());
        UnpackedZip unpacked = running.lastPartArrived().orElseThrow();
        // and the same file rewritten with another package of exactly the same size
        byte[] other = stored("goods.xml", goods(3).replace("p-1", "q-1"));
        assertEquals(Files.size(zip), other.length);
        Files.write(zip, other, StandardOpenOption.TRUNCATE_EXISTING);

        // When the zip is located with those files offered
        ExchangePackage pkg = new PackageLocator(ReadLimits.defaults()).locate(zip.getParent(), dir.resolve("work"),
                Thread::new, () -> false, (file, stop) -> Optional.of(unpacked));

        // Then they were refused and deleted, and the zip as it is now was unpacked and read
        assertFalse(unpacked.isOf(zip, ReadLimits.defaults()));
        assertFalse(Files.exists(running.target()), "deleted");
        assertTrue(Files.readString(pkg.files().get(0).path()).contains("q-1"));
        assertEquals(3, new CommerceMlReader().countItems(pkg));
    }

    /** A zip of one entry stored without compression: its size follows the content's exactly. */
    private static byte[] stored(String name, String content) throws IOException {
        return stored(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A zip of entries stored without compression: each entry's bytes lie in the zip as they are. */
    private static byte[] stored(Object... nameAndBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < nameAndBytes.length; i += 2) {
                byte[] bytes = (byte[]) nameAndBytes[i + 1];
                CRC32 crc = new CRC32();
                crc.update(bytes);
                ZipEntry entry = new ZipEntry((String) nameAndBytes[i]);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private void assertGaveUp(Running running, String reasonPart) throws Exception {
        Optional<UnpackedZip> unpacked = running.lastPartArrived();
        assertEquals(Optional.empty(), unpacked);
        String reason = running.unpacker().gaveUpBecause();
        assertNotNull(reason);
        assertTrue(reason.contains(reasonPart), reason);
        assertFalse(Files.exists(running.target()), "nothing left");
    }

    private static String goods(int products) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < products; i++) {
            items.append("<Товар><Ид>p-").append(i).append("</Ид><Наименование>Товар ").append(i).append("</Наименование></Товар>");
        }
        return document(NS_3, "<Каталог><Товары>" + items + "</Товары></Каталог>");
    }

    /** What the unpacking has made in {@code folder} so far: files and folders (an XML entry makes only its folder). */
    private static long files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(path -> !path.equals(folder)).count();
        }
    }

    /**
     * The same files, in the same order, carrying the same, byte for byte; the ones unpacked ahead
     * read in the zip, none of them written to disk. Closes the package read ahead.
     */
    private static void assertSameFiles(ExchangePackage own, ExchangePackage ahead, String context) throws IOException {
        assertEquals(names(own), names(ahead), context);
        for (int i = 0; i < own.files().size(); i++) {
            PackageFile ownFile = own.files().get(i);
            PackageFile aheadFile = ahead.files().get(i);
            assertNull(ownFile.zipped(), context + ownFile.relativeName());
            assertNotNull(aheadFile.zipped(), context + "read in the zip: " + aheadFile.relativeName());
            assertFalse(Files.exists(aheadFile.path()), context + "not written: " + aheadFile.relativeName());
            try (InputStream ownBytes = ownFile.open(); InputStream aheadBytes = aheadFile.open()) {
                assertArrayEquals(ownBytes.readAllBytes(), aheadBytes.readAllBytes(), context + ownFile.relativeName());
            }
        }
        ahead.close(); // the zip its files were read in
    }

    private static List<String> names(ExchangePackage pkg) {
        return pkg.files().stream().map(f -> f.relativeName() + " " + f.contents()).toList();
    }
}
