package org.catalogimport.platform.security;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Stores console users with PBKDF2 password hashes and checks their passwords. */
@Stateless
public class UserAccounts {

    /**
     * PBKDF2-HMAC-SHA256 with 210,000 iterations (OWASP's 2023 figure for this algorithm is 600,000;
     * 210,000 keeps an HTTP Basic API call under ~0.1 s on a small server). The iteration count is
     * stored in each hash, so raising it later only affects new passwords.
     */
    static final Map<String, String> HASH_PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

    @Inject
    private Pbkdf2PasswordHash passwordHash;

    private final Clock clock = Clock.systemUTC();

    public Optional<AppUser> findByUsername(String username) {
        return entityManager.createQuery("select u from AppUser u where u.username = :username", AppUser.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    public AppUser create(String username, char[] password, Set<String> roles) {
        passwordHash.initialize(HASH_PARAMETERS);
        AppUser user = new AppUser(username, passwordHash.generate(password), roles, Instant.now(clock));
        entityManager.persist(user);
        return user;
    }

    /** The user, when the name exists and the password matches its hash. */
    public Optional<AppUser> authenticate(String username, char[] password) {
        passwordHash.initialize(HASH_PARAMETERS);
        Optional<AppUser> user = findByUsername(username);
        if (user.isEmpty()) {
            // why: hash anyway so response time does not reveal which user names exist.
            passwordHash.generate(password);
            return Optional.empty();
        }
        return passwordHash.verify(password, user.get().getPasswordHash()) ? user : Optional.empty();
    }

    /** Names of the users holding {@code role}, sorted. */
    public java.util.List<String> usernamesWithRole(String role) {
        return entityManager.createQuery(
                        "select u.username from AppUser u join u.roles r where r = :role order by u.username", String.class)
                .setParameter("role", role)
                .getResultList();
    }

    public boolean anyUserHasRole(String role) {
        return entityManager.createQuery(
                        "select count(u) from AppUser u join u.roles r where r = :role", Long.class)
                .setParameter("role", role)
                .getSingleResult() > 0;
    }
}
