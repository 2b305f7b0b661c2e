package org.catalogimport.commerceml;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a zip while it is still being written. 1C sends a zip in parts of {@code file_limit}
 * bytes and nothing marks the last one; this reads the entries in the order they lie in the file as
 * the bytes arrive. Pictures and other files are written out; an XML file is only classified from
 * its head and checked to its end ({@link EntryBytes}), and the import reads it in the zip
 * ({@link ZippedXml}), so that the import 1C starts after the last part finds the package checked
 * and classified. Why: inflating 60 MB into 1 GB of XML takes a second, but writing that gigabyte
 * took two to four more on a small server, all on 1C's clock, and the import only read it once.
 *
 * <p>Safety is {@link ZipUnpacker}'s: the same names refused, the same limits on the bytes actually
 * inflated, checked while inflating. The entries are read from their local headers; at the end the
 * central directory (what {@code ZipFile} and {@link ZipUnpacker} go by) must list exactly the entries
 * unpacked, with the CRC and size computed here, and no link. This class never refuses a zip: when
 * anything is not as expected it gives up and deletes what it wrote, and the import unpacks the zip
 * itself, refusing it there with the usual message if it is broken or hostile.
 *
 * <p>The zip is read through one channel opened at the start, so a rename (an import taking the
 * file into its batch folder) does not disturb it; a file that gets shorter (sent again from its
 * start) makes it give up.
 *
 * <p>Once the last part is there, the import's thread, which would only wait, unpacks entries from
 * the end of the zip backwards ({@link #helpFromTheEnd}, by random access through the central
 * directory) until it meets this unpacker's own thread: what is left after the last part over a
 * fast link, and the two cores then share it. The tail's entries pass the same checks, and must
 * match the central directory too.
 */
public final class GrowingZipUnpacker {

    private static final int BUFFER_BYTES = 1 << 16;
    /** How long a read at the end of the bytes received so far waits before it looks again. */
    private static final long POLL_MILLIS = 20;

    private final ReadLimits limits;
    private final Path zip;
    private final Path target;
    private final Duration idle;
    private volatile boolean lastPart;
    private volatile boolean abandoned;
    private volatile String gaveUpBecause;
    private final String zipName;
    private final ZipUnpacker rules;
    /** Where each entry of either end goes: two entries never write one file. */
    private final EntryDestinations destinations;
    /** Bytes inflated so far by either end, for the archive's limits. */
    private final AtomicLong inflated = new AtomicLong();
    /** The zip's bytes as the front follows them; null until it has begun (the tail helps only then). */
    private volatile GrowingInput following;
    /** Each XML file's classification, by relative name, from either end. */
    private final Map<String, FileClassifier.Classification> classified = new ConcurrentHashMap<>();
    /** The XML files, left in the zip for the import to read there, by relative name. */
    private final Map<String, ZippedXml.Listed> xmlInZip = new ConcurrentHashMap<>();
    /** Bytes the front inflated (its thread alone writes and reads it). */
    private long frontInflated;
    /** Bytes the tail's helper inflated (its thread alone writes and reads it). */
    private long tailInflated;

    /** Which entries each end has: this unpacker's thread from the first, the tail's helper from the last. */
    private final MeetingEnds<Unpacked> ends = new MeetingEnds<>();

    /**
     * @param target  an empty folder, created if absent, deleted when this gives up
     * @param idle    how long to wait for more bytes before giving up
     */
    public GrowingZipUnpacker(ReadLimits limits, Path zip, Path target, Duration idle) {
        this.limits = limits;
        this.zip = zip;
        this.target = target;
        this.idle = idle;
        this.zipName = zip.getFileName().toString();
        this.destinations = new EntryDestinations(zipName, target.toAbsolutePath().normalize());
        this.rules = new ZipUnpacker(limits);
    }

    /** No byte will be appended any more (an import took the file): the end of the bytes is the end. */
    public void lastPartArrived() {
        lastPart = true;
    }

    /** Stops as soon as it can and deletes what it wrote (the file is sent again, the server stops). */
    public void abandon() {
        abandoned = true;
    }

    /** Bytes of the zip the front has read so far: it follows the zip once this is above 0. */
    long bytesFollowed() {
        GrowingInput input = following;
        return input == null ? 0 : input.position();
    }

    /** Why {@link #unpack} gave up, for the log; null when it did not. */
    public String gaveUpBecause() {
        return gaveUpBecause;
    }

    /**
     * Unpacks on the calling thread until the zip is complete and checked, or until it gives up.
     *
     * @return the unpacked and classified files; empty when it gave up (nothing is left in the target)
     */
    public Optional<UnpackedZip> unpack() {
        try {
            Files.createDirectories(target);
            return Optional.of(follow());
        } catch (PackageException | IOException | RuntimeException e) {
            gaveUpBecause = e instanceof PackageException refused ? refused.text().english() : String.valueOf(e.getMessage());
            // why first: a tail still unpacking would write into the folder again after it was deleted
            ends.frontGaveUp();
            ZipUnpacker.delete(target);
            return Optional.empty();
        }
    }

    /** A local entry as unpacked: what the central directory must list for it (a folder's compressed size: -1, not compared). */
    private record Unpacked(String name, long crc, long size, long compressedSize) {
    }

    private UnpackedZip follow() throws IOException, PackageException {
        BasicFileAttributes file = Files.readAttributes(zip, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        List<Unpacked> unpacked = new ArrayList<>();
        byte[] buffer = new byte[BUFFER_BYTES];
        FileClassifier classifier = new FileClassifier(new XmlParsers());
        boolean metTheTail = false;
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            GrowingInput bytes = new GrowingInput(channel);
            following = bytes;
            ZipInputStream in = new ZipInputStream(new BufferedInputStream(bytes, BUFFER_BYTES), StandardCharsets.UTF_8);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (unpacked.size() >= limits.maxZipEntries()) {
                    throw new IOException("more than " + limits.maxZipEntries() + " entries");
                }
                if (!ends.claimFront(unpacked.size())) {
                    metTheTail = true; // this entry and every one after it are the tail's
                    break;
                }
                Path destination = destinations.of(entry);
                if (destination == null) {
                    unpacked.add(new Unpacked(entry.getName(), 0, 0, -1));
                    continue;
                }
                long entryStart = bytes.position();
                String name = entry.getName();
                EntryBytes input = new EntryBytes(in, (written, more) -> {
                    frontInflated += more;
                    // why the bytes read so far: the archive's final size is not known yet, so the
                    // ratio is judged stricter than ZipUnpacker judges it (giving up is harmless)
                    rules.checkLimits(zipName, name, written, Math.max(1, bytes.position() - entryStart),
                            frontInflated, Math.max(1, bytes.position()));
                    checkInflatedInAll(more);
                });
                take(input, name, destination, classifier, buffer);
                // why the entry's own CRC: ZipInputStream has checked the bytes against it by now
                unpacked.add(new Unpacked(name, entry.getCrc(), input.count(), entry.getCompressedSize()));
            }
            if (metTheTail) {
                unpacked.addAll(ends.tailFrom(unpacked.size()));
            }
            ZipCentralDirectory.Summary directory = completeDirectory(channel, bytes);
            check(directory, unpacked);
            ZipLayout.checkContiguous(channel, directory.listed());
            return new UnpackedZip(target, file.fileKey(), channel.size(), directory.digest(), classified, xmlInZip);
        }
    }

    /** An entry of either end: written, or for an XML file classified and listed to be read in the zip. */
    private void take(EntryBytes input, String name, Path destination, FileClassifier classifier, byte[] buffer)
            throws IOException, PackageException {
        String relative = destinations.relativeName(destination);
        FileClassifier.Classification classification = input.take(destination, relative, classifier, buffer);
        if (classification != null) {
            classified.put(relative, classification);
            xmlInZip.put(relative, new ZippedXml.Listed(name, input.crc(), input.count()));
        }
    }

    /**
     * Unpacks entries of the zip, complete now (an import took it: no part comes any more), from its
     * last entry backwards on the calling thread, until it meets the entries this unpacker's own thread
     * has reached; then returns. When it cannot read the zip so, it leaves the rest to that thread;
     * an entry it took and did not unpack exactly as the central directory lists it makes the whole
     * unpacking give up (the import then unpacks the zip itself).
     *
     * @param zipNow the zip where it is now (an import renames it into its batch folder)
     * @param stop   says when to stop helping (a cancelled import)
     * @return how many entries it unpacked
     */
    public int helpFromTheEnd(Path zipNow, BooleanSupplier stop) {
        if (following == null || !ends.startTail()) {
            return 0; // not begun yet (or helped once already): the unpacker's thread does it all
        }
        int helped = 0;
        String failure = null;
        try (FileChannel channel = FileChannel.open(zipNow, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             ZipFile zipFile = new ZipFile(zipNow.toFile(), StandardCharsets.UTF_8)) {
            List<ZipCentralDirectory.Entry> listed = ZipCentralDirectory.read(channel, limits.maxZipEntries()).listed();
            byte[] buffer = new byte[BUFFER_BYTES];
            FileClassifier classifier = new FileClassifier(new XmlParsers());
            BooleanSupplier giveUp = () -> abandoned || stop.getAsBoolean() || ends.frontEnded();
            for (int index = ends.claimTail(listed.size(), giveUp.getAsBoolean()); index >= 0;
                 index = ends.claimTail(listed.size(), giveUp.getAsBoolean())) {
                ends.tailUnpacked(index, unpackListed(zipFile, listed.get(index), channel.size(), classifier, buffer, giveUp));
                helped++;
            }
        } catch (IOException | PackageException | RuntimeException e) {
            failure = e instanceof PackageException refused ? refused.text().english() : String.valueOf(e.getMessage());
        } finally {
            ends.tailEnded(failure);
        }
        return helped;
    }

    /** One entry by random access, checked as the front checks its entries, and against what the directory lists. */
    private Unpacked unpackListed(ZipFile zipFile, ZipCentralDirectory.Entry listed, long archiveBytes,
                                  FileClassifier classifier, byte[] buffer, BooleanSupplier giveUp)
            throws IOException, PackageException {
        String name = listed.name();
        ZipEntry entry = zipFile.getEntry(name);
        if (entry == null || entry.isDirectory() != name.endsWith("/")) {
            throw new IOException("the entry is not found by its name: " + name);
        }
        Path destination = destinations.of(entry);
        if (destination == null) {
            return new Unpacked(name, 0, 0, -1);
        }
        EntryBytes input;
        try (InputStream in = zipFile.getInputStream(entry)) {
            input = new EntryBytes(in, (written, more) -> {
                if (giveUp.getAsBoolean()) {
                    throw new IOException("stopped");
                }
                tailInflated += more;
                // why each end's own bytes for the ratio: the front judges its share by the bytes it has read
                rules.checkLimits(zipName, name, written, Math.max(1, listed.compressedSize()), tailInflated, archiveBytes);
                checkInflatedInAll(more);
            });
            take(input, name, destination, classifier, buffer);
        }
        if (input.crc() != listed.crc() || input.count() != listed.size()) {
            throw new IOException("entry " + name + " differs from the central directory");
        }
        return new Unpacked(name, listed.crc(), input.count(), listed.compressedSize());
    }

    /** The archive's limit on inflated bytes, judged on what both ends inflated together. */
    private void checkInflatedInAll(int more) throws PackageException {
        if (inflated.addAndGet(more) > limits.maxUncompressedBytes()) {
            throw new PackageException(zipName, -1, -1, PackageRefusal.ZIP_TOO_LARGE.with(limits.maxUncompressedBytes()), null);
        }
    }

    /** Waits until the central directory after the entries has arrived whole. */
    private ZipCentralDirectory.Summary completeDirectory(FileChannel channel, GrowingInput bytes) throws IOException {
        while (true) {
            long size = channel.size();
            try {
                return ZipCentralDirectory.read(channel, limits.maxZipEntries());
            } catch (IOException notYet) {
                // why not give up at once: the directory may still be on its way in the next part
                if (!bytes.awaitGrowthBeyond(size)) {
                    throw new IOException("the zip ends without a complete central directory: " + notYet.getMessage(), notYet);
                }
            }
        }
    }

    /**
     * The central directory must list what was unpacked, in the same order, with the same sizes, and
     * no link; and point at those very entries ({@link ZipLayout}), since the import reads the XML
     * files by it.
     */
    private void check(ZipCentralDirectory.Summary directory, List<Unpacked> unpacked) throws IOException {
        if (!directory.symlinks().isEmpty()) {
            throw new IOException("the zip holds a link: " + directory.symlinks().get(0));
        }
        if (directory.listed().size() != unpacked.size()) {
            throw new IOException("the central directory lists " + directory.entries() + " entries, "
                    + unpacked.size() + " were unpacked");
        }
        for (int i = 0; i < unpacked.size(); i++) {
            ZipCentralDirectory.Entry listed = directory.listed().get(i);
            Unpacked found = unpacked.get(i);
            if (!listed.name().equals(found.name()) || listed.crc() != found.crc() || listed.size() != found.size()
                    || (found.compressedSize() >= 0 && listed.compressedSize() != found.compressedSize())) {
                throw new IOException("entry " + (i + 1) + " differs from the central directory: " + found.name());
            }
        }
    }

    /** The zip's bytes as they arrive: at the end of what is there, waits for more or for the last part. */
    private final class GrowingInput extends InputStream {
        private final FileChannel channel;
        private volatile long position;

        GrowingInput(FileChannel channel) {
            this.channel = channel;
        }

        long position() {
            return position;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (channel.size() <= position) {
                if (!awaitGrowthBeyond(position)) {
                    return -1;
                }
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, channel.size() - position)), position);
            position += Math.max(n, 0);
            return n;
        }

        /**
         * Waits until the file is longer than {@code size}.
         *
         * @return false when it never will be: the last part has arrived
         * @throws IOException when abandoned, when the file got shorter, or after {@code idle} without a byte
         */
        boolean awaitGrowthBeyond(long size) throws IOException {
            long deadline = System.nanoTime() + idle.toNanos();
            while (true) {
                if (abandoned) {
                    throw new IOException("abandoned");
                }
                long now = channel.size();
                if (now < position) {
                    throw new IOException("the file got shorter: it is being sent again from its start");
                }
                if (now > size) {
                    return true;
                }
                if (lastPart) {
                    return false;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("no part arrived for " + idle.toMinutes() + " min");
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
    }
}
