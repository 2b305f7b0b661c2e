/**
 * The catalog that 1C packages are written to: bulk upserts keyed by the 1C Ид, change detection by
 * content hash, deactivation after a full exchange, and the read model behind the catalog API.
 * Knows JDBC and SQL; knows nothing of XML or of import sessions.
 */
package org.catalogimport.catalog;
