/**
 * The door for automation: every JAX-RS resource under {@code /api} and their {@code Application}
 * ({@code CatalogApiApplication}): import sessions (start, check, cancel, retry, problems), the
 * catalog read model, the 1C exchanges and their refusals, users, the audit trail and the
 * Prometheus metrics. The same rules as the console (admin role for changes). Asks the engine
 * ({@code imports}) and reads the exchange's records; nothing below it knows this package.
 */
package org.catalogimport.api;
