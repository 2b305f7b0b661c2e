/**
 * The engine under the three doors: import sessions and their state machine, the launcher that
 * takes the cluster-wide lock, the worker and the importer EJB (one JTA transaction), the run and
 * its counts, cancellation, the watchdog, retention ({@code retention}) and stored uploads
 * ({@code upload}). Writes through {@code catalog}; knows nothing of the doors that call it.
 */
package org.catalogimport.imports;
