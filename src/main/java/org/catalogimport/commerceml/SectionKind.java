package org.catalogimport.commerceml;

/** The top-level sections of a CommerceML document that carry catalog data. */
public enum SectionKind {
    /** {@code Классификатор}: dictionaries. */
    CLASSIFIER,
    /** {@code Каталог}: products. */
    CATALOG,
    /** {@code ПакетПредложений}: offers, prices, stock (and price types, warehouses). */
    OFFERS_PACKAGE,
    /** {@code ИзмененияПакетаПредложений} (2.10): quick price and stock updates. */
    OFFERS_CHANGES
}
