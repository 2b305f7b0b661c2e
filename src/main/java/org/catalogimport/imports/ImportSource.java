package org.catalogimport.imports;

/**
 * Which way into the product started an import session: the console page, the REST API, or
 * 1C:Enterprise itself over the exchange protocol. Shown with every session, so an administrator
 * knows who to ask about it.
 */
public enum ImportSource {
    CONSOLE,
    API,
    EXCHANGE
}
