package org.catalogimport.catalog;

import java.sql.SQLException;

/**
 * A database write of the {@link CatalogWriter} failed while it received a record. Unchecked
 * because the writer is a {@code CatalogVisitor}, whose methods cannot throw {@link SQLException};
 * whoever drives the writer unwraps it.
 */
public final class CatalogWriteFailure extends RuntimeException {

    public CatalogWriteFailure(SQLException cause) {
        super(cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }
}
