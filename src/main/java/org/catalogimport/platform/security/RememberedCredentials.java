package org.catalogimport.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Basic credentials this node verified a short while ago, so that a script calling the API
 * many times pays the password hash once, not on every request.
 * <ul>
 *   <li>What is kept is the user, its roles and its session epoch, keyed by an HMAC-SHA256 of the
 *       whole {@code Authorization} header under a key made at random when the node starts and
 *       never stored: neither the password nor anything a password could be tried against offline
 *       is held.</li>
 *   <li>Every use compares the remembered epoch with the user's current one (the caller passes
 *       the lookup, one indexed query): a new password, other roles or a disabled user bump or
 *       remove the epoch ({@link AppUser}), and the entry is dropped at once, on every node, as
 *       {@code SessionValidity} ends console sessions.</li>
 *   <li>An entry lives {@code ttl} at most (then the password is hashed again); zero remembers
 *       nothing.</li>
 *   <li>Concurrent first requests with the same header share one hash ({@link #verifyOnce}):
 *       twenty clients starting together, or an expiry under load, cost one hash, not twenty.</li>
 * </ul>
 * Wrong credentials are never remembered: the throttle refuses those.
 */
public final class RememberedCredentials {

    private static final int MAX_ENTRIES = 10_000;
    private static final String HMAC = "HmacSHA256";

    /** What is remembered of a verified credential. */
    public record Verified(String user, int epoch, Set<String> roles) {

        public Verified {
            roles = Set.copyOf(roles);
        }
    }

    private record Entry(Verified verified, Instant until) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Optional<Verified>>> checking = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration ttl;

    public RememberedCredentials(Clock clock, Duration ttl, SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * The remembered caller of {@code header}, if it was verified within the time to live and the
     * user's epoch is still the one it was verified with; an entry that is not is dropped.
     *
     * @param currentEpoch the user's session epoch now, empty when the user is disabled or gone
     */
    public Optional<Verified> find(String header, Function<String, Optional<Integer>> currentEpoch) {
        String id = keyOf(header);
        Entry entry = entries.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.until().isAfter(clock.instant())
                || !currentEpoch.apply(entry.verified().user()).equals(Optional.of(entry.verified().epoch()))) {
            entries.remove(id, entry);
            return Optional.empty();
        }
        return Optional.of(entry.verified());
    }

    /**
     * Runs {@code check} (the password hash) for {@code header} and remembers a success; a request
     * with the same header arriving meanwhile waits for this check's answer instead of hashing
     * again.
     */
    public Optional<Verified> verifyOnce(String header, Supplier<Optional<Verified>> check) {
        String id = keyOf(header);
        CompletableFuture<Optional<Verified>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Verified>> running = checking.putIfAbsent(id, mine);
        if (running != null) {
            return running.join();
        }
        try {
            Optional<Verified> verified = check.get();
            verified.ifPresent(caller -> remember(id, caller));
            mine.complete(verified);
            return verified;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(id, mine);
        }
    }

    /** How many credentials are remembered now. */
    public int size() {
        return entries.size();
    }

    private void remember(String id, Verified verified) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(entry -> !entry.until().isAfter(now));
            if (entries.size() >= MAX_ENTRIES) {
                // why not remember: that many different credentials within the time to live is a
                // flood, and its entries would push out the ones in real use.
                return;
            }
        }
        entries.put(id, new Entry(verified, now.plus(ttl)));
    }

    /** The HMAC of the header: what an entry is found by. */
    String keyOf(String header) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return Base64.getEncoder().withoutPadding().encodeToString(mac.doFinal(header.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + HMAC, e);
        }
    }
}
