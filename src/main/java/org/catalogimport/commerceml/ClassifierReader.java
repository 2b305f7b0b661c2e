package org.catalogimport.commerceml;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads dictionaries: a {@code Классификатор} section, and the price types and warehouses that 2.0x
 * exports put in the offers package instead.
 */
final class ClassifierReader {

    /** What a section does with a child it does not know: read it as a container, or skip it. */
    @FunctionalInterface
    interface OtherChild {
        void read(XmlCursor cursor, ReadContext context) throws PackageException;
    }

    /** At a {@code Классификатор} start tag: reads the section; {@code other} gets every other child. */
    void read(XmlCursor cursor, ReadContext context, OtherChild other) throws PackageException {
        SectionHeader header = new SectionHeader(SectionKind.CLASSIFIER, cursor);
        while (cursor.nextChild()) {
            if (header.read(cursor)) {
                continue;
            }
            Containers container = Containers.named(cursor.name());
            if (container != null && container.isDictionary()) {
                header.announce(context);
                dictionary(container, cursor, context);
            } else {
                other.read(cursor, context);
            }
        }
        header.announce(context);
    }

    /** At the start tag of a dictionary list ({@code Группы}, {@code Свойства}...), wherever it is. */
    void dictionary(Containers container, XmlCursor cursor, ReadContext context) throws PackageException {
        switch (container) {
            case GROUPS -> groups(cursor, context, null);
            case PROPERTIES -> properties(cursor, context);
            case PRICE_TYPES -> priceTypes(cursor, context);
            case WAREHOUSES -> warehouses(cursor, context);
            case UNITS -> units(cursor, context);
            default -> throw new IllegalArgumentException(container + " is not a dictionary");
        }
    }

    /** Marks the subgroups of a group without Ид: they are read only to be reported. */
    private static final String NO_PARENT_ID = new String("(no Ид)");

    private void groups(XmlCursor cursor, ReadContext context, String parentId) throws PackageException {
        while (cursor.nextChild()) {
            if (cursor.name().equals("Группа")) {
                group(cursor, context, parentId);
            } else {
                cursor.skip();
            }
        }
    }

    private void group(XmlCursor cursor, ReadContext context, String parentId) throws PackageException {
        long line = cursor.line();
        boolean deleted = Values.isDeletedStatus(cursor.attribute("Статус"));
        String id = null;
        String name = null;
        String description = null;
        boolean delivered = false;
        while (cursor.nextChild()) {
            switch (cursor.name()) {
                case "Ид" -> id = Values.id(cursor.text());
                case "Наименование" -> name = cursor.text();
                case "Описание" -> description = cursor.text();
                case "ПометкаУдаления" -> deleted |= Values.isTrue(cursor.text());
                case "Статус" -> deleted |= Values.isDeletedStatus(cursor.text());
                case "Группы" -> {
                    if (id == null || parentId == NO_PARENT_ID) {
                        // why skip the subgroups too: without the parent's id they would turn into roots.
                        // Each one is still reported: every group read is stored or reported.
                        groups(cursor, context, NO_PARENT_ID);
                    } else {
                        if (!delivered) {
                            // why here: a parent must reach the visitor before its children do.
                            context.visitor.group(new GroupRecord(id, parentId, name, description, deleted));
                        }
                        groups(cursor, context, id);
                    }
                    delivered = true;
                }
                default -> cursor.skip();
            }
        }
        if (parentId == NO_PARENT_ID) {
            context.skipped(CatalogEntity.GROUPS, id, line, ReadProblem.GROUP_IN_GROUP_WITHOUT_ID.with(Text.quoted(name)));
            return;
        }
        if (id == null) {
            context.skipped(CatalogEntity.GROUPS, null, line, (delivered ? ReadProblem.GROUP_NO_ID_WITH_SUBGROUPS
                    : ReadProblem.GROUP_NO_ID).with(Text.quoted(name)));
            return;
        }
        if (!delivered) {
            context.visitor.group(new GroupRecord(id, parentId, name, description, deleted));
        }
    }

    private void properties(XmlCursor cursor, ReadContext context) throws PackageException {
        while (cursor.nextChild()) {
            if (cursor.name().equals("Свойство")) {
                property(cursor, context);
            } else {
                cursor.skip();
            }
        }
    }

    private void property(XmlCursor cursor, ReadContext context) throws PackageException {
        long line = cursor.line();
        boolean deleted = Values.isDeletedStatus(cursor.attribute("Статус"));
        String id = null;
        String name = null;
        String type = null;
        boolean multiple = false;
        Boolean forOffers = null;
        List<DictionaryValue> values = new ArrayList<>();
        while (cursor.nextChild()) {
            switch (cursor.name()) {
                case "Ид" -> id = Values.id(cursor.text());
                case "Наименование" -> name = cursor.text();
                case "ТипЗначений" -> type = cursor.text();
                case "Множественное" -> multiple = Values.isTrue(cursor.text());
                case "ДляПредложений" -> forOffers = Values.isTrue(cursor.text());
                case "ПометкаУдаления" -> deleted |= Values.isTrue(cursor.text());
                case "Статус" -> deleted |= Values.isDeletedStatus(cursor.text());
                case "ВариантыЗначений" -> dictionaryValues(cursor, context, id, values);
                default -> cursor.skip();
            }
        }
        if (id == null) {
            context.skipped(CatalogEntity.PROPERTIES, null, line, ReadProblem.PROPERTY_NO_ID.with(Text.quoted(name)));
            return;
        }
        context.visitor.property(new PropertyRecord(id, name, propertyType(type, values), multiple,
                forOffers != null ? forOffers : context.offersContext(), values, deleted));
    }

