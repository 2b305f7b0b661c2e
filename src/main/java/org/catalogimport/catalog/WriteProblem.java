package org.catalogimport.catalog;

import org.catalogimport.commerceml.MessageKey;

/**
 * Every problem the writer reports about one item: not stored (its product is missing, a value is
 * out of range...) or stored with a caveat (an undeclared price type created from its Ид...).
 */
public enum WriteProblem implements MessageKey {
    OFFER_DUPLICATE("problem.offer.duplicate", 1),
    TOTAL_OUT_OF_RANGE("problem.offer.totalOutOfRange", 1),
    OFFER_WITHOUT_PRODUCT("problem.offer.withoutProduct", 3),
    OFFER_ROWS_UNKNOWN("problem.offer.rowsOfUnknown", 2),
    OFFER_ROWS_UNKNOWN_VARIANT("problem.offer.rowsOfUnknownVariant", 3),
    PRICE_OUT_OF_RANGE("problem.price.outOfRange", 1),
    QUANTITY_OUT_OF_RANGE("problem.stock.outOfRange", 1),
    PRODUCT_NO_NAME("problem.product.noName", 0),
    PRODUCT_DUPLICATE("problem.product.duplicate", 1),
    GROUP_UNKNOWN("problem.product.groupUnknown", 2),
    PRICE_TYPE_UNDECLARED("problem.priceType.undeclared", 1),
    WAREHOUSE_UNDECLARED("problem.warehouse.undeclared", 1),
    GROUP_NO_NAME("problem.group.noName", 0),
    PROPERTY_NO_NAME("problem.property.noName", 0),
    DICTIONARY_VALUE_NO_TEXT("problem.propertyValue.noText", 1),
    PARENT_GROUP_UNKNOWN("problem.group.parentUnknown", 1);

    private final String key;
    private final int arity;

    WriteProblem(String key, int arity) {
        this.key = key;
        this.arity = arity;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public int arity() {
        return arity;
    }
}
