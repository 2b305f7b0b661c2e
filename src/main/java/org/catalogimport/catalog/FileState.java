package org.catalogimport.catalog;

import java.util.Map;
import org.catalogimport.commerceml.CatalogEntity;

/**
 * What the last committed import knew about one package file it read without a problem (table
 * {@code import_file_state}). The Ид lists stay in PostgreSQL; only this summary is loaded.
 *
 * @param path        the file's path inside the package
 * @param fingerprint {@link FileFingerprint} of its content
 * @param position    its index in the package's reading order
 * @param fullCatalog whether it carried a full catalog section (its product Ид are then stored)
 * @param fullOffers  whether it carried a full offers section (its offer Ид are then stored)
 * @param reads       items read from it, per entity
 * @param merged      of those, merged into another record (an offer repeated by a prices file)
 * @param processed   products and offers read from it, for the progress counter
 */
public record FileState(String path, String fingerprint, int position, boolean fullCatalog, boolean fullOffers,
                        Map<CatalogEntity, Long> reads, Map<CatalogEntity, Long> merged, long processed) {

    public FileState {
        reads = Map.copyOf(reads);
        merged = Map.copyOf(merged);
    }

    /** The same content at the same place in the package: the file need not be read again. */
    public boolean unchanged(String currentFingerprint, int currentPosition) {
        return fingerprint.equals(currentFingerprint) && position == currentPosition;
    }
}
