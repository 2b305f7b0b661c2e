package org.catalogimport.commerceml;

/**
 * What a package file carries, judged by its elements (not by its name). One file can carry several
 * kinds: a classic {@code offers.xml} has {@link #OFFERS}, {@link #PRICES} and {@link #STOCK}.
 */
public enum Content {
    /** Dictionaries: groups, properties and their values, price types, warehouses, units. */
    CLASSIFIER,
    /** Products ({@code Каталог/Товары}). */
    CATALOG,
    /** Offer descriptions: names, characteristics, offer properties ({@code ПакетПредложений}). */
    OFFERS,
    /** Prices of offers. */
    PRICES,
    /** Stock of offers, per warehouse or in total. */
    STOCK,
    /** Orders, contractors and other documents: not catalog data; such files are listed as ignored. */
    DOCUMENTS
}
