package org.catalogimport.catalog;

/**
 * The writer refuses to let the import commit: its accounting does not add up, or a full exchange
 * would deactivate too much. The message is for the administrator and says what to do.
 */
public final class CatalogWriteRefused extends Exception {

    public CatalogWriteRefused(String message) {
        super(message);
    }
}
