package org.catalogimport.catalog;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.UnaryOperator;
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
        WhileRead taking = new WhileRead();
        try (InputStream in = taking.apply(file.open())) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // summed on the way
            }
            return taking.fingerprint();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Takes the fingerprint of the bytes another reader reads (the parser), so that a file read
     * anyway is not read a second time for it (for a gigabyte, half a second of reading and SHA-256
     * on a folder import, a second of inflating more in a zip), and the fingerprint remembered is
     * that of the very bytes parsed. There is a fingerprint only once the reader has met the file's
     * end. For one stream only.
     */
    public static final class WhileRead implements UnaryOperator<InputStream> {
        private final MessageDigest digest;
        private long size;
        private boolean tapped;
        private boolean ended;
        private String taken;

        public WhileRead() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        }

        /** The file's bytes as read, summed on the way. */
        @Override
        public InputStream apply(InputStream in) {
            if (tapped) {
                throw new IllegalStateException("one file only: another stream would be summed into its fingerprint");
            }
            tapped = true;
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        digest.update((byte) b);
                        size++;
                    } else {
                        ended = true;
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        digest.update(buffer, offset, n);
                        size += n;
                    } else if (n < 0) {
                        ended = true;
                    }
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    // why read: a skipped byte must be summed too
                    long wanted = Math.max(n, 0);
                    byte[] skipped = new byte[(int) Math.min(wanted, 1 << 13)];
                    long left = wanted;
                    while (left > 0) {
                        int r = read(skipped, 0, (int) Math.min(left, skipped.length));
                        if (r < 0) {
                            break;
                        }
                        left -= r;
                    }
                    return wanted - left;
                }

                @Override
                public boolean markSupported() {
                    return false; // a byte read again after reset would be summed twice
                }
            };
        }

        /** The file's fingerprint, once it was read to its end; empty before (never a part's). */
        public Optional<String> fingerprint() {
            if (ended && taken == null) {
                // why kept: digest() resets the digest, a second call would give the fingerprint of nothing
                taken = HexFormat.of().formatHex(digest.digest()) + ":" + size;
            }
            return Optional.ofNullable(taken);
        }
    }
}
