package org.catalogimport.commerceml;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one {@code Предложение} into an {@link OfferRecord}, with prices and stock in every shape:
 * <ul>
 *   <li>a) {@code <Склад ИдСклада="…" КоличествоНаСкладе="…"/>} (2.07/2.08);</li>
 *   <li>b) {@code Остатки/Остаток/Склад/{Ид, Количество}} (UT 11 rests files, 3.x);</li>
 *   <li>c) {@code КоличествоНаСкладах/КоличествоНаСкладе} and {@code ОстаткиПоСкладам/ОстатокПоСкладу}
 *       with {@code ИдСклада} or {@code Ид}, and {@code Количество} or {@code Остаток} (other exporters);</li>
 *   <li>{@code Склады/Склад} in the 2.10 changes package;</li>
 * </ul>
 * plus {@code Количество}, the total. Any of these elements may carry the warehouse and quantity as
 * attributes instead of children, in the singular or the plural ({@code <Склады ИдСклада=".."
 * КоличествоНаСкладе=".."/>} in 2.10 changes packages): an element is a list only when it has no
 * {@code ИдСклада} attribute.
 */
final class OfferReader {

    /** A problem found before the offer's Ид was known; reported with the Ид at the end. */
    private record Pending(ItemProblem.Kind kind, CatalogEntity entity, long line, Text reason) {
    }

    /** A warehouse id and a quantity as written, either possibly null. */
    private record Entry(String warehouse, String quantity) {
    }

    /** Stock rows and the total while one offer is read. */
    private static final class Stock {
        final List<StockRecord> rows = new ArrayList<>(2);
        final List<Pending> problems;
        BigDecimal total;

        Stock(List<Pending> problems) {
            this.problems = problems;
        }
    }

    /** At a {@code Предложение} start tag. */
    void read(XmlCursor cursor, ReadContext context) throws PackageException {
        long line = cursor.line();
        boolean deleted = Values.isDeletedStatus(cursor.attribute("Статус"));
        String id = null;
        String characteristicId = null;
        String version = null;
        String sku = null;
        String barcode = null;
        String name = null;
        List<Characteristic> characteristics = new ArrayList<>(0);
        List<PropertyValue> properties = new ArrayList<>(0);
        List<PriceRecord> prices = new ArrayList<>(0);
        List<Pending> problems = new ArrayList<>(0);
        Stock stock = new Stock(problems);
        boolean empty = true;
        while (cursor.nextChild()) {
            empty = false;
            switch (cursor.name()) {
                case "Ид" -> id = cursor.text();
                case "ИдХарактеристики" -> characteristicId = Values.id(cursor.text());
                case "НомерВерсии" -> version = cursor.text();
                case "ПометкаУдаления" -> deleted |= Values.isTrue(cursor.text());
                case "Статус" -> deleted |= Values.isDeletedStatus(cursor.text());
                case "Штрихкод", "ШтрихКод" -> barcode = cursor.text();
                case "Артикул" -> sku = cursor.text();
                case "Наименование" -> name = cursor.text();
                case "ХарактеристикиТовара" -> characteristics(cursor, characteristics);
                case "ЗначенияСвойств" -> ValueListReader.propertyValues(cursor, properties);
                case "Цены" -> prices(cursor, prices, problems);
                case "Количество" -> stock.total = totalQuantity(cursor, problems);
                case "Склад" -> warehouseStock(cursor, stock);
                case "Склады", "КоличествоНаСкладах", "ОстаткиПоСкладам" -> {
                    if (cursor.attribute("ИдСклада") != null) {
                        warehouseStock(cursor, stock);
                    } else {
                        while (cursor.nextChild()) {
                            warehouseStock(cursor, stock);
                        }
                    }
                }
                case "Остатки" -> rests(cursor, stock);
                default -> cursor.skip();
            }
        }
        id = Values.id(id);
        if (id == null && empty) {
            context.warning(CatalogEntity.OFFERS, null, line, ReadProblem.OFFER_EMPTY.with());
            return;
        }
        if (id == null) {
            context.skipped(CatalogEntity.OFFERS, null, line, prices.size() + stock.rows.size() == 0
                    ? ReadProblem.OFFER_NO_ID.with(Text.quoted(name))
                    : ReadProblem.OFFER_NO_ID_WITH_ROWS.with(Text.quoted(name), prices.size(), stock.rows.size()));
            for (PriceRecord price : prices) {
                context.skipped(CatalogEntity.PRICES, null, line, ReadProblem.PRICE_OF_OFFER_WITHOUT_ID.with(price.priceTypeId()));
            }
            for (StockRecord row : stock.rows) {
                context.skipped(CatalogEntity.STOCK, null, line, ReadProblem.STOCK_OF_OFFER_WITHOUT_ID.with(row.warehouseId()));
            }
            return;
        }
        if (id.endsWith("#")) {
            // why: "product#" with an empty characteristic is the product's own plain offer.
            id = id.substring(0, id.length() - 1);
        }
        if (characteristicId != null && id.indexOf('#') < 0) {
            id = id + "#" + characteristicId;
        }
        for (Pending problem : problems) {
            if (problem.kind == ItemProblem.Kind.SKIPPED) {
                context.skipped(problem.entity, id, problem.line, problem.reason);
            } else {
                context.warning(problem.entity, id, problem.line, problem.reason);
            }
        }
        context.visitor.offer(new OfferRecord(id, Values.productId(id), version, sku, barcode, name,
                characteristics, properties, prices, stock.rows, stock.total, deleted, context.location(line)));
    }

