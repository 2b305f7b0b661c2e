package org.catalogimport.platform.security;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The users in PostgreSQL: finding them, checking passwords (PBKDF2), and the stored changes. The
 * rules of who may change what (the last administrator, password rules, the audit row) live in
 * {@link UserAdministration}; this class only stores.
 */
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

    @Inject
    private SignInCounters counters;

    /** A hash of a password nobody has, made with {@link #HASH_PARAMETERS}: what an unknown name is checked against. */
    private static volatile String unknownUserHash;

    private final Clock clock = Clock.systemUTC();

    public Optional<AppUser> findByUsername(String username) {
        return entityManager.createQuery("select u from AppUser u where u.username = :username", AppUser.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    /** The user, locked for this transaction (a concurrent change of the same user waits). */
    public Optional<AppUser> lockByUsername(String username) {
        return entityManager.createQuery("select u from AppUser u where u.username = :username", AppUser.class)
                .setParameter("username", username)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    public List<AppUser> all() {
        return entityManager.createQuery("select u from AppUser u order by u.username", AppUser.class).getResultList();
    }

    public AppUser create(String username, char[] password, Set<String> roles) {
        AppUser user = new AppUser(username, hash(password), roles, Instant.now(clock));
        entityManager.persist(user);
        return user;
    }

    public String hash(char[] password) {
        passwordHash.initialize(HASH_PARAMETERS);
        counters.passwordHashed();
        return passwordHash.generate(password);
    }

    public boolean matches(AppUser user, char[] password) {
        passwordHash.initialize(HASH_PARAMETERS);
        counters.passwordHashed();
        return passwordHash.verify(password, user.getPasswordHash());
    }

    /** The user, when the name exists, is enabled and the password matches its hash. */
    public Optional<AppUser> authenticate(String username, char[] password) {
        passwordHash.initialize(HASH_PARAMETERS);
        Optional<AppUser> user = findByUsername(username);
        counters.passwordHashed();
        if (user.isEmpty()) {
            // why verify against a hash of the same parameters: an unknown name then costs exactly
            // what a known one does, so the response time does not tell which user names exist.
            passwordHash.verify(password, unknownUserHash());
            return Optional.empty();
        }
        // why verify a disabled user's password too: the same time as for an enabled one.
        boolean matches = passwordHash.verify(password, user.get().getPasswordHash());
        return matches && user.get().isEnabled() ? user : Optional.empty();
    }

    private String unknownUserHash() {
        if (unknownUserHash == null) {
            unknownUserHash = passwordHash.generate(UUID.randomUUID().toString().toCharArray());
        }
        return unknownUserHash;
    }

    /**
     * The session epoch of an enabled user, or empty when the user is gone or disabled: what a
     * signed-in session compares with on every request (one primary-key-sized lookup).
     */
    public Optional<Integer> sessionEpoch(String username) {
        return entityManager.createQuery(
                        "select u.sessionEpoch from AppUser u where u.username = :username and u.enabled = true", Integer.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    /**
     * Names of the enabled users holding {@code role} other than {@code except}, locked for this
     * transaction. why lock: two administrators disabling each other at once would otherwise both
     * see the other one still active and leave no administrator; with the rows locked the second
     * waits, reads again, and is refused.
     */
    @SuppressWarnings("unchecked")
    public List<String> lockActiveWithRole(String role, String except) {
        return entityManager.createNativeQuery("""
                        select u.username from app_user u join app_user_role r on r.user_id = u.id
                         where r.role = ?1 and u.enabled and u.username <> ?2
                         order by u.id for update of u""")
                .setParameter(1, role).setParameter(2, except)
                .getResultList();
    }

    /** Names of the enabled users holding {@code role}, sorted. */
    public List<String> usernamesWithRole(String role) {
        return entityManager.createQuery("""
                        select u.username from AppUser u join u.roles r
                         where r = :role and u.enabled = true order by u.username""", String.class)
                .setParameter("role", role)
                .getResultList();
    }

    public boolean anyUserHasRole(String role) {
        return !usernamesWithRole(role).isEmpty();
    }

    public Instant now() {
        return Instant.now(clock);
    }
}
