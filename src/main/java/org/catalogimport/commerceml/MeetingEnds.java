package org.catalogimport.commerceml;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which entries of a zip each end of one unpacking has taken ({@link GrowingZipUnpacker}): the
 * front (the thread following the zip as it arrives) takes them in order from the first, the tail
 * (a helper reading the complete zip by random access) from the last backwards, until they meet.
 * Every entry is taken by exactly one end; what the tail unpacked is handed to the front, which
 * checks the whole against the central directory.
 *
 * @param <T> what the tail hands over for each entry
 */
final class MeetingEnds<T> {

    private int frontNext;
    private int backFirst = Integer.MAX_VALUE;
    private final Map<Integer, T> fromTail = new HashMap<>();
    private boolean tailStarted;
    private boolean tailBusy;
    private boolean frontEnded;
    private String tailFailure;

    /** Whether the front may take entry {@code index}: false once the tail has it (and so every one after it). */
    synchronized boolean claimFront(int index) {
        if (index >= backFirst) {
            return false;
        }
        frontNext = index + 1;
        return true;
    }

    /** Whether the tail may start: only once per unpacking, and not after the front has ended. */
    synchronized boolean startTail() {
        if (tailStarted || frontEnded) {
            return false;
        }
        tailStarted = true;
        tailBusy = true;
        return true;
    }

    /** The next entry for the tail, of {@code entries} in all; -1 when it has met the front, or when told to stop. */
    synchronized int claimTail(int entries, boolean stop) {
        int index = Math.min(backFirst, entries) - 1;
        if (index < frontNext || stop || frontEnded) {
            return -1;
        }
        backFirst = index;
        return index;
    }

    /**
     * The front gave up: the tail takes no more entries, and this waits until it has stopped (it
     * checks {@link #frontEnded()} between its writes), so that the caller may delete what was written.
     */
    synchronized void frontGaveUp() {
        frontEnded = true;
        while (tailBusy) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    synchronized boolean frontEnded() {
        return frontEnded;
    }

    synchronized void tailUnpacked(int index, T unpacked) {
        fromTail.put(index, unpacked);
    }

    /** The tail is done; {@code failure} (null if none) explains an entry it took and did not hand over. */
    synchronized void tailEnded(String failure) {
        tailFailure = failure;
        tailBusy = false;
        notifyAll();
    }

    /**
     * Waits for the tail to end and gives what it unpacked, from {@code index} (where the front stopped) on.
     *
     * @throws IOException when the tail failed after it took an entry
     */
    synchronized List<T> tailFrom(int index) throws IOException {
        while (tailBusy) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        List<T> tail = new ArrayList<>();
        for (int i = index; fromTail.containsKey(i); i++) {
            tail.add(fromTail.get(i));
        }
        // why no check that the tail reaches the last entry: the front checks the whole against the central directory
        if (tailFailure != null || tail.size() != fromTail.size()) {
            throw new IOException("the entries from the end were not all unpacked" + (tailFailure == null ? "" : ": " + tailFailure));
        }
        return tail;
    }
}
