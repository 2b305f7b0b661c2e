package org.catalogimport.catalog.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Whether a file is a picture by its first bytes (JPEG, PNG, GIF, WebP, BMP), never by its name:
 * 1C names every picture {@code .jpg}, and a package may carry anything under that name.
 */
public final class PictureSignature {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] GIF87 = {'G', 'I', 'F', '8', '7', 'a'};
    private static final byte[] GIF89 = {'G', 'I', 'F', '8', '9', 'a'};
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
    private static final byte[] WEBP = {'W', 'E', 'B', 'P'};
    private static final byte[] BMP = {'B', 'M'};

    private PictureSignature() {
    }

    public static boolean isPicture(Path file) throws IOException {
        byte[] head = new byte[12];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        return isPicture(Arrays.copyOf(head, read));
    }

    static boolean isPicture(byte[] head) {
        return startsWith(head, 0, JPEG) || startsWith(head, 0, PNG) || startsWith(head, 0, GIF87)
                || startsWith(head, 0, GIF89) || (startsWith(head, 0, RIFF) && startsWith(head, 8, WEBP))
                || (startsWith(head, 0, BMP) && head.length >= 6);
    }

    private static boolean startsWith(byte[] head, int offset, byte[] signature) {
        if (head.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (head[offset + i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
