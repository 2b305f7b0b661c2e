package org.catalogimport.imports;

/**
 * How far an import got: items processed (every Товар and Предложение read), items skipped (not
 * stored, each reported) and warnings (stored with a caveat, each reported).
 */
public record ImportCounts(long processed, long skipped, long warnings) {

    public static final ImportCounts NONE = new ImportCounts(0, 0, 0);
}
