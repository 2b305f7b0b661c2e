package org.catalogimport.platform.security;

import java.time.Clock;
import java.time.Duration;

/**
 * Slows down password guessing at two levels, each refused before any password is hashed:
 * <ul>
 *   <li>per (user name, client address): after {@code maxFailures} failed sign-ins of one pair
 *       within {@code window}, that pair is refused for {@code block}. Why the pair and not the
 *       address alone: behind a proxy, or from one office, many people share an address, and a
 *       stranger's few wrong guesses must not lock 1C or an administrator out from theirs; why not
 *       the user alone: then anyone could lock any user out.</li>
 *   <li>per client address, whatever the user names: after {@code maxAddressFailures} failures
 *       (a higher limit) every sign-in from that address is refused for {@code block}. Without it
 *       a guesser that invents a new user name for every try would make the server hash for every
 *       one of them; with it an address costs at most that many hashes per window.</li>
 * </ul>
 * A success forgets the pair's failures, never the address's (one known account must not let an
 * address guess on). Per node, in memory: with N nodes a guesser gets N times the attempts.
 */
public final class SignInThrottle {

    /** Why a sign-in is refused before its password is checked, and for how long. */
    public record Refusal(Duration retryAfter, boolean wholeAddress) {

        public static final Refusal NONE = new Refusal(Duration.ZERO, false);

        public boolean refused() {
            return !retryAfter.isZero();
        }
    }

    /** What one more failure reached: the pair's limit, the address's limit, both or neither. */
    public record Reached(boolean pair, boolean address) {
    }

    private final FailureCount pairs;
    private final FailureCount addresses;

    public SignInThrottle(Clock clock, int maxFailures, int maxAddressFailures, Duration window, Duration block) {
        this.pairs = new FailureCount(clock, maxFailures, window, block);
        this.addresses = new FailureCount(clock, maxAddressFailures, window, block);
    }

    /** Whether {@code user} (null: no user name given, as with a token) from {@code address} is refused now. */
    public Refusal check(String user, String address) {
        Duration addressWait = addresses.waitFor(address);
        if (!addressWait.isZero()) {
            return new Refusal(addressWait, true);
        }
        Duration pairWait = user == null ? Duration.ZERO : pairs.waitFor(key(user, address));
        return pairWait.isZero() ? Refusal.NONE : new Refusal(pairWait, false);
    }

    /** Counts a failure of the pair (when a user name was given) and of the address. */
    public Reached failed(String user, String address) {
        boolean pair = user != null && pairs.failed(key(user, address));
        return new Reached(pair, addresses.failed(address));
    }

    public void succeeded(String user, String address) {
        pairs.forget(key(user, address));
    }

    public int maxFailures() {
        return pairs.maxFailures();
    }

    public int maxAddressFailures() {
        return addresses.maxFailures();
    }

    private static String key(String user, String address) {
        // why a NUL between: neither a user name nor an address can hold one, so no two pairs share a key.
        return user + '\u0000' + address;
    }
}
