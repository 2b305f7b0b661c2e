package org.catalogimport.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.catalogimport.commerceml.PackageFile;

/**
 * A file's content fingerprint: SHA-256 and size. By content, not by name or date, because 1C
 * writes every file of an export anew each time, changed or not.
 */
public final class FileFingerprint {

    private FileFingerprint() {
    }

    /**
     * Of a package's file, on disk or in its zip (the same bytes, the same fingerprint); empty when
     * the file cannot be read: it is then read (and its error reported) as usual.
     */
    public static Optional<String> of(PackageFile file) {
        try (InputStream in = file.open()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            long size = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                size += n;
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()) + ":" + size);
        } catch (IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