    private static void characteristics(XmlCursor cursor, List<Characteristic> into) throws PackageException {
        while (cursor.nextChild()) {
            if (!cursor.name().equals("ХарактеристикаТовара")) {
                cursor.skip();
                continue;
            }
            String name = null;
            String value = null;
            while (cursor.nextChild()) {
                switch (cursor.name()) {
                    case "Наименование" -> name = cursor.text();
                    case "Значение" -> value = cursor.text();
                    default -> cursor.skip();
                }
            }
            if (name != null && !Values.isNoValue(value)) {
                into.add(new Characteristic(name, value));
            }
        }
    }

    private static void prices(XmlCursor cursor, List<PriceRecord> into, List<Pending> problems)
            throws PackageException {
        while (cursor.nextChild()) {
            if (!cursor.name().equals("Цена")) {
                cursor.skip();
                continue;
            }
            long line = cursor.line();
            String type = null;
            String amount = null;
            String currency = null;
            String unit = null;
            String coefficient = null;
            while (cursor.nextChild()) {
                switch (cursor.name()) {
                    case "ИдТипаЦены" -> type = Values.id(cursor.text());
                    case "ЦенаЗаЕдиницу" -> amount = cursor.text();
                    case "Валюта" -> currency = cursor.text();
                    case "Единица" -> unit = cursor.text();
                    case "Коэффициент" -> coefficient = cursor.text();
                    default -> cursor.skip();
                }
            }
            BigDecimal price = Values.decimal(amount);
            BigDecimal factor = Values.decimal(coefficient);
            if (type == null) {
                problems.add(skippedPrice(line, ReadProblem.PRICE_NO_TYPE.with()));
            } else if (price == null) {
                problems.add(skippedPrice(line, amount == null
                        ? ReadProblem.PRICE_NO_AMOUNT.with(type) : ReadProblem.PRICE_NOT_NUMBER.with(type, amount)));
            } else if (coefficient != null && factor == null) {
                problems.add(skippedPrice(line, ReadProblem.PRICE_FACTOR_NOT_NUMBER.with(type, coefficient)));
            } else {
                into.add(new PriceRecord(type, price, currency, unit, factor));
            }
        }
    }

