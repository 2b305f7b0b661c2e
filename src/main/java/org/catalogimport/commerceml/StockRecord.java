package org.catalogimport.commerceml;

import java.math.BigDecimal;

/** Quantity of an offer in one warehouse, from any of the stock shapes 1C and others write. */
public record StockRecord(String warehouseId, BigDecimal quantity) {
}
