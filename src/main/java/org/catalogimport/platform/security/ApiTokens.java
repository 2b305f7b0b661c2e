package org.catalogimport.platform.security;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.catalogimport.platform.audit.Actor;
import org.catalogimport.platform.audit.AuditAction;
import org.catalogimport.platform.audit.AuditTrail;
import org.catalogimport.platform.security.RememberedCredentials.Verified;
import org.catalogimport.platform.security.UserChangeRefused.Reason;

/**
 * API tokens: issued by an administrator for a user (named, shown once, stored as a SHA-256),
 * listed with their last use, revoked; and the sign-in of a request that carries one, which costs
 * one indexed lookup instead of a password hash. Issuing and revoking are audited in the same
 * transaction. A revoked token, or one of a disabled user, signs nothing in from the next request
 * on, on every node (nothing about tokens is held in memory).
 */
@Stateless
public class ApiTokens {

    /** How often a token's last use is written at most: a script in a loop must not write on every call. */
    static final Duration LAST_USE_STEP = Duration.ofMinutes(1);
    static final int MAX_NAME_LENGTH = 100;

    /** A token just issued: its row, and the secret to show once. */
    public record Issued(ApiToken token, BearerToken secret) {
    }

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

    @Inject
    UserAccounts accounts;

    @Inject
    AuditTrail audit;

    private final SecureRandom random = new SecureRandom();

    /** Every token, by user and name. */
    public List<ApiToken> all() {
        // why no alias on the fetch join: JPA does not allow one, and WildFly's Hibernate refuses it.
        return entityManager.createQuery("select t from ApiToken t join fetch t.user order by t.user.username, t.name",
                ApiToken.class).getResultList();
    }

    /** The tokens of {@code username}, by name. */
    public List<ApiToken> of(String username) {
        AppUser user = user(username);
        return entityManager.createQuery("select t from ApiToken t where t.user = :user order by t.name", ApiToken.class)
                .setParameter("user", user).getResultList();
    }

    public Issued issue(Actor by, String username, String name) {
        AppUser user = user(username);
        String tokenName = name == null ? "" : name.strip();
        if (tokenName.isEmpty() || tokenName.length() > MAX_NAME_LENGTH || tokenName.chars().anyMatch(Character::isISOControl)) {
            throw new UserChangeRefused(Reason.INVALID, "token.nameInvalid", MAX_NAME_LENGTH);
        }
        boolean taken = !entityManager.createQuery("select t.id from ApiToken t where t.user = :user and t.name = :name", Long.class)
                .setParameter("user", user).setParameter("name", tokenName).getResultList().isEmpty();
        if (taken) {
            throw new UserChangeRefused(Reason.EXISTS, "token.exists", username, tokenName);
        }
        BearerToken secret = BearerToken.generate(random);
        ApiToken token = new ApiToken(user, tokenName, secret.hash(), accounts.now(), by.user());
        entityManager.persist(token);
        audit.record(by, AuditAction.TOKEN_ISSUED, "token " + tokenName + " of user " + username);
        return new Issued(token, secret);
    }

    /** Deletes token {@code id} of {@code username}: requests carrying it are refused from now on. */
    public ApiToken revoke(Actor by, String username, long id) {
        ApiToken token = entityManager.find(ApiToken.class, id);
        if (token == null || !token.getUser().getUsername().equals(username)) {
            throw new UserChangeRefused(Reason.NOT_FOUND, "token.notFound", username, id);
        }
        entityManager.remove(token);
        audit.record(by, AuditAction.TOKEN_REVOKED, "token " + token.getName() + " of user " + username);
        return token;
    }

    /**
     * The caller a request's token signs in: its enabled user, with roles and session epoch; empty
     * for an unknown or revoked token or a disabled user. Notes the token's use (at most once per
     * {@link #LAST_USE_STEP}).
     */
    public Optional<Verified> signIn(BearerToken presented) {
        Optional<ApiToken> found = entityManager.createQuery("select t from ApiToken t join fetch t.user"
                        + " where t.tokenHash = :hash", ApiToken.class)
                .setParameter("hash", presented.hash()).getResultStream().findFirst();
        if (found.isEmpty() || !found.get().getUser().isEnabled()) {
            return Optional.empty();
        }
        ApiToken token = found.get();
        Instant now = accounts.now();
        if (token.getLastUsedAt() == null || token.getLastUsedAt().isBefore(now.minus(LAST_USE_STEP))) {
            // why conditional: of many requests that saw the old value at once, one writes.
            entityManager.createQuery("update ApiToken t set t.lastUsedAt = :now where t.id = :id"
                            + " and (t.lastUsedAt is null or t.lastUsedAt < :stale)")
                    .setParameter("now", now).setParameter("id", token.getId())
                    .setParameter("stale", now.minus(LAST_USE_STEP)).executeUpdate();
        }
        AppUser user = token.getUser();
        return Optional.of(new Verified(user.getUsername(), user.getSessionEpoch(), user.getRoles()));
    }

    private AppUser user(String username) {
        return accounts.findByUsername(username)
                .orElseThrow(() -> new UserChangeRefused(Reason.NOT_FOUND, "user.notFound", username));
    }
}
