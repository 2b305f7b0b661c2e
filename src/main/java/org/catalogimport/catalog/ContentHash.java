package org.catalogimport.catalog;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * A 64-bit FNV-1a hash of everything the importer writes for a row. Equal hashes mean the row is
 * unchanged and its UPDATE is skipped; 64 bits make an accidental collision (a missed update)
 * practically impossible for catalogs of millions of rows.
 */
public final class ContentHash {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private long hash = OFFSET;

    public ContentHash add(String value) {
        if (value == null) {
            return mix(0x1F);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            hash = (hash ^ (c & 0xFF)) * PRIME;
            hash = (hash ^ (c >>> 8)) * PRIME;
        }
        return mix(0x1E); // field separator: ("ab","c") and ("a","bc") differ
    }

    public ContentHash add(boolean value) {
        return mix(value ? 1 : 2);
    }

    public ContentHash add(BigDecimal value) {
        return add(value == null ? null : value.stripTrailingZeros().toPlainString());
    }

    public ContentHash add(Collection<String> values) {
        mix(0x1D);
        for (String value : values) {
            add(value);
        }
        return mix(0x1C);
    }

    public ContentHash add(Map<String, ? extends Collection<String>> values) {
        mix(0x1B);
        values.forEach((key, list) -> add(key).add(list));
        return mix(0x1A);
    }

    private ContentHash mix(int b) {
        hash = (hash ^ b) * PRIME;
        return this;
    }

    public long value() {
        return hash;
    }
}
