package org.catalogimport.platform.audit;

import java.time.Instant;

/**
 * What the audit page and {@code GET /api/audit} ask for; every part optional (null).
 *
 * @param action only rows of this action
 * @param user   only rows of this exact user name
 * @param from   rows at or after this time
 * @param to     rows before this time
 */
public record AuditFilter(AuditAction action, String user, Instant from, Instant to) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null);
}
