package org.catalogimport.imports;

import org.catalogimport.commerceml.MessageKey;

/**
 * The importer's own messages: problems with a product's pictures, and why an import failed or was
 * cancelled (stored on the session, shown in the reader's language).
 */
public enum ImportMessage implements MessageKey {
    IMAGE_NOT_FOUND("problem.image.notFound", 1),
    IMAGE_OUTSIDE("problem.image.outsideMedia", 1),
    IMAGE_NOT_COPIED("problem.image.notCopied", 2),
    IMAGE_TOO_LARGE("problem.image.tooLarge", 3),
    IMAGE_NOT_A_PICTURE("problem.image.notAPicture", 1),
    PACKAGE_UNREADABLE("import.error.packageUnreadable", 1),
    ALREADY_RUNNING("import.error.alreadyRunning", 0),
    NOT_PENDING("import.error.notPending", 1),
    STOPPED("import.error.stopped", 1),
    STOPPED_UNEXPECTEDLY("import.error.stoppedUnexpectedly", 1),
    DATABASE_ERROR("import.error.database", 2),
    NOTHING_CHANGED("import.error.nothingChanged", 1),
    CANCELLED("import.error.cancelled", 1),
    CANCELLED_BEFORE_START("import.error.cancelledBeforeStart", 1),
    NODE_STOPPED("import.error.nodeStopped", 2),
    REDIS_UNAVAILABLE("import.error.redisUnavailable", 1),
    IMPORT_FOLDER_MISSING("import.error.importFolderMissing", 1),
    PACKAGE_FOLDER_MISSING("import.error.packageFolderMissing", 1),
    UPLOAD_FOLDER_MISSING("import.error.uploadFolderMissing", 2),
    NOT_STARTED("import.error.notStarted", 1),
    STARTED("import.started", 1),
    CHECK_STARTED("import.checkStarted", 1);

    private final String key;
    private final int arity;

    ImportMessage(String key, int arity) {
        this.key = key;
        this.arity = arity;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public int arity() {
        return arity;
    }
}
