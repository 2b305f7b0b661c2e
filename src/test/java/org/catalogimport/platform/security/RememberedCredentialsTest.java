package org.catalogimport.platform.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;
import org.catalogimport.platform.security.RememberedCredentials.Verified;
import org.catalogimport.testing.MovableClock;
import org.junit.jupiter.api.Test;

/**
 * Remembered Basic credentials, with a real {@link AppUser} whose password, roles and enabled flag
 * change as {@link UserAdministration} changes them, and a clock the test moves.
 */
class RememberedCredentialsTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String HEADER = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final Duration TTL = Duration.ofSeconds(60);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final RememberedCredentials remembered = new RememberedCredentials(clock, TTL, new SecureRandom());
    private final AppUser user = new AppUser("admin", "PBKDF2WithHmacSHA256:1:c2FsdA==:aGFzaA==", Set.of(Roles.ADMIN), clock.instant());
    private final AtomicInteger hashes = new AtomicInteger();

    /** The password check as the identity store does it, counted. */
    private final Supplier<Optional<Verified>> passwordCheck = () -> {
        hashes.incrementAndGet();
        return Optional.of(new Verified(user.getUsername(), user.getSessionEpoch(), user.getRoles()));
    };

    /** UserAccounts.sessionEpoch: the epoch of an enabled user, nothing for a disabled one. */
    private Optional<Integer> currentEpoch(String name) {
        return name.equals(user.getUsername()) && user.isEnabled() ? Optional.of(user.getSessionEpoch()) : Optional.empty();
    }

    private Optional<Verified> find() {
        return remembered.find(HEADER, this::currentEpoch);
    }

    @Test
    void aVerifiedCredentialIsFoundAgainWithoutAnotherHash() {
        assertEquals(Optional.empty(), find(), "nothing before the first check");
        remembered.verifyOnce(HEADER, passwordCheck);

        Optional<Verified> again = find();

        assertEquals(Optional.of(new Verified("admin", 0, Set.of(Roles.ADMIN))), again);
        assertEquals(1, hashes.get());
    }

    @Test
    void aNewPasswordDropsItAtOnce() {
        remembered.verifyOnce(HEADER, passwordCheck);

        user.changePassword("PBKDF2WithHmacSHA256:1:c2FsdA==:bmV3", clock.instant());

        assertEquals(Optional.empty(), find());
        assertEquals(0, remembered.size(), "dropped, not only skipped");
    }

    @Test
    void otherRolesDropIt() {
        remembered.verifyOnce(HEADER, passwordCheck);

        user.changeRoles(Set.of(Roles.VIEWER), clock.instant());

        assertEquals(Optional.empty(), find());
        remembered.verifyOnce(HEADER, passwordCheck);
        assertEquals(Set.of(Roles.VIEWER), find().orElseThrow().roles(), "checked again: the new roles");
    }

    @Test
    void disablingTheUserDropsIt() {
        remembered.verifyOnce(HEADER, passwordCheck);

        user.enable(false, clock.instant());

        assertEquals(Optional.empty(), find());
        assertEquals(0, remembered.size());
    }

    @Test
    void itIsForgottenAfterItsTimeToLive() {
        remembered.verifyOnce(HEADER, passwordCheck);
        clock.advance(TTL.minusSeconds(1));
        assertTrue(find().isPresent());

        clock.advance(Duration.ofSeconds(1));

        assertEquals(Optional.empty(), find());
    }

    @Test
    void aTimeToLiveOfZeroRemembersNothing() {
        RememberedCredentials off = new RememberedCredentials(clock, Duration.ZERO, new SecureRandom());
        off.verifyOnce(HEADER, passwordCheck);

        assertEquals(Optional.empty(), off.find(HEADER, this::currentEpoch));
        assertEquals(0, off.size());
    }

    @Test
    void aWrongPasswordIsNeverRemembered() {
        remembered.verifyOnce(HEADER, Optional::empty);

        assertEquals(Optional.empty(), find());
        assertEquals(0, remembered.size());
    }

    @Test
    void anotherHeaderOfTheSameUserIsNotTheRememberedOne() {
        remembered.verifyOnce(HEADER, passwordCheck);

        String otherPassword = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD + "!").getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), remembered.find(otherPassword, this::currentEpoch));
        assertEquals(Optional.empty(), remembered.find(HEADER + " ", this::currentEpoch));
    }

    @Test
    void itIsKeyedByAnHmacUnderAKeyOfItsOwnAndHoldsNoPassword() throws Exception {
        remembered.verifyOnce(HEADER, passwordCheck);

        String key = remembered.keyOf(HEADER);
        assertEquals(43, key.length(), "32 bytes of HMAC-SHA256, Base64: " + key);
        assertNotEquals(key, new RememberedCredentials(clock, TTL, new SecureRandom()).keyOf(HEADER),
                "another node (another random key) keys it differently: a key read elsewhere opens nothing");
        List<String> held = new ArrayList<>();
        collectText(remembered, held, new IdentityHashMap<>());
        assertTrue(held.contains(key), "the walk sees the entries: " + held);
        for (String text : held) {
            assertFalse(text.contains(PASSWORD) || text.contains(HEADER.substring(6)), "held: " + text);
        }
    }

    @Test
    void concurrentFirstRequestsWithTheSameHeaderShareOneHash() throws Exception {
        int clients = 20;
        CountDownLatch release = new CountDownLatch(1);
        Supplier<Optional<Verified>> slowCheck = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return passwordCheck.get();
        };
        List<Thread> threads = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients, task -> {
            Thread thread = new Thread(task);
            threads.add(thread);
            return thread;
        });
        try {
            List<Future<Optional<Verified>>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> remembered.verifyOnce(HEADER, slowCheck)));
            }
            // Given all twenty inside verifyOnce: one in the check, nineteen waiting for its answer
            await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == clients
                    && threads.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING));
            release.countDown();

            for (Future<Optional<Verified>> answer : answers) {
                assertEquals("admin", answer.get().orElseThrow().user());
            }
            assertEquals(1, hashes.get(), "one hash for twenty requests");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every text the object holds: strings, and byte or char arrays read as UTF-8, through its fields, maps and records. */
    private static void collectText(Object value, List<String> held, Map<Object, Boolean> seen) throws IllegalAccessException {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof String text) {
            held.add(text);
        } else if (value instanceof byte[] bytes) {
            held.add(new String(bytes, StandardCharsets.UTF_8));
        } else if (value instanceof char[] chars) {
            held.add(new String(chars));
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                collectText(entry.getKey(), held, seen);
                collectText(entry.getValue(), held, seen);
            }
        } else if (value instanceof Collection<?> collection) {
            for (Object element : collection) {
                collectText(element, held, seen);
            }
        } else if (value instanceof SecretKeySpec key) {
            collectText(key.getEncoded(), held, seen);
        } else if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                try {
                    Object part = component.getAccessor().invoke(value);
                    collectText(part, held, seen);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else if (value.getClass().getName().startsWith("org.catalogimport.")) {
            for (Field field : value.getClass().getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    collectText(field.get(value), held, seen);
                }
            }
        }
    }
}
