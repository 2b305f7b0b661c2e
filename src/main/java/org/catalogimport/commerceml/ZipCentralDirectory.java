package org.catalogimport.commerceml;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@code java.util.zip} does not tell: how many entries an archive has before anything is
 * inflated, and which entries are symbolic links (Unix mode bits in the external attributes of the
 * central directory). Handles ZIP64 archives, which any package of more than 65 535 files is.
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

    /** @param symlinks names of the entries that are symbolic links */
    record Summary(long entries, List<String> symlinks) {
    }

    private ZipCentralDirectory() {
    }

    /**
     * @param maxEntries when the archive declares more, this stops before walking the directory
     * @throws IOException when the archive has no valid central directory
     */
    static Summary read(Path zip, long maxEntries) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
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
                return new Summary(entries < 0 ? Long.MAX_VALUE : entries, List.of());
            }
            if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize > size) {
                throw new IOException("the central directory lies outside the archive");
            }
            return new Summary(entries, symlinks(channel, directoryOffset, directorySize, entries));
        }
    }

    private static List<String> symlinks(FileChannel channel, long offset, long length, long entries)
            throws IOException {
        List<String> symlinks = new ArrayList<>();
        channel.position(offset);
        InputStream bounded = new BoundedInput(Channels.newInputStream(channel), length);
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
            in.skipNBytes((long) extraLength + commentLength);
            // why regardless of the "made by" host: only Unix-like hosts set these bits, and a link is
            // dangerous whoever made it.
            if (((externalAttributes >>> 16) & UNIX_FILE_TYPE_MASK) == UNIX_SYMLINK) {
                symlinks.add(new String(name, StandardCharsets.UTF_8));
            }
        }
        return symlinks;
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
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
