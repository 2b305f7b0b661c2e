package org.catalogimport.platform.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of an API token: {@code cit_} and 43 characters of URL-safe Base64 (32 random bytes).
 * The prefix lets a secret scanner, or a person, recognise one; the rest is the secret. It is
 * shown once when issued and then kept only as its {@link TokenHash}. {@link #toString()} does not
 * reveal it, so a token cannot leak into a log by accident.
 */
public final class BearerToken {

    static final String PREFIX = "cit_";
    private static final int RANDOM_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile(PREFIX + "[A-Za-z0-9_-]{43}");
    private static final String SCHEME = "Bearer ";

    private final String text;

    private BearerToken(String text) {
        this.text = text;
    }

    public static BearerToken generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new BearerToken(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * The token of an {@code Authorization: Bearer ...} header (any case of the scheme, blanks
     * around the token ignored); empty when the header is absent, of another scheme, or not of a
     * token's shape (then no lookup is made at all).
     */
    public static Optional<BearerToken> fromAuthorization(String header) {
        if (!isBearer(header)) {
            return Optional.empty();
        }
        String token = header.substring(SCHEME.length()).trim();
        return SHAPE.matcher(token).matches() ? Optional.of(new BearerToken(token)) : Optional.empty();
    }

    /** The header names the Bearer scheme, whatever follows (a malformed token is still a failed sign-in). */
    public static boolean isBearer(String header) {
        return header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** The secret itself: to be shown once, to the administrator who issued it. */
    public String text() {
        return text;
    }

    /** What is stored and looked up. */
    public String hash() {
        return TokenHash.of(text);
    }

    @Override
    public String toString() {
        return PREFIX + "…";
    }
}
