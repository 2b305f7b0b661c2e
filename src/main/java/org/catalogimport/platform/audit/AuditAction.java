package org.catalogimport.platform.audit;

/**
 * What an audit row says happened. Stored by name ({@code audit_event.action}), shown on the audit
 * page from the message bundle ({@code audit.action.<NAME>}) and as the name by {@code GET /api/audit}:
 * renaming one is a migration, not a refactoring.
 */
public enum AuditAction {
    IMPORT_STARTED,
    /** A dry run ("Check package"). */
    IMPORT_CHECKED,
    IMPORT_CANCELLED,
    /** Reserved for "import again" (issue 19): a failed or cancelled import started anew. */
    IMPORT_RETRIED,
    UPLOAD_STORED,
    UPLOAD_DISCARDED,
    LOCK_RELEASED,
    USER_ADDED,
    /** Roles changed, or the user enabled again. */
    USER_CHANGED,
    USER_DISABLED,
    /** A user changed their own password. */
    PASSWORD_CHANGED,
    /** An administrator (or the bootstrap variables) set another user's password. */
    PASSWORD_RESET,
    /** Wrong password, unknown or disabled user, on the console form or the API. */
    SIGN_IN_REFUSED,
    /** A (user, address) pair or an address reached its failure limit: refused without checking for a while. */
    SIGN_IN_THROTTLED,
    /** An administrator issued an API token for a user (its name; never the token). */
    TOKEN_ISSUED,
    /** An administrator revoked an API token. */
    TOKEN_REVOKED,
    /** The 1C exchange refused a call: sign-in (wrong password, no exchange role, throttled) or a protocol rule. */
    EXCHANGE_REFUSED
}
