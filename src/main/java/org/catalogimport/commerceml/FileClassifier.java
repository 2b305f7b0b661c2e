package org.catalogimport.commerceml;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Recognises what an XML file carries by peeking at its elements: the root's children, the
 * dictionaries inside a classifier, and the children of the first few offers. The peek stops at the
 * first product, or after a few offers, so a big file costs little more than its dictionaries.
 */
final class FileClassifier {

    /** Offers looked at to tell an offers file from a prices-only or stock-only file. */
    private static final int OFFERS_TO_PEEK = 16;

    /** Dictionary order inside the "dictionaries first" stage: groups, properties, price types, warehouses, units. */
    static final int NO_DICTIONARY = 5;

    /**
     * @param commerceMl     the root is {@code КоммерческаяИнформация}
     * @param contents       what it carries
     * @param dictionaryRank the earliest kind of dictionary it holds (0 groups … 4 units), {@link #NO_DICTIONARY} if none
     */
    record Classification(boolean commerceMl, Set<Content> contents, int dictionaryRank) {
    }

    /** Thrown internally once enough is known; not an error. */
    private static final class Enough extends Exception {
        private static final long serialVersionUID = 1L;

        Enough() {
            super(null, null, false, false);
        }
    }

    private final XmlParsers parsers;

    FileClassifier(XmlParsers parsers) {
        this.parsers = parsers;
    }

    Classification classify(Path path, String name) throws PackageException {
        return classify(XmlCursor.open(parsers, path, name));
    }

    /** Classifies a package's file, on disk or in its zip. */
    Classification classify(PackageFile file) throws PackageException {
        return classify(XmlCursor.open(parsers, file));
    }

    /** Classifies the file {@code in} (an entry of a zip) and closes it. */
    Classification classify(InputStream in, String name) throws PackageException {
        return classify(XmlCursor.open(parsers, in, name));
    }

    private static Classification classify(XmlCursor opened) throws PackageException {
        Set<Content> contents = EnumSet.noneOf(Content.class);
        int[] rank = {NO_DICTIONARY};
        try (XmlCursor cursor = opened) {
            if (!CommerceMlReader.ROOT.equals(cursor.root())) {
                return new Classification(false, Set.of(), NO_DICTIONARY);
            }
            try {
                children(cursor, contents, rank);
            } catch (Enough enough) {
                // the rest of the file cannot change where it goes in the processing order
            }
        }
        return new Classification(true, contents, rank[0]);
    }

    /**
     * The children of the root, a section or an unknown wrapper: containers count wherever they are,
     * as the reader reads them there ({@link CommerceMlReader#container}).
     */
    private static void children(XmlCursor cursor, Set<Content> contents, int[] rank) throws PackageException, Enough {
        while (cursor.nextChild()) {
            Containers container = Containers.named(cursor.name());
            if (container == null) {
                if (DOCUMENTS.contains(cursor.name())) {
                    contents.add(Content.DOCUMENTS);
                    cursor.skip();
                } else if (cursor.isIgnored()) {
                    cursor.skip();
                } else {
                    children(cursor, contents, rank);
                }
                continue;
            }
            switch (container) {
                case CLASSIFIER -> {
                    contents.add(Content.CLASSIFIER);
                    children(cursor, contents, rank);
                }
                case CATALOG, OFFERS_PACKAGE, OFFERS_CHANGES -> children(cursor, contents, rank);
                case PRODUCTS -> products(cursor, contents);
                case OFFERS -> offers(cursor, contents);
                default -> {
                    contents.add(Content.CLASSIFIER);
                    rank[0] = Math.min(rank[0], container.dictionaryRank());
                    cursor.skip();
                }
            }
        }
    }

    private static final Set<String> DOCUMENTS = Set.of("Документ", "Контейнер", "Контрагенты");

    /** A {@code Каталог} carries products only if it has {@code Товары}; 3.1 dictionary files open with a header-only one. */
    private static void products(XmlCursor cursor, Set<Content> contents) throws PackageException, Enough {
        contents.add(Content.CATALOG);
        while (cursor.nextChild()) {
            if (cursor.name().equals("Товар")) {
                throw new Enough();
            }
            cursor.skip();
        }
    }

    /** Judges the first offers by their children; an empty {@code Предложения} still makes an offers file. */
    private static void offers(XmlCursor cursor, Set<Content> contents) throws PackageException, Enough {
        Set<Content> seen = EnumSet.noneOf(Content.class);
        int peeked = 0;
        while (cursor.nextChild()) {
            if (!cursor.name().equals("Предложение")) {
                cursor.skip();
                continue;
            }
            while (cursor.nextChild()) {
                switch (cursor.name()) {
                    case "Ид", "ИдХарактеристики" -> {
                    }
                    case "Цены" -> seen.add(Content.PRICES);
                    case "Остатки", "Склад", "Склады", "Количество", "КоличествоНаСкладах", "ОстаткиПоСкладам" ->
                            seen.add(Content.STOCK);
                    default -> seen.add(Content.OFFERS);
                }
                cursor.skip();
            }
            if (++peeked == OFFERS_TO_PEEK) {
                contents.addAll(seen);
                throw new Enough();
            }
        }
        contents.addAll(seen.isEmpty() ? EnumSet.of(Content.OFFERS) : seen);
    }
}
