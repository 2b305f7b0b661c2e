package org.catalogimport.dev;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How one item of the 3.1 demo package becomes the same item in an older dialect: the brand gets a
 * GUID, units become attributes, every offer gets all three prices in {@code RUB}, and CLASSIC (2.07)
 * drops {@code НомерВерсии}, {@code ПометкаУдаления} and UT extras, marking deletions with
 * {@code Статус="Удален"}; its offers carry their prices and stock themselves.
 */
final class DialectEdits {

    /** The demo's wholesale price is 82% of retail; used for the rows it leaves out. */
    private static final BigDecimal WHOLESALE_SHARE = new BigDecimal("0.82");
    /** 1C's НомерВерсии for version 1 (a base64 counter). */
    private static final String FIRST_VERSION = "AAAAAAAAAAE=";

    private final boolean classic;
    private final String brandId;
    /** Units by trimmed code and price type ids in classifier order: a handful of entries. */
    private final Map<String, ItemTree> units;
    private final List<String> priceTypeIds;

    DialectEdits(boolean classic, String brandId, Map<String, ItemTree> units, List<String> priceTypeIds) {
        this.classic = classic;
        this.brandId = brandId;
        this.units = units;
        this.priceTypeIds = priceTypeIds;
    }

    /** A property; the brand pseudo-property (Ид {@code Бренд}, a 3.x habit) gets a GUID and a version. */
    ItemTree property(ItemTree property) {
        if (DemoPackageWriter.BRAND_PROPERTY_ID.equals(property.text("Ид"))) {
            property.child("Ид").text = brandId;
            property.child("НомерВерсии").text = FIRST_VERSION; // empty in the 3.1 export
        }
        return dialect(property);
    }

    ItemTree product(ItemTree product) {
        ItemTree values = product.child("ЗначенияСвойств");
        for (ItemTree value : values == null ? List.<ItemTree>of() : values.children) {
            if (DemoPackageWriter.BRAND_PROPERTY_ID.equals(value.text("Ид"))) {
                value.child("Ид").text = brandId;
            }
        }
        ItemTree unit = product.child("БазоваяЕдиница");
        ItemTree known = unit == null ? null : units.get(unit.text.strip());
        if (known != null) {
            // 2.x names the unit in attributes: 2.07 keeps 1C's trailing space in the code and adds
            // Пересчет, UT 11 trims it and puts the short name in the text.
            unit.attribute("Код", classic ? unit.text : unit.text.strip())
                    .attribute("НаименованиеПолное", known.text("НаименованиеПолное").strip());
            if (!known.text("МеждународноеСокращение").isEmpty()) {
                unit.attribute("МеждународноеСокращение", known.text("МеждународноеСокращение"));
            }
            if (classic) {
                unit.add(new ItemTree("Пересчет", "").add("Единица", unit.text.strip()).add("Коэффициент", "1"));
            }
            unit.text = known.text("НаименованиеКраткое");
        }
        return dialect(product);
    }

    /** CLASSIC: one 3.1 offer with its prices and stock becomes one 2.07 {@code Предложение}. */
    ItemTree classicOffer(ItemTree offer, ItemTree priced, ItemTree rest) {
        offer.add(prices(sameOffer(offer, priced)).child("Цены"));
        BigDecimal total = BigDecimal.ZERO;
        List<ItemTree> warehouses = new ArrayList<>();
        for (ItemTree stock : sameOffer(offer, rest).child("Остатки").children) {
            ItemTree warehouse = stock.child("Склад");
            total = total.add(new BigDecimal(warehouse.text("Количество")));
            warehouses.add(new ItemTree("Склад", "").attribute("ИдСклада", warehouse.text("Ид"))
                    .attribute("КоличествоНаСкладе", warehouse.text("Количество")));
        }
        offer.add("Количество", total.toPlainString());
        offer.children.addAll(warehouses);
        return dialect(offer);
    }

    private static ItemTree sameOffer(ItemTree offer, ItemTree other) {
        if (other == null || !offer.text("Ид").equals(other.text("Ид"))) {
            throw new IllegalStateException("the 3.1 offers, prices and rests files are no longer in the same offer"
                    + " order at " + offer.text("Ид") + "; merging them into offers.xml relies on it");
        }
        return other;
    }

    /** One row per price type, in classifier order; keeps the demo's price text ({@code 6990}, {@code 1631,80}). */
    ItemTree prices(ItemTree offer) {
        ItemTree prices = offer.child("Цены");
        Map<String, String> byType = new HashMap<>();
        for (ItemTree row : prices.children) {
            byType.put(row.text("ИдТипаЦены"), row.text("ЦенаЗаЕдиницу"));
        }
        BigDecimal first = amount(prices.children.get(0).text("ЦенаЗаЕдиницу"));
        prices.children.clear();
        for (String type : priceTypeIds) {
            String text = byType.getOrDefault(type,
                    first.multiply(WHOLESALE_SHARE).setScale(2, RoundingMode.HALF_UP).toPlainString());
            // Представление is display text; 2.x exports write it like "1719 RUB за шт".
            String shown = amount(text).setScale(2, RoundingMode.HALF_UP).toPlainString().replace(".00", "").replace('.', ',');
            ItemTree price = new ItemTree("Цена", "").add("Представление", shown + " RUB за шт")
                    .add("ИдТипаЦены", type).add("ЦенаЗаЕдиницу", text).add("Валюта", "RUB");
            prices.add(classic ? price.add("Коэффициент", "1") : price);
        }
        return offer;
    }

    /** CLASSIC: 2.07 has no НомерВерсии, ПометкаУдаления or UT extras; deletion is {@code Статус}. Groups nest. */
    ItemTree dialect(ItemTree node) {
        if (!classic) {
            return node;
        }
        for (Iterator<ItemTree> children = node.children.iterator(); children.hasNext(); ) {
            ItemTree child = children.next();
            switch (child.name) {
                case "НомерВерсии", "Внешний", "Информационное" -> children.remove();
                case "ПометкаУдаления" -> {
                    children.remove();
                    if (Boolean.parseBoolean(child.text)) {
                        node.attribute("Статус", "Удален");
                    }
                }
                default -> dialect(child);
            }
        }
        return node;
    }

    private static BigDecimal amount(String text) {
        return new BigDecimal(text.replace(',', '.'));
    }
}
