package org.catalogimport.api;

import java.time.Instant;
import java.util.List;
import org.catalogimport.platform.security.AppUser;
import org.catalogimport.platform.security.Roles;

/**
 * A user as {@code /api/users} shows it: never a password hash. {@code password} is only set in the
 * answer that generated one (a reset): it is shown that once and stored only as a hash.
 */
public record UserView(String name, List<String> roles, boolean enabled, Instant createdAt, Instant changedAt,
                       String password) {

    public static UserView of(AppUser user) {
        return of(user, null);
    }

    public static UserView of(AppUser user, String generatedPassword) {
        return new UserView(user.getUsername(), Roles.ALL.stream().filter(user::hasRole).toList(), user.isEnabled(),
                user.getCreatedAt(), user.getChangedAt(), generatedPassword);
    }
}
