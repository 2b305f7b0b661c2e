package org.catalogimport.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a random token, as hex: what is stored of an API token and of a 1C exchange token, so
 * a copy of the database opens nothing. A fast hash is enough for these (they are 256 random bits,
 * nothing a dictionary could guess); passwords get PBKDF2 ({@link UserAccounts}).
 */
public final class TokenHash {

    private TokenHash() {
    }

    public static String of(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
