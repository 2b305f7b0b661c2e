/**
 * The door a person uses: every JSF backing bean, page-only model and servlet of the admin console.
 * The sessions page (table, filter, start, poll, package panel, lock panel), a session's page and
 * its problems CSV, the upload, the 1C exchange page, users, audit, one's own account, sign-in and
 * the language switch, and the formats they share. Asks the engine ({@code imports}) for everything
 * it shows or does; reads the exchange's own records ({@code exchange.ExchangeHistory},
 * {@code ExchangeRefusals}) for the exchange page and a session that came from 1C.
 */
package org.catalogimport.console;
