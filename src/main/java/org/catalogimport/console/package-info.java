/**
 * The doors a person uses (moving here from {@code imports.web} and {@code exchange.web}): the
 * users and audit pages, one's own account, and the guard that keeps a viewer's POSTs to reading.
 */
package org.catalogimport.console;
