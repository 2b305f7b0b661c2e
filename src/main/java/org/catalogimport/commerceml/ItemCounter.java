package org.catalogimport.commerceml;

import java.util.Arrays;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Counts the items of a file for the progress total: every {@code Товары/Товар} and
 * {@code Предложения/Предложение}, including ones that will turn out unusable. Much cheaper than
 * reading: no records are built and text is not decoded. One per thread (it owns its parsers).
 */
final class ItemCounter {

    /** What a file must carry for its items to be counted; files with only dictionaries are not opened. */
    static final Set<Content> ITEM_CONTENTS = Set.of(Content.CATALOG, Content.OFFERS, Content.PRICES, Content.STOCK);

    private final XmlParsers parsers;

    ItemCounter(XmlParsers parsers) {
        this.parsers = parsers;
    }

    static boolean carriesItems(Set<Content> contents) {
        return contents.stream().anyMatch(ITEM_CONTENTS::contains);
    }

    /** The file's items; the count so far as soon as {@code stop} says so (checked every 64k tags). */
    long count(PackageFile file, BooleanSupplier stop) throws PackageException {
        long items = 0;
        long tags = 0;
        String[] path = new String[16];
        int depth = 0;
        try (XmlCursor cursor = XmlCursor.open(parsers, file)) {
            for (String tag = cursor.nextTag(); tag != null; tag = cursor.nextTag()) {
                // why every 64k tags: one huge file (a classic import.xml) must not hold a cancel up either.
                if ((++tags & 0xFFFF) == 0 && stop.getAsBoolean()) {
                    return items;
                }
                if (tag.isEmpty()) {
                    depth--;
                    continue;
                }
                String parent = depth > 0 ? path[depth - 1] : null;
                if ((tag.equals("Товар") && "Товары".equals(parent))
                        || (tag.equals("Предложение") && "Предложения".equals(parent))) {
                    items++;
                }
                if (depth == path.length) {
                    path = Arrays.copyOf(path, depth * 2);
                }
                path[depth++] = tag;
            }
        }
        return items;
    }
}
