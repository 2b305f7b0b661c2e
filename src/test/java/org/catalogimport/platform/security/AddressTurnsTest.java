package org.catalogimport.platform.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One password check at a time per address; other addresses are not held up; no gate stays behind. */
class AddressTurnsTest {

    private final AddressTurns turns = new AddressTurns();
    private final ExecutorService pool = Executors.newFixedThreadPool(12);

    @Test
    void checksOfOneAddressRunOneAfterAnotherWhileAnotherAddressRunsAlongside() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        try {
            // Given ten checks of one address, the first of them held
            List<Future<Integer>> guesses = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                guesses.add(pool.submit(() -> turns.inTurn("192.0.2.66", () -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    started.incrementAndGet();
                    await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
                    running.decrementAndGet();
                    return 1;
                })));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 1);

            // When another address checks meanwhile, it is not held up
            assertEquals("done", pool.submit(() -> turns.inTurn("192.0.2.10", () -> "done")).get());
            assertEquals(1, started.get(), "the other nine still wait their turn");

            // Then, released, all ten run, never two at once
            release.countDown();
            int done = 0;
            for (Future<Integer> guess : guesses) {
                done += guess.get();
            }
            assertEquals(10, done);
            assertEquals(1, mostAtOnce.get());
            assertEquals(0, turns.size(), "no gate left behind");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingCheckGivesTheTurnBack() {
        try {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> pool.submit(
                    () -> turns.inTurn("192.0.2.66", () -> {
                        throw new IllegalStateException("the database is away");
                    })).get());
            assertEquals("the database is away", failed.getCause().getMessage());

            assertEquals("next", assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> turns.inTurn("192.0.2.66", () -> "next")));
            assertEquals(0, turns.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
