/**
 * The door for automation (JAX-RS under {@code /api}, the Application is {@code CatalogApiApplication}):
 * users and the audit trail here; the import, catalog and exchange resources are to move here too.
 */
package org.catalogimport.api;
