package org.catalogimport.imports;

import java.nio.file.Path;
import java.util.Objects;
import org.catalogimport.platform.audit.Actor;

/**
 * What a caller asks the launcher to import, and how.
 *
 * @param triggeredBy           the user who asked (console or API user, or the exchange's 1C user)
 * @param address               the client address the request came from (for the audit trail), or {@code null}
 * @param source                which way in the request came
 * @param sourceReference       what of that source it belongs to (e.g. "exchange 12"), or {@code null}
 * @param packageDir            the folder (or folder with a zip) to read; {@code null}: the configured
 *                              import folder
 * @param allowMassDeactivation let a full exchange deactivate more than the configured share
 * @param dryRun                a check: the whole import under the same lock, always rolled back
 * @param uploadId              the console upload {@code packageDir} holds, or {@code null}
 * @param retryOf               the failed or cancelled session this one imports again, or {@code null}
 */
public record ImportRequest(String triggeredBy, String address, ImportSource source, String sourceReference,
                            Path packageDir, boolean allowMassDeactivation, boolean dryRun, Long uploadId, Long retryOf) {

    public ImportRequest {
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        Objects.requireNonNull(source, "source");
    }

    /** The configured import folder, a real import, the mass-deactivation guard on. */
    public static ImportRequest of(String triggeredBy, ImportSource source) {
        return new ImportRequest(triggeredBy, null, source, null, null, false, false, null, null);
    }

    /** The same, asked by {@code actor} (user and client address). */
    public static ImportRequest of(Actor actor, ImportSource source) {
        return new ImportRequest(actor.user(), actor.address(), source, null, null, false, false, null, null);
    }

    public Actor actor() {
        return Actor.of(triggeredBy, address);
    }

    public ImportRequest allowingMassDeactivation(boolean allow) {
        return new ImportRequest(triggeredBy, address, source, sourceReference, packageDir, allow, dryRun, uploadId, retryOf);
    }

    public ImportRequest asDryRun(boolean check) {
        return new ImportRequest(triggeredBy, address, source, sourceReference, packageDir, allowMassDeactivation, check,
                uploadId, retryOf);
    }

    /** Reads {@code dir} instead of the configured import folder; {@code reference} says whose it is. */
    public ImportRequest reading(Path dir, String reference) {
        return new ImportRequest(triggeredBy, address, source, reference, dir, allowMassDeactivation, dryRun, uploadId,
                retryOf);
    }

    /** Reads the console upload {@code id}, kept in {@code dir}. */
    public ImportRequest readingUpload(long id, Path dir) {
        return new ImportRequest(triggeredBy, address, source, "upload " + id, dir, allowMassDeactivation, dryRun, id,
                retryOf);
    }

    /** Imports again what session {@code sessionId} read (its package folder, its upload). */
    public ImportRequest repeating(long sessionId) {
        return new ImportRequest(triggeredBy, address, source, sourceReference, packageDir, allowMassDeactivation, dryRun,
                uploadId, sessionId);
    }
}
