package org.catalogimport.platform.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * One password check at a time per client address: the others from that address wait their turn.
 * Why: the throttle counts a failure only once its hash is paid, so twenty guesses sent at once
 * would all be hashing, on every core, before the first of them counted. In turn, one address
 * keeps at most one core busy, and each waiting guess looks at the throttle again before its hash
 * ({@link SignInGuard#checkInTurn}). A gate exists only while someone uses it.
 */
final class AddressTurns {

    private static final class Gate {
        final Semaphore turn = new Semaphore(1, true);
        int users;
    }

    private final ConcurrentHashMap<String, Gate> gates = new ConcurrentHashMap<>();

    <T> T inTurn(String address, Supplier<T> check) {
        Gate gate = gates.compute(address, (key, existing) -> {
            Gate used = existing == null ? new Gate() : existing;
            used.users++;
            return used;
        });
        try {
            gate.turn.acquireUninterruptibly();
            try {
                return check.get();
            } finally {
                gate.turn.release();
            }
        } finally {
            gates.computeIfPresent(address, (key, used) -> --used.users == 0 ? null : used);
        }
    }

    /** How many addresses have a check running or waiting now. */
    int size() {
        return gates.size();
    }
}