    /** {@code Остатки}: each {@code Остаток} holds a {@code Склад} (shape b) or only a total {@code Количество}. */
    private static void rests(XmlCursor cursor, Stock stock) throws PackageException {
        while (cursor.nextChild()) {
            if (!cursor.name().equals("Остаток")) {
                cursor.skip();
                continue;
            }
            long line = cursor.line();
            String warehouse = null;
            String quantity = null;
            boolean hasWarehouse = false;
            String ownQuantity = null;
            while (cursor.nextChild()) {
                switch (cursor.name()) {
                    case "Склад" -> {
                        hasWarehouse = true;
                        Entry entry = stockEntry(cursor);
                        warehouse = entry.warehouse;
                        quantity = entry.quantity;
                    }
                    case "Количество" -> ownQuantity = cursor.text();
                    default -> cursor.skip();
                }
            }
            if (hasWarehouse) {
                addRow(stock, line, warehouse, quantity != null ? quantity : ownQuantity);
            } else if (ownQuantity != null && stock.total == null) {
                stock.total = parseQuantity(ownQuantity, null, line, stock.problems);
            }
        }
    }

    /** One warehouse stock element of shape a, c or the changes package. */
    private static void warehouseStock(XmlCursor cursor, Stock stock) throws PackageException {
        long line = cursor.line();
        Entry entry = stockEntry(cursor);
        addRow(stock, line, entry.warehouse, entry.quantity);
    }

    /** Warehouse id and quantity from the attributes or children of a stock element; moves to its end. */
    private static Entry stockEntry(XmlCursor cursor) throws PackageException {
        String warehouse = cursor.attribute("ИдСклада");
        String quantity = cursor.attribute("КоличествоНаСкладе");
        if (quantity == null) {
            quantity = cursor.attribute("Количество");
        }
        while (cursor.nextChild()) {
            switch (cursor.name()) {
                case "Ид", "ИдСклада" -> warehouse = cursor.text();
                case "Количество", "КоличествоНаСкладе", "Остаток" -> quantity = cursor.text();
                default -> cursor.skip();
            }
        }
        return new Entry(warehouse == null ? null : warehouse.strip(), quantity == null ? null : quantity.strip());
    }

    private static void addRow(Stock stock, long line, String warehouse, String quantity) {
        warehouse = Values.id(warehouse == null || warehouse.isEmpty() ? null : warehouse);
        if (warehouse == null) {
            stock.problems.add(skippedStock(line, ReadProblem.STOCK_NO_WAREHOUSE.with()));
            return;
        }
        if (quantity == null || quantity.isEmpty()) {
            stock.problems.add(skippedStock(line, ReadProblem.STOCK_NO_QUANTITY.with(warehouse)));
            return;
        }
        BigDecimal value = parseQuantity(quantity, warehouse, line, stock.problems);
        if (value != null) {
            stock.rows.add(new StockRecord(warehouse, value));
        }
    }

    /** {@code Количество} of the offer: the total over all warehouses. */
    private static BigDecimal totalQuantity(XmlCursor cursor, List<Pending> problems) throws PackageException {
        long line = cursor.line();
        String text = cursor.text();
        return text == null ? null : parseQuantity(text, null, line, problems);
    }

    private static BigDecimal parseQuantity(String text, String warehouse, long line, List<Pending> problems) {
        BigDecimal value = Values.decimal(text);
        if (value == null && warehouse == null) {
            problems.add(new Pending(ItemProblem.Kind.WARNING, CatalogEntity.OFFERS, line,
                    ReadProblem.TOTAL_NOT_NUMBER.with(text)));
        } else if (value == null) {
            problems.add(skippedStock(line, ReadProblem.STOCK_NOT_NUMBER.with(warehouse, text)));
        }
        return value;
    }

    private static Pending skippedPrice(long line, Text reason) {
        return new Pending(ItemProblem.Kind.SKIPPED, CatalogEntity.PRICES, line, reason);
    }

    private static Pending skippedStock(long line, Text reason) {
        return new Pending(ItemProblem.Kind.SKIPPED, CatalogEntity.STOCK, line, reason);
    }
}
