package org.catalogimport.commerceml;

import java.util.ArrayList;
import java.util.List;

/** Reads one {@code Товар} into a {@link ProductRecord}. */
final class ProductReader {

    private static final String TRADE_MARK_REQUISITE = "Торговая марка";
    private static final String TRADE_MARK_REQUISITE_2 = "ТорговаяМарка";
    private static final String CODE_REQUISITE = "Код";

    /** At a {@code Товар} start tag. */
    void read(XmlCursor cursor, ReadContext context) throws PackageException {
        long line = cursor.line();
        boolean deleted = Values.isDeletedStatus(cursor.attribute("Статус"));
        String id = null;
        String version = null;
        String sku = null;
        String barcode = null;
        String code = null;
        String name = null;
        String description = null;
        String manufacturer = null;
        String tradeMark = null;
        String unitCode = null;
        List<String> groupIds = new ArrayList<>(1);
        List<String> images = new ArrayList<>(2);
        List<PropertyValue> properties = new ArrayList<>();
        List<Requisite> requisites = new ArrayList<>();
        while (cursor.nextChild()) {
            switch (cursor.name()) {
                case "Ид" -> id = cursor.text();
                case "НомерВерсии" -> version = cursor.text();
                case "ПометкаУдаления" -> deleted |= Values.isTrue(cursor.text());
                case "Статус" -> deleted |= Values.isDeletedStatus(cursor.text());
                case "Штрихкод", "ШтрихКод" -> barcode = cursor.text();
                case "Артикул" -> sku = cursor.text();
                case "Код" -> code = cursor.text();
                case "Наименование" -> name = cursor.text();
                case "БазоваяЕдиница" -> unitCode = unitCode(cursor);
                case "Группы" -> ValueListReader.ids(cursor, groupIds);
                case "Описание" -> description = cursor.text();
                case "Картинка" -> {
                    String image = cursor.text();
                    if (image != null) {
                        images.add(image);
                    }
                }
                case "Изготовитель" -> manufacturer = ValueListReader.nameOf(cursor);
                case "ТорговаяМарка" -> tradeMark = cursor.text();
                case "ЗначенияСвойств" -> ValueListReader.propertyValues(cursor, properties);
                case "ЗначенияРеквизитов" -> ValueListReader.requisites(cursor, requisites);
                default -> cursor.skip();
            }
        }
        id = Values.id(id);
        if (id == null) {
            context.skipped(CatalogEntity.PRODUCTS, null, line, ReadProblem.PRODUCT_NO_ID.with(Text.quoted(name)));
            return;
        }
        context.visitor.product(new ProductRecord(Values.productId(id), version, sku, barcode,
                code != null ? code : firstValue(requisites, CODE_REQUISITE), name, description, groupIds,
                manufacturer, brand(tradeMark, properties, requisites), images, properties, requisites, unitCode,
                deleted, context.location(line)));
    }

    /** The {@code Код} attribute, else the element's own text (a code in 3.x, a short name in old exports). */
    private static String unitCode(XmlCursor cursor) throws PackageException {
        String code = cursor.attribute("Код");
        String text = cursor.text();
        if (code != null) {
            code = code.strip();
            if (!code.isEmpty()) {
                return code;
            }
        }
        return text;
    }

    /** Literal names first; the 3.x brand pseudo-property (a value id) after them. */
    private static String brand(String tradeMark, List<PropertyValue> properties, List<Requisite> requisites) {
        if (tradeMark != null) {
            return tradeMark;
        }
        String brand = firstValue(requisites, TRADE_MARK_REQUISITE);
        if (brand == null) {
            brand = firstValue(requisites, TRADE_MARK_REQUISITE_2);
        }
        if (brand == null) {
            for (PropertyValue value : properties) {
                if (value.propertyId().equals(ProductRecord.BRAND_PROPERTY_ID) && !value.values().isEmpty()) {
                    return value.values().get(0);
                }
            }
            brand = firstValue(requisites, ProductRecord.BRAND_PROPERTY_ID);
        }
        return brand;
    }

    private static String firstValue(List<Requisite> requisites, String name) {
        for (Requisite requisite : requisites) {
            if (requisite.name().equals(name) && !requisite.values().isEmpty()) {
                return requisite.values().get(0);
            }
        }
        return null;
    }
}