    private static PropertyType propertyType(String type, List<DictionaryValue> values) {
        if (type == null) {
            return values.isEmpty() ? PropertyType.STRING : PropertyType.DICTIONARY;
        }
        return switch (type) {
            case "Справочник" -> PropertyType.DICTIONARY;
            case "Число" -> PropertyType.NUMBER;
            case "Время", "Дата", "ДатаВремя" -> PropertyType.DATE;
            default -> PropertyType.STRING;
        };
    }

    private void dictionaryValues(XmlCursor cursor, ReadContext context, String propertyId,
                                  List<DictionaryValue> into) throws PackageException {
        while (cursor.nextChild()) {
            switch (cursor.name()) {
                case "Справочник" -> {
                    long line = cursor.line();
                    String valueId = null;
                    String value = null;
                    while (cursor.nextChild()) {
                        switch (cursor.name()) {
                            case "ИдЗначения" -> valueId = Values.id(cursor.text());
                            case "Значение" -> value = cursor.text();
                            default -> cursor.skip();
                        }
                    }
                    if (valueId != null) {
                        into.add(new DictionaryValue(valueId, value));
                    } else if (value != null) {
                        context.skipped(CatalogEntity.PROPERTY_VALUES, propertyId, line, ReadProblem.DICTIONARY_VALUE_NO_ID.with(Text.quoted(value)));
                    }
                }
                case "Значение" -> {
                    // why the value as its own id: exporters that list bare values reference them by text.
                    String value = cursor.text();
                    if (value != null) {
                        into.add(new DictionaryValue(value, value));
                    }
                }
                default -> cursor.skip();
            }
        }
    }

    /** At a {@code ТипыЦен} start tag (in a classifier or an offers package). */
    void priceTypes(XmlCursor cursor, ReadContext context) throws PackageException {
        while (cursor.nextChild()) {
            if (!cursor.name().equals("ТипЦены")) {
                cursor.skip();
                continue;
            }
            long line = cursor.line();
            String id = null;
            String name = null;
            String currency = null;
            while (cursor.nextChild()) {
                switch (cursor.name()) {
                    case "Ид" -> id = Values.id(cursor.text());
                    case "Наименование" -> name = cursor.text();
                    case "Валюта" -> currency = cursor.text();
                    default -> cursor.skip();
                }
            }
            if (id == null) {
                context.skipped(CatalogEntity.PRICE_TYPES, null, line, ReadProblem.PRICE_TYPE_NO_ID.with(Text.quoted(name)));
            } else {
                context.visitor.priceType(new PriceTypeRecord(id, name, currency));
            }
        }
    }

    /** At a {@code Склады} start tag (in a classifier or an offers package). */
    void warehouses(XmlCursor cursor, ReadContext context) throws PackageException {
        while (cursor.nextChild()) {
            if (!cursor.name().equals("Склад")) {
                cursor.skip();
                continue;
            }
            long line = cursor.line();
            boolean deleted = Values.isDeletedStatus(cursor.attribute("Статус"));
            String id = null;
            String name = null;
            String address = null;
            while (cursor.nextChild()) {
                switch (cursor.name()) {
                    case "Ид" -> id = Values.id(cursor.text());
                    case "Наименование" -> name = cursor.text();
                    case "Адрес" -> address = address(cursor);
                    case "ПометкаУдаления" -> deleted |= Values.isTrue(cursor.text());
                    case "Статус" -> deleted |= Values.isDeletedStatus(cursor.text());
                    default -> cursor.skip();
                }
            }
            if (id == null) {
                context.skipped(CatalogEntity.WAREHOUSES, null, line, ReadProblem.WAREHOUSE_NO_ID.with(Text.quoted(name)));
            } else {
                context.visitor.warehouse(new WarehouseRecord(id, name, address, deleted));
            }
        }
    }

    /** {@code Адрес/Представление}; the address fields ({@code АдресноеПоле}) repeat it in parts. */
    private static String address(XmlCursor cursor) throws PackageException {
        String presentation = null;
        while (cursor.nextChild()) {
            if (cursor.name().equals("Представление")) {
                presentation = cursor.text();
            } else {
                cursor.skip();
            }
        }
        return presentation;
    }

    private void units(XmlCursor cursor, ReadContext context) throws PackageException {
        while (cursor.nextChild()) {
            if (!cursor.name().equals("ЕдиницаИзмерения")) {
                cursor.skip();
                continue;
            }
            long line = cursor.line();
            String id = null;
            String code = null;
            String shortName = null;
            String fullName = null;
            String international = null;
            while (cursor.nextChild()) {
                switch (cursor.name()) {
                    case "Ид" -> id = cursor.text();
                    case "Код" -> code = cursor.text();
                    case "НаименованиеКраткое" -> shortName = cursor.text();
                    case "НаименованиеПолное" -> fullName = cursor.text();
                    case "МеждународноеСокращение" -> international = cursor.text();
                    default -> cursor.skip();
                }
            }
            String key = code != null ? code : id;
            if (key == null) {
                context.skipped(CatalogEntity.UNITS, null, line, ReadProblem.UNIT_NO_ID.with(Text.quoted(fullName)));
            } else {
                context.visitor.unit(new UnitRecord(key, shortName, fullName, international));
            }
        }
    }
}
