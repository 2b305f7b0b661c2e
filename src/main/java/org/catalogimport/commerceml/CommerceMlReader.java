package org.catalogimport.commerceml;

import java.io.InputStream;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Streams CommerceML files into {@link CatalogVisitor} records: one pass per file, one item in
 * memory at a time, no persistence. Plain Java so that it is unit-testable and usable from an EJB;
 * create one per import (cheap; not meant to be shared between threads).
 *
 * <p>Reading is tolerant of what real exports do (namespaces or none, any section order, UTF-8 with
 * or without BOM, windows-1251, decimal commas) and strict about what is dangerous or broken: a
 * DTD, malformed or truncated XML stop the file with a {@link PackageException}. An item that
 * cannot be used (no {@code Ид}, a price that is not a number) is reported through
 * {@link CatalogVisitor#problem} and skipped. Records already delivered before a fatal error stay
 * delivered: an importer should treat the exception as "this package failed", not "this file did".
 */
public final class CommerceMlReader {

    static final String ROOT = "КоммерческаяИнформация";

    private final XmlParsers parsers = new XmlParsers();
    private final ClassifierReader classifier = new ClassifierReader();
    private final ProductReader products = new ProductReader();
    private final OfferReader offers = new OfferReader();
    private final ItemCounter counter = new ItemCounter(parsers);

    /** Sets up the hardened parsers (no DTDs, no external entities). */
    public CommerceMlReader() {
        // the parsers are created with the instance; nothing else to prepare
    }

    /**
     * Reads one file, delivering its records to {@code visitor} as they are read, and at the end the
     * file's census ({@link CatalogVisitor#census}): what it holds that was not read.
     */
    public void read(PackageFile file, CatalogVisitor visitor) throws PackageException {
        read(file, visitor, UnaryOperator.identity());
    }

    /**
     * The same, the file's bytes passed through {@code tap} as they are read (its fingerprint taken on
     * the way). A file read without a failure has been read to its end: the parser reads past the
     * root element, to report anything after it.
     */
    public void read(PackageFile file, CatalogVisitor visitor, UnaryOperator<InputStream> tap) throws PackageException {
        try (XmlCursor cursor = XmlCursor.open(parsers, file, tap)) {
            String root = cursor.root();
            if (!ROOT.equals(root)) {
                throw cursor.fail(PackageRefusal.NOT_COMMERCEML.with(root, ROOT));
            }
            ReadContext context = new ReadContext(file, visitor);
            wrapper(cursor, context);
            cursor.finish();
            visitor.census(FileCensus.of(file.relativeName(), cursor.census()));
        }
    }

    /**
     * Reads the children of the root, or of an element no reader knows that sits where containers
     * are expected (another module's wrapper): containers are read wherever they are, unknown
     * elements are searched for containers in turn, what is left out on purpose is skipped.
     */
    private void wrapper(XmlCursor cursor, ReadContext context) throws PackageException {
        while (cursor.nextChild()) {
            if (container(cursor, context)) {
                continue;
            }
            if (cursor.isIgnored()) {
                cursor.skip();
            } else {
                wrapper(cursor, context);
            }
        }
    }

    /**
     * At any element: reads it if it is a container, wherever it sits, with one warning per file and
     * place when that is not where CommerceML puts it. False when the element is not a container.
     */
    boolean container(XmlCursor cursor, ReadContext context) throws PackageException {
        Containers container = Containers.named(cursor.name());
        if (container == null) {
            return false;
        }
        if (container.isMisplaced(cursor.parentName())) {
            context.misplaced(container, cursor.path(), cursor.line());
        }
        switch (container) {
            case CLASSIFIER -> classifier.read(cursor, context, this::containerOrSkip);
            case CATALOG -> catalog(cursor, context);
            case OFFERS_PACKAGE -> offersPackage(cursor, context, SectionKind.OFFERS_PACKAGE);
            case OFFERS_CHANGES -> offersPackage(cursor, context, SectionKind.OFFERS_CHANGES);
            case PRODUCTS -> {
                // why "only changes": without its Каталог there is no header saying the list is complete,
                // and deactivating the products it does not name on a guess could empty a shop
                context.visitor.section(new SectionInfo(SectionKind.CATALOG, null, true, context.file));
                products(cursor, context);
            }
            case OFFERS -> {
                context.enteredOffersSection();
                context.visitor.section(new SectionInfo(SectionKind.OFFERS_PACKAGE, null, true, context.file));
                offers(cursor, context);
            }
            default -> classifier.dictionary(container, cursor, context);
        }
        return true;
    }

    /** Inside a section: a nested container is read, anything else the section does not know is skipped. */
    private void containerOrSkip(XmlCursor cursor, ReadContext context) throws PackageException {
        if (!container(cursor, context)) {
            cursor.skip();
        }
    }

    private void catalog(XmlCursor cursor, ReadContext context) throws PackageException {
        SectionHeader header = new SectionHeader(SectionKind.CATALOG, cursor);
        while (cursor.nextChild()) {
            if (header.read(cursor)) {
                continue;
            }
            if (cursor.name().equals("Товары")) {
                header.announce(context);
                products(cursor, context);
            } else {
                containerOrSkip(cursor, context);
            }
        }
        header.announce(context);
    }

    private void products(XmlCursor cursor, ReadContext context) throws PackageException {
        while (cursor.nextChild()) {
            if (cursor.name().equals("Товар")) {
                products.read(cursor, context);
            } else {
                cursor.skip();
            }
        }
    }

    private void offersPackage(XmlCursor cursor, ReadContext context, SectionKind kind) throws PackageException {
        context.enteredOffersSection();
        SectionHeader header = new SectionHeader(kind, cursor);
        while (cursor.nextChild()) {
            if (header.read(cursor)) {
                continue;
            }
            switch (cursor.name()) {
                case "ТипыЦен" -> {
                    header.announce(context);
                    classifier.priceTypes(cursor, context);
                }
                case "Склады" -> {
                    header.announce(context);
                    classifier.warehouses(cursor, context);
                }
                case "Предложения" -> {
                    header.announce(context);
                    offers(cursor, context);
                }
                default -> containerOrSkip(cursor, context);
            }
        }
        header.announce(context);
    }

    private void offers(XmlCursor cursor, ReadContext context) throws PackageException {
        while (cursor.nextChild()) {
            if (cursor.name().equals("Предложение")) {
                offers.read(cursor, context);
            } else {
                cursor.skip();
            }
        }
    }

    /**
     * Counts every {@code Товары/Товар} and {@code Предложения/Предложение} in the package (including
     * ones that will turn out unusable), for an exact progress total. Much cheaper than reading:
     * no records are built, text is not decoded, and files that carry only dictionaries are not opened.
     */
    public long countItems(ExchangePackage pkg) throws PackageException {
        return countItems(pkg, () -> false);
    }

    /**
     * The same count, given up as soon as {@code stop} says so (then the count so far): a cancelled
     * import must not first read a whole gigabyte to the end.
     */
    public long countItems(ExchangePackage pkg, BooleanSupplier stop) throws PackageException {
        long items = 0;
        for (PackageFile file : pkg.files()) {
            if (stop.getAsBoolean()) {
                return items;
            }
            items += countItems(file, stop);
        }
        return items;
    }

    /** The items of one file of a package, as {@link #countItems(ExchangePackage, BooleanSupplier)} counts them. */
    public long countItems(PackageFile file, BooleanSupplier stop) throws PackageException {
        return ItemCounter.carriesItems(file.contents()) ? counter.count(file, stop) : 0;
    }
}
