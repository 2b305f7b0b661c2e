package org.catalogimport.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing on the exchange: after {@link #MAX_FAILURES} failed sign-ins from one
 * address within {@link #WINDOW}, that address is refused without checking until the window has
 * passed. Per node (each node counts its own callers): with N nodes a guesser gets N times the
 * attempts, still a handful per quarter hour.
 */
public final class SignInThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_ADDRESSES = 10_000;

    private record Failures(int count, Instant since) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code address} must still wait, or zero when it may try. */
    public Duration waitFor(String address) {
        Failures seen = failures.get(address);
        if (seen == null || seen.count() < MAX_FAILURES) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), seen.since().plus(WINDOW));
        if (left.isNegative() || left.isZero()) {
            failures.remove(address, seen);
            return Duration.ZERO;
        }
        return left;
    }

    public void failed(String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_ADDRESSES) {
            // why: a flood from many addresses must not grow the map without bound.
            failures.entrySet().removeIf(e -> e.getValue().since().plus(WINDOW).isBefore(now));
        }
        failures.merge(address, new Failures(1, now), (old, one) -> old.since().plus(WINDOW).isBefore(now)
                ? one : new Failures(old.count() + 1, old.since()));
    }

    public void succeeded(String address) {
        failures.remove(address);
    }
}
