package org.catalogimport.imports;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of an import session, as an explicit state machine.
 *
 * <pre>
 *   PENDING ──► RUNNING ──► COMPLETED
 *      │           │
 *      ├───────────┼──────► FAILED
 *      └───────────┴──────► CANCELLED
 * </pre>
 *
 * Every status change in the database is a conditional update from one of the allowed previous
 * states, so two nodes (or a node and the orphan watchdog) can never both move a session.
 */
public enum ImportStatus {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED,
    /** Stopped on an administrator's request; rolled back like a failure, but nothing went wrong. */
    CANCELLED;

    /** The statuses a session may move to from this one. */
    public Set<ImportStatus> allowedNext() {
        return switch (this) {
            case PENDING -> EnumSet.of(RUNNING, FAILED, CANCELLED);
            case RUNNING -> EnumSet.of(COMPLETED, FAILED, CANCELLED);
            case COMPLETED, FAILED, CANCELLED -> EnumSet.noneOf(ImportStatus.class);
        };
    }

    public boolean canMoveTo(ImportStatus next) {
        return allowedNext().contains(next);
    }

    /** A final status: the session will never change again. */
    public boolean isFinal() {
        return allowedNext().isEmpty();
    }

    /** The statuses from which {@code target} may be reached, for conditional SQL updates. */
    public static Set<ImportStatus> allowedPrevious(ImportStatus target) {
        Set<ImportStatus> previous = EnumSet.noneOf(ImportStatus.class);
        for (ImportStatus status : values()) {
            if (status.canMoveTo(target)) {
                previous.add(status);
            }
        }
        return previous;
    }
}
