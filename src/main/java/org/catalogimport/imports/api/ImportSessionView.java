package org.catalogimport.imports.api;

import java.time.Instant;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportStatus;

/** What the API tells about an import session. */
public record ImportSessionView(long id, ImportStatus status, Instant startedAt, Instant finishedAt,
                                long totalItems, long processedItems, long failedItems,
                                String errorMessage, String triggeredBy, String node) {

    public static ImportSessionView of(ImportSession session) {
        return new ImportSessionView(session.getId(), session.getStatus(), session.getStartedAt(),
                session.getFinishedAt(), session.getTotalItems(), session.getProcessedItems(),
                session.getFailedItems(), session.getErrorMessage(), session.getTriggeredBy(), session.getNode());
    }
}
