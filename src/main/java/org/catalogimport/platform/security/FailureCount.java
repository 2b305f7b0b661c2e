package org.catalogimport.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per key within a window; a key that reaches the limit is blocked for a while.
 * In memory, per node; bounded (a flood from many keys must not grow it without end).
 */
final class FailureCount {

    private static final int MAX_KEYS = 10_000;

    private record Failures(int count, Instant since, Instant blockedUntil) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration block;

    FailureCount(Clock clock, int maxFailures, Duration window, Duration block) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.block = block;
    }

    /** How long the key must still wait, or zero when it may try. */
    Duration waitFor(String key) {
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

    /** Counts a failure of the key; true when this one reached the limit (the key is refused from now on). */
    boolean failed(String key) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            failures.entrySet().removeIf(e -> expired(e.getValue(), now));
        }
        Failures after = failures.merge(key, new Failures(1, now, blockedAfter(1, now)),
                (old, one) -> expired(old, now) ? one
                        : new Failures(old.count() + 1, old.since(), blockedAfter(old.count() + 1, now)));
        return after.count() == maxFailures;
    }

    void forget(String key) {
        failures.remove(key);
    }

    int maxFailures() {
        return maxFailures;
    }

    private Instant blockedAfter(int count, Instant now) {
        return count >= maxFailures ? now.plus(block) : null;
    }

    private boolean expired(Failures failures, Instant now) {
        return failures.blockedUntil() == null ? failures.since().plus(window).isBefore(now)
                : !failures.blockedUntil().isAfter(now);
    }
}
