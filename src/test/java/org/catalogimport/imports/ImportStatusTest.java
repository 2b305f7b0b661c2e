package org.catalogimport.imports;

import static org.catalogimport.imports.ImportStatus.CANCELLED;
import static org.catalogimport.imports.ImportStatus.COMPLETED;
import static org.catalogimport.imports.ImportStatus.FAILED;
import static org.catalogimport.imports.ImportStatus.PENDING;
import static org.catalogimport.imports.ImportStatus.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ImportStatusTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void onlyTheDocumentedTransitionsAreAllowed() {
        assertEquals(EnumSet.of(RUNNING, FAILED, CANCELLED), PENDING.allowedNext());
        assertEquals(EnumSet.of(COMPLETED, FAILED, CANCELLED), RUNNING.allowedNext());
        assertTrue(CANCELLED.allowedNext().isEmpty());
        assertTrue(COMPLETED.allowedNext().isEmpty());
        assertTrue(FAILED.allowedNext().isEmpty());
    }

    @Test
    void finalStatusesAreCompletedFailedAndCancelled() {
        assertEquals(EnumSet.of(COMPLETED, FAILED, CANCELLED),
                EnumSet.copyOf(Arrays.stream(ImportStatus.values()).filter(ImportStatus::isFinal).toList()));
    }

    @Test
    void allowedPreviousIsTheInverseOfAllowedNext() {
        assertEquals(EnumSet.of(PENDING), ImportStatus.allowedPrevious(RUNNING));
        assertEquals(EnumSet.of(PENDING, RUNNING), ImportStatus.allowedPrevious(FAILED));
        assertEquals(EnumSet.of(RUNNING), ImportStatus.allowedPrevious(COMPLETED));
        assertEquals(EnumSet.of(PENDING, RUNNING), ImportStatus.allowedPrevious(CANCELLED));
        assertTrue(ImportStatus.allowedPrevious(PENDING).isEmpty());
    }

    @Test
    void aSessionRunsToCompletionAndKnowsItsDuration() {
        // Given a new session
        ImportSession session = new ImportSession("admin", "node-1", T0);
        assertEquals(PENDING, session.getStatus());
        assertNull(session.duration());

        // When it runs and completes
        session.moveTo(RUNNING, T0.plusSeconds(1));
        session.moveTo(COMPLETED, T0.plusSeconds(75));

        // Then it is finished, with finished - started as its duration
        assertEquals(COMPLETED, session.getStatus());
        assertEquals(T0.plusSeconds(75), session.getFinishedAt());
        assertEquals(Duration.ofSeconds(75), session.duration());
    }

    @Test
    void aFinishedSessionCannotChangeAgain() {
        ImportSession session = new ImportSession("admin", "node-1", T0);
        session.fail("data directory missing", T0.plusSeconds(2));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> session.moveTo(RUNNING, T0.plusSeconds(3)));
        assertTrue(e.getMessage().contains("FAILED to RUNNING"), e.getMessage());
        assertEquals("data directory missing", session.getErrorMessage());
    }

    @Test
    void aPendingSessionCannotCompleteWithoutRunning() {
        ImportSession session = new ImportSession("admin", "node-1", T0);
        assertThrows(IllegalStateException.class, () -> session.moveTo(COMPLETED, T0));
        assertFalse(session.getStatus().isFinal());
    }
}
