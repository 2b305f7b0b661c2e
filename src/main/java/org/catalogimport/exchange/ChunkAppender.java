package org.catalogimport.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Appends one {@code mode=file} body to a staged file, streamed (memory stays flat for any size).
 *
 * <p>1C sends a file larger than {@code file_limit} as several POSTs with the same name and nothing
 * marks the last one, so every body is appended. When 1C retries a whole file, its first chunk
 * arrives again: a body that starts like a file's first bytes (an XML declaration, with or without
 * a BOM, or the same zip local header the file already starts with) restarts the file instead of
 * corrupting it. Limits are checked while writing; a body that breaks one leaves the file as it was
 * before that body.
 */
public final class ChunkAppender {

    /** What an exchange may put on disk. */
    public record Limits(long maxFileBytes, long maxExchangeBytes, long minFreeBytes) {
    }

    /** The file after the body: its size, whether the body restarted it, and where the body begins. */
    public record Appended(long size, boolean restarted, long start) {

        /** The body is the file's first part: a new file, or one sent again from its start. */
        public boolean beginsFile() {
            return start == 0;
        }
    }

    private static final int HEAD = 512;
    private static final byte[] XML = "<?xml".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BOM_XML = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '<', '?', 'x', 'm', 'l'};
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    /** A zip's local header (30 bytes) and the start of its first entry's name. */
    private static final int ZIP_COMPARE = 64;

    private final Limits limits;

    public ChunkAppender(Limits limits) {
        this.limits = limits;
    }

    /**
     * @param exchangeBytes what the exchange's other files (not this one) already hold on disk
     * @throws ExchangeRefused when a limit is reached or the disk is full (the file is left as before)
     */
    public Appended append(Path file, String name, InputStream body, long exchangeBytes) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] head = body.readNBytes(HEAD);
        long existing = Files.isRegularFile(file) ? Files.size(file) : 0;
        boolean restart = existing > 0 && startsAnew(head, file, existing);
        long start = restart ? 0 : existing;
        long usable = Files.getFileStore(file.getParent()).getUsableSpace();
        if (usable - head.length < limits.minFreeBytes()) {
            throw new ExchangeRefused(ExchangeRefused.Kind.DISK_FULL, ExchangeMessage.DISK_LOW.with(name,
                    usable / (1024 * 1024), limits.minFreeBytes() / (1024 * 1024)));
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (restart) {
                channel.truncate(0);
            }
            channel.position(start);
            long written = 0;
            try {
                byte[] buffer = head;
                int length = head.length;
                byte[] chunk = new byte[64 * 1024];
                while (length > 0) {
                    written += length;
                    checkLimits(name, start + written, exchangeBytes + start + written);
                    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                    buffer = chunk;
                    length = body.read(chunk);
                }
            } catch (ExchangeRefused | IOException e) {
                channel.truncate(start);
                if (e instanceof IOException io && isDiskFull(io)) {
                    throw new ExchangeRefused(ExchangeRefused.Kind.DISK_FULL, ExchangeMessage.DISK_FULL.with(name, io.getMessage()));
                }
                throw e;
            }
            return new Appended(start + written, restart, start);
        }
    }

    private void checkLimits(String name, long fileSize, long exchangeSize) {
        if (fileSize > limits.maxFileBytes()) {
            throw new ExchangeRefused(ExchangeRefused.Kind.TOO_LARGE, ExchangeMessage.FILE_TOO_LARGE.with(name, limits.maxFileBytes()));
        }
        if (exchangeSize > limits.maxExchangeBytes()) {
            throw new ExchangeRefused(ExchangeRefused.Kind.TOO_LARGE,
                    ExchangeMessage.EXCHANGE_TOO_LARGE.with(limits.maxExchangeBytes(), name));
        }
    }

    private static boolean startsAnew(byte[] head, Path file, long existing) throws IOException {
        if (startsWith(head, XML) || startsWith(head, BOM_XML)) {
            return true;
        }
        if (!startsWith(head, ZIP)) {
            return false;
        }
        // why compare: a later chunk of a zip may by chance begin at another entry's local header;
        // only a body that begins exactly as the file does is its first chunk sent again.
        int n = (int) Math.min(Math.min(ZIP_COMPARE, head.length), existing);
        byte[] first = new byte[n];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(first, 0, n) != n) {
                return false;
            }
        }
        return Arrays.equals(first, 0, n, head, 0, n);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean isDiskFull(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("no space left") || message.contains("disk full");
    }
}
