package org.catalogimport.imports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One run of the catalog import: who started it, where it runs, how far it got and how it ended.
 * Status changes go through {@link #moveTo(ImportStatus, Instant)} so the state machine in
 * {@link ImportStatus} is the only way a session can change state.
 */
@Entity
@Table(name = "import_session")
public class ImportSession {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ImportStatus status = ImportStatus.PENDING;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "total_items", nullable = false)
    private long totalItems;

    @Column(name = "processed_items", nullable = false)
    private long processedItems;

    /** Items read but not stored, each reported in import_problem. */
    @Column(name = "skipped_items", nullable = false)
    private long skippedItems;

    /** Items stored with a caveat, each reported in import_problem. */
    @Column(name = "warning_items", nullable = false)
    private long warningItems;

    /** Item elements the package held where no reader looks: never read, each place reported as a problem. */
    @Column(name = "unread_items", nullable = false)
    private long unreadItems;

    /** The failed or cancelled session this one imports again, if it does. */
    @Column(name = "retry_of")
    private Long retryOf;

    /** The administrator allowed this import to deactivate more than the configured share of the catalog. */
    @Column(name = "allow_mass_deactivation", nullable = false)
    private boolean allowMassDeactivation;

    /** Identifies the package this session read (see PackagePreview#fingerprint), when it could be read. */
    @Column(name = "package_fingerprint", length = 64)
    private String packageFingerprint;

    @Column(name = "error_message")
    private String errorMessage;

    /** The error as a message key and its JSON arguments (V17), written by SQL beside error_message; null before. */
    @Column(name = "error_key", insertable = false, updatable = false)
    private String errorKey;

    @Column(name = "error_args", insertable = false, updatable = false)
    private String errorArgs;

    @Column(name = "triggered_by", nullable = false, length = 100)
    private String triggeredBy;

    @Column(length = 255)
    private String node;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    @Column(name = "cancel_requested_by", length = 100)
    private String cancelRequestedBy;

    @Column(name = "cancel_requested_at")
    private Instant cancelRequestedAt;

    /** A dry run ("check package"): imported in full, then always rolled back. */
    /** Null only for sessions from before V8, whose source was not recorded. */
    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private ImportSource source = ImportSource.CONSOLE;

    /** What of the source the session belongs to, e.g. "exchange 12"; null for a plain start. */
    @Column(name = "source_reference", length = 255)
    private String sourceReference;

    /** The folder the session reads; null: the configured import folder. */
    @Column(name = "package_dir", length = 1000)
    private String packageDir;

    /** The console upload this session read (package_upload, V11); null for the import folder or an exchange. */
    @Column(name = "upload_id")
    private Long uploadId;

    @Column(name = "dry_run", nullable = false)
    private boolean dryRun;

    @Version
    private int version;

    protected ImportSession() {
        // for JPA
    }

    public ImportSession(String triggeredBy, String node, Instant startedAt) {
        this.triggeredBy = Objects.requireNonNull(triggeredBy, "triggeredBy");
        this.node = node;
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.heartbeatAt = startedAt;
    }

    /**
     * Moves the session to {@code next}; a final status also sets the finish time.
     *
     * @throws IllegalStateException when the state machine does not allow the move
     */
    public void moveTo(ImportStatus next, Instant at) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException(
                    "Import session " + id + " cannot move from " + status + " to " + next);
        }
        status = next;
        heartbeatAt = at;
        if (next.isFinal()) {
            finishedAt = at;
        }
    }

    public void fail(String reason, Instant at) {
        moveTo(ImportStatus.FAILED, at);
        errorMessage = reason;
    }

    public void recordProgress(long total, ImportCounts counts, Instant at) {
        totalItems = total;
        processedItems = counts.processed();
        skippedItems = counts.skipped();
        warningItems = counts.warnings();
        heartbeatAt = at;
    }

    /** Marks a new session as a dry run; only before it is stored. */
    public ImportSession asDryRun() {
        if (id != null) {
            throw new IllegalStateException("Session " + id + " is already stored");
        }
        dryRun = true;
        return this;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public String getCancelRequestedBy() {
        return cancelRequestedBy;
    }

    public Instant getCancelRequestedAt() {
        return cancelRequestedAt;
    }

    /** Where the session comes from and which folder it reads ({@code null}: the import folder). */
    public ImportSession from(ImportSource from, String reference, Path dir) {
        source = Objects.requireNonNull(from, "source");
        sourceReference = reference;
        packageDir = dir == null ? null : dir.toString();
        return this;
    }

    public ImportSource getSource() {
        return source;
    }

    public String getSourceReference() {
        return sourceReference;
    }

    /** The folder this session reads, or empty for the configured import folder. */
    public Optional<Path> packageDir() {
        return Optional.ofNullable(packageDir).map(Path::of);
    }

    /** Marks a new session as reading the console upload {@code id}. */
    public ImportSession readingUpload(Long id) {
        uploadId = id;
        return this;
    }

    /** Marks this session as the import again of {@code sessionId} (null: a first import). */
    public ImportSession repeating(Long sessionId) {
        this.retryOf = sessionId;
        return this;
    }

    public Long getRetryOf() {
        return retryOf;
    }

    public Long getUploadId() {
        return uploadId;
    }

    public ImportSession readingPackage(String fingerprint) {
        packageFingerprint = fingerprint;
        return this;
    }

    public String getPackageFingerprint() {
        return packageFingerprint;
    }

    public ImportSession allowingMassDeactivation(boolean allow) {
        allowMassDeactivation = allow;
        return this;
    }

    /** Finished minus started, or {@code null} while the session has not finished. */
    public Duration duration() {
        return finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }

    public Long getId() {
        return id;
    }

    public ImportStatus getStatus() {
        return status;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public long getTotalItems() {
        return totalItems;
    }

    public long getProcessedItems() {
        return processedItems;
    }

    public long getSkippedItems() {
        return skippedItems;
    }

    public long getWarningItems() {
        return warningItems;
    }

    /** Item elements of the package that were never read (see {@link #getUnreadItems()}): 1C must send them again. */
    public long getUnreadItems() {
        return unreadItems;
    }

    /** Skipped items and warnings together: what the administrator has to look at. */
    public long getProblemCount() {
        return skippedItems + warningItems;
    }

    public boolean isAllowMassDeactivation() {
        return allowMassDeactivation;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    /** Why it failed or was cancelled, in {@code locale} (the English text for sessions from before V17). */
    public String errorIn(Locale locale) {
        return StoredText.shown(errorKey, errorArgs, errorMessage, locale);
    }

    public String getTriggeredBy() {
        return triggeredBy;
    }

    public String getNode() {
        return node;
    }

    public Instant getHeartbeatAt() {
        return heartbeatAt;
    }

    public int getVersion() {
        return version;
    }
}
