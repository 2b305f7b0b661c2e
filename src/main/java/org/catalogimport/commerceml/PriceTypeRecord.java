package org.catalogimport.commerceml;

/**
 * A price type ({@code ТипЦены}); defined in the classifier (2.09+, 3.x {@code priceLists/}) or in the
 * offers package (2.0x).
 *
 * @param currency as written: an ISO code ({@code RUB}) or an abbreviation ({@code руб})
 */
public record PriceTypeRecord(String id, String name, String currency) {
}
