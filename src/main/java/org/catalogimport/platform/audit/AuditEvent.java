package org.catalogimport.platform.audit;

import java.time.Instant;

/** One audit row as the audit page and {@code GET /api/audit} show it. */
public record AuditEvent(long id, Instant at, String user, String address, AuditAction action, String target) {
}
