package org.catalogimport.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.catalogimport.imports.ImportCounts;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportStatus;
import org.junit.jupiter.api.Test;

class ShownStatusTest {

    private static ImportSession completed(long skipped, long warnings) {
        ImportSession session = new ImportSession("test", "node", Instant.EPOCH);
        session.moveTo(ImportStatus.RUNNING, Instant.EPOCH);
        session.recordProgress(10, new ImportCounts(10, skipped, warnings), Instant.EPOCH);
        session.moveTo(ImportStatus.COMPLETED, Instant.EPOCH.plusSeconds(5));
        return session;
    }

    @Test
    void aCompletedSessionWithSkippedItemsOrWarningsHasAStatusOfItsOwn() {
        assertEquals("COMPLETED", ShownStatus.of(completed(0, 0)));
        assertEquals("COMPLETED_WITH_PROBLEMS", ShownStatus.of(completed(1, 0)));
        assertEquals("COMPLETED_WITH_PROBLEMS", ShownStatus.of(completed(0, 1)));
        assertEquals("pi-exclamation-triangle", ShownStatus.icon("COMPLETED_WITH_PROBLEMS"));
    }

    @Test
    void theFilterOffersItNextToCompletedAndCompletedMeansClean() {
        assertEquals(List.of("PENDING", "RUNNING", "COMPLETED", "COMPLETED_WITH_PROBLEMS", "FAILED"),
                ShownStatus.filterOptions().stream().filter(s -> !s.equals("CANCELLED")).toList());
        assertEquals(new ShownStatus.Filter(ImportStatus.COMPLETED, true), ShownStatus.filter("COMPLETED_WITH_PROBLEMS"));
        assertEquals(new ShownStatus.Filter(ImportStatus.COMPLETED, false), ShownStatus.filter("COMPLETED"));
        assertEquals(new ShownStatus.Filter(ImportStatus.FAILED, null), ShownStatus.filter("FAILED"));
        assertEquals(ShownStatus.Filter.ANY, ShownStatus.filter(""));
    }

    @Test
    void durationsUseTheUnitsOfThePagesLanguage() {
        assertEquals("42 s", SessionFormat.format(42, "s", "min"));
        assertEquals("3 мин 5 с", SessionFormat.format(185, "с", "мин"));
    }
}
