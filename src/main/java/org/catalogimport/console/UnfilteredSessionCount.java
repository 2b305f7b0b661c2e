package org.catalogimport.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.catalogimport.imports.ImportSessions;

/**
 * The number of sessions the unfiltered table pages over, counted again only when a session was
 * added (the newest id moved: one index probe) or {@link #RECHECK} has passed (the daily retention
 * job deletes old sessions, possibly on another node). why: count(*) over 100k sessions was the
 * largest query left on every page view and every poll; an open page's paginator may show a total
 * that is a few deleted sessions too high for at most {@link #RECHECK}.
 */
@ApplicationScoped
public class UnfilteredSessionCount {

    static final Duration RECHECK = Duration.ofSeconds(30);

    @Inject
    ImportSessions sessions;

    private final Clock clock = Clock.systemUTC();
    private long newestId = Long.MIN_VALUE;
    private long count;
    private Instant countedAt = Instant.EPOCH;

    public synchronized long get() {
        long newest = sessions.newestId();
        Instant now = clock.instant();
        if (newest != newestId || Duration.between(countedAt, now).compareTo(RECHECK) >= 0) {
            count = sessions.count(null, null);
            newestId = newest;
            countedAt = now;
        }
        return count;
    }
}
