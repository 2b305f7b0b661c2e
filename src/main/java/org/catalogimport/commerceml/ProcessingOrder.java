package org.catalogimport.commerceml;

import java.util.Comparator;
import java.util.Set;

/**
 * The order in which package files must be read so that every id is defined before it is used:
 * dictionaries (groups → properties → price types → warehouses → units), then products, offers,
 * prices, stock; within a stage, by name with numbers compared as numbers.
 */
final class ProcessingOrder {

    /** A recognised file and the earliest kind of dictionary it holds. */
    record Ranked(PackageFile file, int dictionaryRank) {
    }

    static final Comparator<Ranked> COMPARATOR = Comparator
            .comparingInt((Ranked r) -> stage(r.file().contents()))
            .thenComparingInt(r -> stage(r.file().contents()) == 0 ? r.dictionaryRank() : 0)
            .thenComparing(r -> r.file().relativeName(), NaturalOrder.INSTANCE);

    private ProcessingOrder() {
    }

    /**
     * The stage of a file's earliest item kind: a classic {@code import.xml} (classifier and products)
     * is a products file whose own classifier comes first inside it; an {@code offers.xml} with prices
     * and stock is an offers file.
     */
    static int stage(Set<Content> contents) {
        if (contents.contains(Content.CATALOG)) {
            return 1;
        }
        if (contents.contains(Content.OFFERS)) {
            return 2;
        }
        if (contents.contains(Content.PRICES)) {
            return 3;
        }
        if (contents.contains(Content.STOCK)) {
            return 4;
        }
        return 0;
    }
}
