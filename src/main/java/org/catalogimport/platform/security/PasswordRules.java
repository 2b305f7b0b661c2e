package org.catalogimport.platform.security;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * What a password and a user name must be. The rules are few on purpose (length and "not the user
 * name"): composition rules make people write passwords down; a throttle and PBKDF2 do the rest.
 */
public final class PasswordRules {

    /** User names: letters (Cyrillic too), digits and {@code . _ @ -}; no ':' (it ends a Basic user name). */
    private static final String NAME_PATTERN = "[\\p{L}\\p{Nd}._@-]{1,100}";
    private static final char[] GENERATED_ALPHABET =
            "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    static final int GENERATED_LENGTH = 20;

    private final int minimumLength;
    private final SecureRandom random = new SecureRandom();

    public PasswordRules(int minimumLength) {
        this.minimumLength = minimumLength;
    }

    public int minimumLength() {
        return minimumLength;
    }

    /** Why {@code password} is refused for {@code user}, or empty when it is fine. */
    public Optional<Refusal> check(String user, String password) {
        if (password == null || password.length() < minimumLength) {
            return Optional.of(new Refusal("password.tooShort", minimumLength));
        }
        if (user != null && password.trim().toLowerCase(Locale.ROOT).equals(user.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal("password.isUserName"));
        }
        return Optional.empty();
    }

    public Optional<Refusal> checkName(String user) {
        return user != null && user.matches(NAME_PATTERN) ? Optional.empty() : Optional.of(new Refusal("user.badName"));
    }

    /** A random password for a reset (shown once): 20 characters without look-alikes, ~115 bits. */
    public String generate() {
        char[] password = new char[Math.max(GENERATED_LENGTH, minimumLength)];
        for (int i = 0; i < password.length; i++) {
            password[i] = GENERATED_ALPHABET[random.nextInt(GENERATED_ALPHABET.length)];
        }
        return new String(password);
    }

    /** A refused value: a message bundle key and its arguments (the API says it in English). */
    public record Refusal(String key, Object... arguments) {
    }
}
