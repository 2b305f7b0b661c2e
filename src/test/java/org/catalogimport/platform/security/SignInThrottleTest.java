package org.catalogimport.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.catalogimport.testing.MovableClock;
import org.junit.jupiter.api.Test;

/**
 * The throttle's rule with a clock the test moves: per (user, address), 10 failures in 15 minutes;
 * per address, whatever the user names, 50.
 */
class SignInThrottleTest {

    private static final int MAX = 10;
    private static final int MAX_PER_ADDRESS = 50;
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration BLOCK = Duration.ofMinutes(15);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(clock, MAX, MAX_PER_ADDRESS, WINDOW, BLOCK);

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    private Duration waitFor(String user, String address) {
        return throttle.check(user, address).retryAfter();
    }

    @Test
    void aPairIsRefusedAfterTenFailuresUntilTheBlockHasPassed() {
        fail("1c", "192.0.2.1", MAX - 1);
        assertEquals(Duration.ZERO, waitFor("1c", "192.0.2.1"), "nine failures: it may still try");

        assertEquals(new SignInThrottle.Reached(true, false), throttle.failed("1c", "192.0.2.1"),
                "the tenth failure reports that the pair is now throttled");
        assertFalse(throttle.check("1c", "192.0.2.1").wholeAddress(), "the pair, not the whole address");

        assertTrue(waitFor("1c", "192.0.2.1").compareTo(Duration.ofMinutes(14)) > 0);
        clock.advance(BLOCK.plusSeconds(1));
        assertEquals(Duration.ZERO, waitFor("1c", "192.0.2.1"));
    }

    @Test
    void theSameUserFromAnotherAddressAndAnotherUserFromTheSameAddressAreNotAffected() {
        fail("1c", "192.0.2.1", MAX);

        assertFalse(waitFor("1c", "192.0.2.1").isZero());
        assertEquals(Duration.ZERO, waitFor("1c", "192.0.2.2"), "the owner's own address");
        assertEquals(Duration.ZERO, waitFor("admin", "192.0.2.1"), "another user behind the same proxy");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        fail("1c", "192.0.2.1", MAX - 1);
        clock.advance(WINDOW.plusSeconds(1));

        assertFalse(throttle.failed("1c", "192.0.2.1").pair());
        assertEquals(Duration.ZERO, waitFor("1c", "192.0.2.1"));
    }

    @Test
    void aSuccessForgetsTheFailures() {
        fail("1c", "192.0.2.1", MAX - 1);
        throttle.succeeded("1c", "192.0.2.1");
        throttle.failed("1c", "192.0.2.1");
        assertEquals(Duration.ZERO, waitFor("1c", "192.0.2.1"));
    }

    @Test
    void onlyTheFailureThatReachesTheLimitReportsIt() {
        fail("1c", "192.0.2.1", MAX);
        assertFalse(throttle.failed("1c", "192.0.2.1").pair(), "an eleventh failure is not a new throttling");
    }

    @Test
    void anAddressThatTriesManyNamesIsRefusedForEveryNameAfterFiftyFailures() {
        for (int i = 0; i < MAX_PER_ADDRESS - 1; i++) {
            assertEquals(new SignInThrottle.Reached(false, false), throttle.failed("guess-" + i, "192.0.2.66"));
        }
        assertEquals(Duration.ZERO, waitFor("admin", "192.0.2.66"), "49 failures of 49 names: it may still try");

        assertTrue(throttle.failed("guess-last", "192.0.2.66").address(), "the fiftieth reports the address throttled");

        SignInThrottle.Refusal refusal = throttle.check("admin", "192.0.2.66");
        assertTrue(refusal.refused() && refusal.wholeAddress(), refusal.toString());
        assertTrue(throttle.check(null, "192.0.2.66").refused(), "a token (no user name) from there too");
        assertEquals(SignInThrottle.Refusal.NONE, throttle.check("admin", "192.0.2.67"), "another address is not affected");
        clock.advance(BLOCK.plusSeconds(1));
        assertEquals(SignInThrottle.Refusal.NONE, throttle.check("admin", "192.0.2.66"));
    }

    @Test
    void aSuccessDoesNotForgetTheAddresssFailures() {
        for (int i = 0; i < MAX_PER_ADDRESS - 1; i++) {
            throttle.failed("guess-" + i, "192.0.2.66");
        }
        throttle.succeeded("known-user", "192.0.2.66");

        assertTrue(throttle.failed("guess-again", "192.0.2.66").address(),
                "one account that signs in must not let its address guess on");
    }

    @Test
    void failuresWithoutAUserNameCountForTheAddressOnly() {
        for (int i = 0; i < MAX_PER_ADDRESS - 1; i++) {
            assertFalse(throttle.failed(null, "192.0.2.68").pair());
        }
        assertTrue(throttle.failed(null, "192.0.2.68").address());
        assertTrue(throttle.check(null, "192.0.2.68").wholeAddress());
    }
}
