package org.catalogimport.imports.api;

import java.time.Instant;
import java.util.List;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportSessions;
import org.catalogimport.imports.ImportStatus;

/**
 * What the API tells about an import session; {@code failures} only on the single-session answer.
 * {@code dryRun}: a check, always rolled back; {@code cancelRequestedBy/At}: who asked to cancel it.
 */
public record ImportSessionView(long id, ImportStatus status, Instant startedAt, Instant finishedAt,
                                long totalItems, long processedItems, long failedItems,
                                String errorMessage, String triggeredBy, String node, Instant heartbeatAt,
                                boolean dryRun, String cancelRequestedBy, Instant cancelRequestedAt,
                                List<ImportSessions.Failure> failures) {

    public static ImportSessionView of(ImportSession session) {
        return of(session, List.of());
    }

    public static ImportSessionView of(ImportSession session, List<ImportSessions.Failure> failures) {
        return new ImportSessionView(session.getId(), session.getStatus(), session.getStartedAt(),
                session.getFinishedAt(), session.getTotalItems(), session.getProcessedItems(),
                session.getFailedItems(), session.getErrorMessage(), session.getTriggeredBy(), session.getNode(),
                session.getHeartbeatAt(), session.isDryRun(), session.getCancelRequestedBy(),
                session.getCancelRequestedAt(), failures);
    }
}
