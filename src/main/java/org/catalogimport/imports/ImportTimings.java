package org.catalogimport.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where one import's time went, phase by phase, for its "completed" log line: the only way to tell
 * afterwards whether a slow import waited for its package (unpacking, counting) or for the database.
 * Used on the importing thread only.
 */
final class ImportTimings {

    private final long start = System.nanoTime();
    private long last = start;
    private final List<String> phases = new ArrayList<>();

    /** Ends the phase that ran since the previous mark (or the start). */
    void mark(String phase) {
        long now = System.nanoTime();
        phases.add(String.format(Locale.ROOT, "%s %.1f s", phase, (now - last) / 1e9));
        last = now;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f s: %s", (System.nanoTime() - start) / 1e9, String.join(", ", phases));
    }
}
