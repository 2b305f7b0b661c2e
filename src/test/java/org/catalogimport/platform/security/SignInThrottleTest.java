package org.catalogimport.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The throttle's rule with a clock the test moves: per (user, address), 10 failures in 15 minutes. */
class SignInThrottleTest {

    private static final int MAX = 10;
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration BLOCK = Duration.ofMinutes(15);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final SignInThrottle throttle = new SignInThrottle(clock, MAX, WINDOW, BLOCK);

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void aPairIsRefusedAfterTenFailuresUntilTheBlockHasPassed() {
        fail("1c", "192.0.2.1", MAX - 1);
        assertEquals(Duration.ZERO, throttle.waitFor("1c", "192.0.2.1"), "nine failures: it may still try");

        assertTrue(throttle.failed("1c", "192.0.2.1"), "the tenth failure reports that the pair is now throttled");

        assertTrue(throttle.waitFor("1c", "192.0.2.1").compareTo(Duration.ofMinutes(14)) > 0);
        now.set(now.get().plus(BLOCK).plusSeconds(1));
        assertEquals(Duration.ZERO, throttle.waitFor("1c", "192.0.2.1"));
    }

    @Test
    void theSameUserFromAnotherAddressAndAnotherUserFromTheSameAddressAreNotAffected() {
        fail("1c", "192.0.2.1", MAX);

        assertFalse(throttle.waitFor("1c", "192.0.2.1").isZero());
        assertEquals(Duration.ZERO, throttle.waitFor("1c", "192.0.2.2"), "the owner's own address");
        assertEquals(Duration.ZERO, throttle.waitFor("admin", "192.0.2.1"), "another user behind the same proxy");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        fail("1c", "192.0.2.1", MAX - 1);
        now.set(now.get().plus(WINDOW).plusSeconds(1));

        assertFalse(throttle.failed("1c", "192.0.2.1"));
        assertEquals(Duration.ZERO, throttle.waitFor("1c", "192.0.2.1"));
    }

    @Test
    void aSuccessForgetsTheFailures() {
        fail("1c", "192.0.2.1", MAX - 1);
        throttle.succeeded("1c", "192.0.2.1");
        throttle.failed("1c", "192.0.2.1");
        assertEquals(Duration.ZERO, throttle.waitFor("1c", "192.0.2.1"));
    }

    @Test
    void onlyTheFailureThatReachesTheLimitReportsIt() {
        fail("1c", "192.0.2.1", MAX);
        assertFalse(throttle.failed("1c", "192.0.2.1"), "an eleventh failure is not a new throttling");
    }
}
