package org.catalogimport.commerceml;

/**
 * Receives what {@link CommerceMlReader} reads, in document order, one record at a time. Records are
 * immutable and not kept by the reader. A runtime exception thrown here stops the reading and
 * reaches the caller of {@code read} unchanged.
 */
public interface CatalogVisitor {

    /** A {@code Классификатор}, {@code Каталог} or offers package starts; see {@link SectionInfo}. */
    default void section(SectionInfo section) {
    }

    default void group(GroupRecord group) {
    }

    default void property(PropertyRecord property) {
    }

    default void priceType(PriceTypeRecord priceType) {
    }

    default void warehouse(WarehouseRecord warehouse) {
    }

    default void unit(UnitRecord unit) {
    }

    default void product(ProductRecord product) {
    }

    /** Offers, including the ones in prices and stock files (then with only prices or stock). */
    default void offer(OfferRecord offer) {
    }

    /**
     * A file was read to its end: its census, with the item elements no reader read (they sit where
     * no reader looks) and the elements passed over as unknown or unused.
     */
    default void census(FileCensus census) {
    }

    /** A bad item or row: it was skipped, the reading goes on. */
    default void problem(ItemProblem problem) {
    }
}
