package org.catalogimport.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, per (user name, client address): after {@code maxFailures} failed
 * sign-ins of one pair within {@code window}, that pair is refused without checking for
 * {@code block}. Why the pair and not the address: behind a proxy, or from one office, many people
 * share an address, and a stranger's wrong guesses must not lock 1C or an administrator out from
 * theirs; why not the user alone: then anyone could lock any user out. Per node, in memory (each
 * node counts its own callers): with N nodes a guesser gets N times the attempts, still a handful
 * per quarter hour.
 */
public final class SignInThrottle {

    private static final int MAX_PAIRS = 10_000;

    private record Failures(int count, Instant since, Instant blockedUntil) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration block;

    public SignInThrottle(Clock clock, int maxFailures, Duration window, Duration block) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.block = block;
    }

    /** How long the pair must still wait, or zero when it may try. */
    public Duration waitFor(String user, String address) {
        String key = key(user, address);
        Failures seen = failures.get(key);
        if (seen == null || seen.blockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), seen.blockedUntil());
        if (left.isNegative() || left.isZero()) {
            failures.remove(key, seen);
            return Duration.ZERO;
        }
        return left;
    }

    /**
     * Counts a failure of the pair.
     *
     * @return true when this failure reached the limit (the pair is refused from now on)
     */
    public boolean failed(String user, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_PAIRS) {
            // why: a flood from many addresses must not grow the map without bound.
            failures.entrySet().removeIf(e -> expired(e.getValue(), now));
        }
        Failures after = failures.merge(key(user, address), new Failures(1, now, blockedAfter(1, now)),
                (old, one) -> expired(old, now) ? one
                        : new Failures(old.count() + 1, old.since(), blockedAfter(old.count() + 1, now)));
        return after.count() == maxFailures;
    }

    public void succeeded(String user, String address) {
        failures.remove(key(user, address));
    }

    private Instant blockedAfter(int count, Instant now) {
        return count >= maxFailures ? now.plus(block) : null;
    }

    private boolean expired(Failures failures, Instant now) {
        return failures.blockedUntil() == null ? failures.since().plus(window).isBefore(now)
                : !failures.blockedUntil().isAfter(now);
    }

    private static String key(String user, String address) {
        // why a NUL between: neither a user name nor an address can hold one, so no two pairs share a key.
        return user + '\u0000' + address;
    }
}
