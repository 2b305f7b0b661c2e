package org.catalogimport.commerceml;

import java.math.BigDecimal;
import java.util.List;

/**
 * An offer ({@code Предложение}): a sellable SKU, either the product itself ({@code id == productId})
 * or one of its variants ({@code product#variant}).
 *
 * <p>Offers come from offers files and again from prices and stock files, each time with only what
 * that file carries: an offer read from a prices file has prices and null name. Null means "not
 * given" and an empty list "none given"; never overwrite stored data with either.
 *
 * @param id            full {@code Ид}; in {@code ИзмененияПакетаПредложений} {@code Ид#ИдХарактеристики}
 * @param productId     the part of {@code id} before the first {@code #}: the owning product's id
 * @param totalQuantity {@code Количество} (all warehouses) as written, null when absent; not summed
 *                      from {@code stock}
 * @param deleted       {@code ПометкаУдаления=true} or {@code Статус=Удален}
 */
public record OfferRecord(String id, String productId, String version, String sku, String barcode, String name,
                          List<Characteristic> characteristics, List<PropertyValue> properties,
                          List<PriceRecord> prices, List<StockRecord> stock, BigDecimal totalQuantity,
                          boolean deleted, Location location) {

    public OfferRecord {
        characteristics = characteristics == null ? List.of() : List.copyOf(characteristics);
        properties = properties == null ? List.of() : List.copyOf(properties);
        prices = prices == null ? List.of() : List.copyOf(prices);
        stock = stock == null ? List.of() : List.copyOf(stock);
    }

    /** True for a variant ({@code product#variant}), false when the offer is the product itself. */
    public boolean isVariant() {
        return !id.equals(productId);
    }
}
