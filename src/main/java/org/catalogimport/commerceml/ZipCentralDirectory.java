package org.catalogimport.commerceml;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@code java.util.zip} does not tell: how many entries an archive has before anything is
 * inflated, and which entries are symbolic links (Unix mode bits in the external attributes of the
 * central directory). Handles ZIP64 archives, which any package of more than 65 535 files is. Also
 * reads an archive through a channel already open (a zip being renamed while it is read) and lists
 * each entry's name, CRC and sizes, with a digest of the whole directory, for
 * {@link GrowingZipUnpacker}'s check that what it unpacked is what the directory lists.
 */
final class ZipCentralDirectory {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int ENTRY_SIGNATURE = 0x02014b50;
    private static final int END_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int UNIX_FILE_TYPE_MASK = 0xF000;
    private static final int UNIX_SYMLINK = 0xA000;

    /**
     * @param symlinks names of the entries that are symbolic links
     * @param listed   every entry, in the directory's order (empty when there are more than the maximum)
     * @param digest   SHA-256 of the directory's bytes: another archive has another one
     */
    record Summary(long entries, List<String> symlinks, List<Entry> listed, byte[] digest) {
    }

    /**
     * An entry as the central directory lists it; a name ending in '/' is a folder.
     *
     * @param localOffset where its local header lies in the archive
     * @param descriptor  whether a data descriptor follows its data (general purpose flag bit 3)
     */
    record Entry(String name, long crc, long compressedSize, long size, long localOffset, boolean descriptor) {
    }

    private ZipCentralDirectory() {
    }

    /**
     * @param maxEntries when the archive declares more, this stops before walking the directory
     * @throws IOException when the archive has no valid central directory
     */
    static Summary read(Path zip, long maxEntries) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            return read(channel, maxEntries);
        }
    }

    /** The same, through {@code channel} (not closed; its position moves). */
    static Summary read(FileChannel channel, long maxEntries) throws IOException {
        long size = channel.size();
        int tailLength = (int) Math.min(size, END_SIZE + MAX_COMMENT);
        ByteBuffer tail = readAt(channel, size - tailLength, tailLength);
        int end = -1;
        for (int at = tailLength - END_SIZE; at >= 0; at--) {
            if (tail.getInt(at) == END_SIGNATURE) {
                end = at;
                break;
            }
        }
        if (end < 0) {
            throw new IOException("no end of central directory record: this is not a zip archive");
        }
        long entries = tail.getShort(end + 10) & 0xFFFFL;
        long directorySize = tail.getInt(end + 12) & 0xFFFFFFFFL;
        long directoryOffset = tail.getInt(end + 16) & 0xFFFFFFFFL;
        long endPosition = size - tailLength + end;
        if (entries == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
            ByteBuffer locator = endPosition >= 20 ? readAt(channel, endPosition - 20, 20) : null;
            if (locator != null && locator.getInt(0) == ZIP64_LOCATOR_SIGNATURE) {
                long zip64End = locator.getLong(8);
                if (zip64End < 0 || zip64End + 56 > size) {
                    throw new IOException("the ZIP64 end record points outside the archive");
                }
                ByteBuffer record = readAt(channel, zip64End, 56);
                if (record.getInt(0) != ZIP64_END_SIGNATURE) {
                    throw new IOException("the ZIP64 end record is missing");
                }
                entries = record.getLong(32);
                directorySize = record.getLong(40);
                directoryOffset = record.getLong(48);
            }
        }
        if (entries < 0 || entries > maxEntries) {
            return new Summary(entries < 0 ? Long.MAX_VALUE : entries, List.of(), List.of(), new byte[0]);
        }
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize > size) {
            throw new IOException("the central directory lies outside the archive");
        }
        return walk(channel, directoryOffset, directorySize, entries);
    }

    private static Summary walk(FileChannel channel, long offset, long length, long entries)
            throws IOException {
        List<String> symlinks = new ArrayList<>();
        List<Entry> listed = new ArrayList<>();
        channel.position(offset);
        MessageDigest sha256 = sha256();
        InputStream bounded = new DigestInputStream(new BoundedInput(Channels.newInputStream(channel), length), sha256);
        DataInputStream in = new DataInputStream(new BufferedInputStream(bounded, 1 << 16));
        byte[] fixed = new byte[46];
        ByteBuffer header = ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < entries; i++) {
            try {
                in.readFully(fixed);
            } catch (EOFException e) {
                throw new IOException("the central directory ends after " + i + " of " + entries + " entries", e);
            }
            if (header.getInt(0) != ENTRY_SIGNATURE) {
                throw new IOException("entry " + (i + 1) + " of the central directory is damaged");
            }
            int nameLength = header.getShort(28) & 0xFFFF;
            int extraLength = header.getShort(30) & 0xFFFF;
            int commentLength = header.getShort(32) & 0xFFFF;
            int externalAttributes = header.getInt(38);
            byte[] name = new byte[nameLength];
            in.readFully(name);
            byte[] extra = new byte[extraLength];
            in.readFully(extra);
            in.skipNBytes(commentLength);
            String entryName = new String(name, StandardCharsets.UTF_8);
            // why regardless of the "made by" host: only Unix-like hosts set these bits, and a link is
            // dangerous whoever made it.
            if (((externalAttributes >>> 16) & UNIX_FILE_TYPE_MASK) == UNIX_SYMLINK) {
                symlinks.add(entryName);
            }
            listed.add(entry(entryName, header, extra));
        }
        // why the rest too: the digest covers the whole directory, whatever its entries claim
        in.transferTo(OutputStream.nullOutputStream());
        return new Summary(entries, symlinks, listed, sha256.digest());
    }

    /**
     * The entry's CRC, sizes and local header's offset; a size or offset of 4 GiB and more is in the
     * ZIP64 extra field (id 1), in that order, each only when its own field says so.
     */
    private static Entry entry(String name, ByteBuffer header, byte[] extra) {
        boolean descriptor = (header.getShort(8) & 0x08) != 0;
        long crc = header.getInt(16) & 0xFFFFFFFFL;
        long compressed = header.getInt(20) & 0xFFFFFFFFL;
        long size = header.getInt(24) & 0xFFFFFFFFL;
        long offset = header.getInt(42) & 0xFFFFFFFFL;
        ByteBuffer fields = ByteBuffer.wrap(extra).order(ByteOrder.LITTLE_ENDIAN);
        while (fields.remaining() >= 4) {
            int id = fields.getShort() & 0xFFFF;
            int length = fields.getShort() & 0xFFFF;
            if (length > fields.remaining()) {
                break;
            }
            if (id == 1) {
                int end = fields.position() + length;
                if (size == 0xFFFFFFFFL && fields.position() + 8 <= end) {
                    size = fields.getLong();
                }
                if (compressed == 0xFFFFFFFFL && fields.position() + 8 <= end) {
                    compressed = fields.getLong();
                }
                if (offset == 0xFFFFFFFFL && fields.position() + 8 <= end) {
                    offset = fields.getLong();
                }
                break;
            }
            fields.position(fields.position() + length);
        }
        return new Entry(name, crc, compressed, size, offset, descriptor);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("the archive is shorter than its directory says");
            }
        }
        return buffer.flip();
    }

    /** Stops at the end of the central directory whatever its entries claim. */
    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInput(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
