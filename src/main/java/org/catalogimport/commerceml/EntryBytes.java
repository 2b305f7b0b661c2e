package org.catalogimport.commerceml;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * One zip entry's inflated bytes as either end of {@link GrowingZipUnpacker} takes them: counted,
 * summed (CRC-32) and held to the archive's limits on every read. A picture or any other file is
 * written to disk; an XML file is classified from its head and the rest only inflated, counted and
 * summed, since the import reads it in the zip ({@link ZippedXml}). Closing it leaves the zip's
 * stream open for the next entry.
 */
final class EntryBytes extends InputStream {

    /** The limits, told of every read: the entry's bytes so far and how many came now. */
    @FunctionalInterface
    interface Limits {
        void inflated(long entryBytes, int more) throws IOException, PackageException;
    }

    private final InputStream in;
    private final Limits limits;
    private final CRC32 crc = new CRC32();
    private long count;

    EntryBytes(InputStream in, Limits limits) {
        this.in = in;
        this.limits = limits;
    }

    static boolean isXml(String relativeName) {
        return relativeName.toLowerCase(Locale.ROOT).endsWith(".xml");
    }

    /** Bytes read so far: the entry's size once {@link #take} returned. */
    long count() {
        return count;
    }

    /** CRC-32 of the bytes read so far. */
    long crc() {
        return crc.getValue();
    }

    /**
     * Takes the whole entry: an XML file classified (null for any other file, written to
     * {@code destination}).
     */
    FileClassifier.Classification take(Path destination, String relativeName, FileClassifier classifier, byte[] buffer)
            throws IOException, PackageException {
        if (!isXml(relativeName)) {
            try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                for (int n = read(buffer); n >= 0; n = read(buffer)) {
                    out.write(buffer, 0, n);
                }
            }
            return null;
        }
        FileClassifier.Classification classification = classifier.classify(this, relativeName);
        while (read(buffer) >= 0) {
            // why read it all: the CRC, the size and the limits are judged on every byte
        }
        return classification;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            count += n;
            try {
                limits.inflated(count, n);
            } catch (PackageException e) {
                throw new IOException(e.text().english(), e);
            }
            crc.update(buffer, offset, n);
        }
        return n;
    }

    @Override
    public void close() {
        // the zip's stream goes on with the next entry
    }
}
