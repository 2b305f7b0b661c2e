package org.catalogimport.commerceml;

import java.util.List;

/**
 * The kinds of item a 1C package carries, as the import counts them: every item read is one of
 * these, and is either stored or reported (see {@link ItemProblem}). {@link #key()} is the name
 * used in the session's change report and in the API.
 */
public enum CatalogEntity {
    GROUPS("groups"),
    PROPERTIES("properties"),
    PROPERTY_VALUES("propertyValues"),
    PRICE_TYPES("priceTypes"),
    WAREHOUSES("warehouses"),
    UNITS("units"),
    PRODUCTS("products"),
    OFFERS("offers"),
    PRICES("prices"),
    STOCK("stock");

    private final String key;

    CatalogEntity(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The entity's name as the console's change report writes it ("Products" / «Товары»). */
    public Text label() {
        return new Text("entity." + key, List.of());
    }
}
