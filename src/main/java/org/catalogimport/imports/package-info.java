/**
 * Import sessions: their state machine, their storage and (in later work) the launcher that takes
 * the cluster-wide lock and hands the import to the importer EJB. Knows nothing of XML parsing.
 */
package org.catalogimport.imports;
