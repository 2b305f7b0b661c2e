package org.catalogimport.api;

import java.time.Instant;
import org.catalogimport.platform.security.ApiToken;

/**
 * An API token as {@code /api/users/{name}/tokens} shows it: never its hash. {@code token} is only
 * set in the answer that issued it: shown that once, kept only as a hash.
 */
public record TokenView(long id, String user, String name, Instant createdAt, String createdBy, Instant lastUsedAt,
                        String token) {

    public static TokenView of(ApiToken token) {
        return of(token, null);
    }

    public static TokenView of(ApiToken token, String secret) {
        return new TokenView(token.getId(), token.getUser().getUsername(), token.getName(), token.getCreatedAt(),
                token.getCreatedBy(), token.getLastUsedAt(), secret);
    }
}
