package org.catalogimport.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportSessions;
import org.catalogimport.imports.ImportSource;
import org.catalogimport.imports.ImportStatus;
import org.catalogimport.imports.upload.PackageUpload;
import org.catalogimport.exchange.ExchangeHistory;

/**
 * What the API tells about an import session. {@code skippedItems}: items read but not stored;
 * {@code warnings}: items stored with a caveat; {@code failedItems} is the skipped count under its
 * old name, kept for existing clients. {@code changeReport} (per entity: read, inserted, updated,
 * unchanged, merged, skipped, deactivated, warnings; {@code pictures}: new, replaced, unchanged,
 * missing, refused, removed) and {@code problems} only on the single-session
 * answer. {@code source}: CONSOLE, API or EXCHANGE (null for sessions older than
 * that record), {@code sourceReference}: e.g. "exchange 12". {@code receivedFiles} (single-session answer of an exchange session): the files
 * 1C sent for it, with size and number of chunks. {@code dryRun}: a check, always rolled back; {@code cancelRequestedBy/At}: who asked to
 * cancel it. {@code uploadId}: the console upload the session read (null: the import folder or an
 * exchange's files); {@code upload} (single-session answer): that upload's files, size, who uploaded it and when.
 * {@code unreadItems}: item elements the package held where no reader looks (never read, each place a
 * problem); {@code census} (single-session answer): where they sat ({@code unread}) and the elements passed over as
 * unknown or unused ({@code unused}), each with path, count, file and line. {@code retryOf}: the failed or
 * cancelled session this one imports again ({@code POST /api/imports/{id}/retry}), null for a first import.
 */
public record ImportSessionView(long id, ImportStatus status, Instant startedAt, Instant finishedAt,
                                long totalItems, long processedItems, long skippedItems, long warnings,
                                long failedItems, String errorMessage, String triggeredBy, ImportSource source,
                                String sourceReference, String node,
                                Instant heartbeatAt, boolean allowMassDeactivation, boolean dryRun,
                                String cancelRequestedBy, Instant cancelRequestedAt, JsonObject changeReport,
                                List<ImportSessions.Problem> problems,
                                List<ExchangeHistory.ReceivedFile> receivedFiles,
                                Long uploadId, UploadView upload, long unreadItems, JsonObject census, Long retryOf) {

    /** Who uploaded the package a session read, and what it was. */
    public record UploadView(long id, List<String> files, long totalBytes, String uploadedBy, Instant uploadedAt,
                             String discardedBy, Instant discardedAt) {
        public static UploadView of(PackageUpload upload) {
            return new UploadView(upload.id(), upload.fileNames(), upload.totalBytes(), upload.uploadedBy(),
                    upload.uploadedAt(), upload.discardedBy(), upload.discardedAt());
        }
    }

    public static ImportSessionView of(ImportSession session) {
        return of(session, null, List.of(), null, null, null);
    }

    public static ImportSessionView of(ImportSession session, String changeReportJson, List<ImportSessions.Problem> problems,
                                       List<ExchangeHistory.ReceivedFile> receivedFiles,
                                       PackageUpload upload, String censusJson) {
        return new ImportSessionView(session.getId(), session.getStatus(), session.getStartedAt(),
                session.getFinishedAt(), session.getTotalItems(), session.getProcessedItems(),
                session.getSkippedItems(), session.getWarningItems(), session.getSkippedItems(),
                session.getErrorMessage(), session.getTriggeredBy(), session.getSource(),
                session.getSourceReference(), session.getNode(), session.getHeartbeatAt(),
                session.isAllowMassDeactivation(), session.isDryRun(), session.getCancelRequestedBy(),
                session.getCancelRequestedAt(), parse(changeReportJson), problems, receivedFiles,
                session.getUploadId(), upload == null ? null : UploadView.of(upload), session.getUnreadItems(),
                parse(censusJson), session.getRetryOf());
    }

    private static JsonObject parse(String json) {
        if (json == null) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
