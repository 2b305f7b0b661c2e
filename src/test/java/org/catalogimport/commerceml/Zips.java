package org.catalogimport.commerceml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds zip archives for tests, including the forged ones no zip tool would write. */
final class Zips {

    private Zips() {
    }

    /** A zip with these entries (name → content), in map order. */
    /** Entries in the order given: name, content (bytes, or text written as UTF-8), name, content... */
    static Map<String, byte[]> entries(Object... nameAndContent) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < nameAndContent.length; i += 2) {
            Object content = nameAndContent[i + 1];
            entries.put((String) nameAndContent[i], content instanceof byte[] bytes ? bytes
                    : content.toString().getBytes(StandardCharsets.UTF_8));
        }
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] zip) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, zip);
    }

    /** Marks the named entry as a Unix symbolic link in the central directory, as Info-ZIP's {@code zip -y} does. */
    static byte[] markSymlink(byte[] zip, String name) {
        int header = centralHeader(zip, name);
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(header + 4, (short) (3 << 8 | 30)); // made by: Unix
        buffer.putInt(header + 38, 0120777 << 16);          // mode: symbolic link, rwxrwxrwx
        return zip;
    }

    /** Points the central directory's entry {@code name} at another local header offset. */
    static byte[] pointAt(byte[] zip, String name, int localOffset) {
        ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(centralHeader(zip, name) + 42, localOffset);
        return zip;
    }

    /** Overwrites the uncompressed size the central directory claims for the named entry. */
    static byte[] claimUncompressedSize(byte[] zip, String name, int size) {
        ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(centralHeader(zip, name) + 24, size);
        return zip;
    }

    private static int centralHeader(byte[] zip, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at + 46 <= zip.length; at++) {
            if (buffer.getInt(at) == 0x02014b50 && (buffer.getShort(at + 28) & 0xFFFF) == wanted.length
                    && Arrays.equals(zip, at + 46, at + 46 + wanted.length, wanted, 0, wanted.length)) {
                return at;
            }
        }
        throw new IllegalArgumentException("no central directory entry " + name);
    }
}
