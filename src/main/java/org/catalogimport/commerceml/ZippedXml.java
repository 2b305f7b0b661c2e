package org.catalogimport.commerceml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The XML files of a zip read where they lie, in the zip, by random access through its central
 * directory, instead of from an unpacked copy. Why: unpacking writes a gigabyte that the import then
 * reads once; on a small server writing it cost more than inflating it (about 1 s a gigabyte on a
 * tmpfs, 2.5–4.5 s on disk, against 0.85 s of inflating), and 1C waited for it after its last part.
 * The import's threads inflate each file as they read it instead, on cores the database leaves idle.
 *
 * <p>Only for a zip {@link GrowingZipUnpacker} followed while it arrived: every entry was inflated
 * once there, under the archive's limits, and the central directory was checked to list exactly
 * those entries with their CRC and size. Each read here is held to that again: an entry that
 * inflates to more bytes than listed is cut off, and one whose bytes differ from the listed CRC is
 * refused, so a zip whose directory points elsewhere than its entries can neither grow nor change
 * what was checked. One {@link ZipFile} serves every thread of the import; it is closed with the
 * package.
 */
public final class ZippedXml implements AutoCloseable {

    /** One XML entry: its name in the zip, and the CRC and size it was unpacked with ahead. */
    public record Entry(ZippedXml zip, String name, long crc, long size) {

        /** Its bytes, inflated while read and checked against the CRC and size. */
        public InputStream open() throws IOException {
            return zip.open(this);
        }
    }

    /** What the unpacking ahead learnt of one XML entry, before the zip is opened for reading. */
    record Listed(String entryName, long crc, long size) {
    }

    private final Path path;
    private final ZipFile file;

    private ZippedXml(Path path, ZipFile file) {
        this.path = path;
        this.file = file;
    }

    static ZippedXml open(Path zip) throws IOException {
        return new ZippedXml(zip, new ZipFile(zip.toFile(), StandardCharsets.UTF_8));
    }

    Entry entry(Listed listed) {
        return new Entry(this, listed.entryName(), listed.crc(), listed.size());
    }

    private InputStream open(Entry entry) throws IOException {
        ZipEntry found = file.getEntry(entry.name());
        if (found == null || found.isDirectory()) {
            throw new NoSuchFileException(path.getFileName() + "/" + entry.name());
        }
        return new Checked(file.getInputStream(found), entry);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /** An entry's bytes, counted and summed while read: no more than listed, and the same CRC at the end. */
    private static final class Checked extends FilterInputStream {
        private final InputStream zipStream;
        private final EntryBytes bytes;
        private final Entry entry;

        Checked(InputStream zipStream, Entry entry) {
            this(zipStream, new EntryBytes(zipStream, (count, more) -> {
                if (count > entry.size()) {
                    throw differs(entry);
                }
            }), entry);
        }

        private Checked(InputStream zipStream, EntryBytes bytes, Entry entry) {
            super(bytes);
            this.zipStream = zipStream;
            this.bytes = bytes;
            this.entry = entry;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = bytes.read(buffer, offset, length);
            if (n < 0 && (bytes.count() != entry.size() || bytes.crc() != entry.crc())) {
                throw differs(entry);
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public void close() throws IOException {
            zipStream.close();
        }

        private static IOException differs(Entry entry) {
            return new EntryChanged(entry);
        }
    }

    /**
     * An entry whose bytes are not those checked when the zip arrived; the import refuses the file
     * with {@link PackageRefusal#ZIP_ENTRY_CHANGED}, this message only goes to the log.
     */
    static final class EntryChanged extends IOException {
        private static final long serialVersionUID = 1L;

        EntryChanged(Entry entry) {
            super("the zip's entry " + entry.name() + " is not what its central directory listed when the zip arrived");
        }
    }
}
