package org.catalogimport.commerceml;

import java.math.BigDecimal;

/**
 * One price of an offer ({@code Цена}).
 *
 * @param priceTypeId  {@code ИдТипаЦены}
 * @param pricePerUnit {@code ЦенаЗаЕдиницу}, decimal comma and spaces already handled
 * @param currency     as written ({@code руб}, {@code RUB}), null when absent
 * @param unit         {@code Единица} as written (trimmed), null when absent
 * @param coefficient  {@code Коэффициент}, null when absent
 */
public record PriceRecord(String priceTypeId, BigDecimal pricePerUnit, String currency, String unit,
                          BigDecimal coefficient) {
}
