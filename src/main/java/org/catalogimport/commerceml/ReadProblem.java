package org.catalogimport.commerceml;

/**
 * Every problem the reader reports about one item (an {@link ItemProblem}): the item is skipped,
 * or kept with a caveat. The texts, in every language, are in the bundle {@value Text#BUNDLE}.
 */
public enum ReadProblem implements MessageKey {
    GROUP_IN_GROUP_WITHOUT_ID("problem.group.parentWithoutId", 1),
    GROUP_NO_ID("problem.group.noId", 1),
    GROUP_NO_ID_WITH_SUBGROUPS("problem.group.noIdWithSubgroups", 1),
    PROPERTY_NO_ID("problem.property.noId", 1),
    DICTIONARY_VALUE_NO_ID("problem.propertyValue.noId", 1),
    PRICE_TYPE_NO_ID("problem.priceType.noId", 1),
    WAREHOUSE_NO_ID("problem.warehouse.noId", 1),
    UNIT_NO_ID("problem.unit.noId", 1),
    PRODUCT_NO_ID("problem.product.noId", 1),
    OFFER_EMPTY("problem.offer.empty", 0),
    OFFER_NO_ID("problem.offer.noId", 1),
    OFFER_NO_ID_WITH_ROWS("problem.offer.noIdWithRows", 3),
    PRICE_OF_OFFER_WITHOUT_ID("problem.price.offerWithoutId", 1),
    STOCK_OF_OFFER_WITHOUT_ID("problem.stock.offerWithoutId", 1),
    PRICE_NO_TYPE("problem.price.noType", 0),
    PRICE_NO_AMOUNT("problem.price.noAmount", 1),
    PRICE_NOT_NUMBER("problem.price.notNumber", 2),
    PRICE_FACTOR_NOT_NUMBER("problem.price.factorNotNumber", 2),
    STOCK_NO_WAREHOUSE("problem.stock.noWarehouse", 0),
    STOCK_NO_QUANTITY("problem.stock.noQuantity", 1),
    STOCK_NOT_NUMBER("problem.stock.notNumber", 2),
    TOTAL_NOT_NUMBER("problem.offer.totalNotNumber", 1),
    CONTAINER_MISPLACED("problem.container.misplaced", 2),
    ITEMS_NOT_READ("problem.items.notRead", 3);

    private final String key;
    private final int arity;

    ReadProblem(String key, int arity) {
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
