/**
 * The audit trail: one sink ({@link org.catalogimport.platform.audit.AuditTrail}) that every door
 * and the engine record through, with who ({@link org.catalogimport.platform.audit.Actor}: user and
 * client address), what ({@link org.catalogimport.platform.audit.AuditAction}) and on what.
 */
package org.catalogimport.platform.audit;
