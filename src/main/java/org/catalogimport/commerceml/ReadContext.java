package org.catalogimport.commerceml;

import java.util.HashSet;
import java.util.Set;

/** What the element readers share while one file is read. */
final class ReadContext {

    final String file;
    final CatalogVisitor visitor;
    private final boolean offersFile;
    private boolean inOffersSection;
    private final Set<String> misplacedPaths = new HashSet<>();

    ReadContext(PackageFile packageFile, CatalogVisitor visitor) {
        this.file = packageFile.relativeName();
        this.visitor = visitor;
        Set<Content> contents = packageFile.contents();
        this.offersFile = !contents.contains(Content.CATALOG) && (contents.contains(Content.OFFERS)
                || contents.contains(Content.PRICES) || contents.contains(Content.STOCK));
    }

    /** An offers package was opened in this file (3.1 {@code propertiesOffers/} opens one before its classifier). */
    void enteredOffersSection() {
        inOffersSection = true;
    }

    /** Properties defined here without {@code ДляПредложений} belong to offers. */
    boolean offersContext() {
        return offersFile || inOffersSection;
    }

    Location location(long line) {
        return new Location(file, line);
    }

    /**
     * A container found where CommerceML does not put it, read there: one warning per file and place,
     * so that the administrator knows which module wrote the package its own way.
     */
    void misplaced(Containers container, String path, long line) {
        if (misplacedPaths.add(path)) {
            warning(container.entity, null, line, ReadProblem.CONTAINER_MISPLACED.with(container.element, path));
        }
    }

    /** An item of {@code entity} that was read but cannot be stored: reported as skipped. */
    void skipped(CatalogEntity entity, String itemId, long line, Text reason) {
        visitor.problem(new ItemProblem(ItemProblem.Kind.SKIPPED, entity, itemId, file, line, reason));
    }

    /** An item of {@code entity} that is stored with a caveat. */
    void warning(CatalogEntity entity, String itemId, long line, Text reason) {
        visitor.problem(new ItemProblem(ItemProblem.Kind.WARNING, entity, itemId, file, line, reason));
    }
}
