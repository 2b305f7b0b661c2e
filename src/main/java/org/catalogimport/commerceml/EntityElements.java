package org.catalogimport.commerceml;

import java.util.Set;

/**
 * Which elements of a CommerceML file are items (the census counts them wherever they sit), and which
 * elements the import leaves out on purpose. The one place that says both: an element missing from
 * here is either read by a reader or listed in the change report as not kept.
 */
final class EntityElements {

    /**
     * Elements left out on purpose, as {@code name} (anywhere) or {@code parent/name}: what they hold
     * is not catalog data (orders, contractors), only repeats what is read (a price's
     * {@code Представление}, an address's fields), or describes the document rather than the catalog.
     * Nothing inside them is counted: an order's {@code Товары/Товар} is not a catalog product.
     */
    private static final Set<String> IGNORED = Set.of(
            // documents, orders, contractors: another exchange (type=sale), never catalog data
            "Документ", "Контрагенты", "Контейнер",
            // section headers: the owner and the names of the catalog, classifier and offers package
            "Классификатор/Наименование", "Каталог/Наименование", "ПакетПредложений/Наименование",
            "ИзмененияПакетаПредложений/Наименование", "Классификатор/Владелец", "Каталог/Владелец",
            "ПакетПредложений/Владелец", "ИзмененияПакетаПредложений/Владелец", "Каталог/ИдКлассификатора",
            "ПакетПредложений/ИдКлассификатора", "ПакетПредложений/ИдКаталога",
            "ИзмененияПакетаПредложений/ИдКаталога", "ИзмененияПакетаПредложений/ИдКлассификатора",
            "Каталог/Описание", "Классификатор/Описание", "ПакетПредложений/Описание",
            // repeats of what is read: a price written out as text, an address split into fields
            "Цена/Представление", "Адрес/АдресноеПоле",
            // 1C's own change counter on dictionaries (products and offers keep theirs: they are read there)
            "Группа/НомерВерсии", "Свойство/НомерВерсии", "ТипЦены/НомерВерсии", "Склад/НомерВерсии",
            "ЕдиницаИзмерения/НомерВерсии");

    private EntityElements() {
    }

    /** The entity an element named {@code name} under {@code parent} is an item of, null when none. */
    static CatalogEntity entityOf(ElementCensus.Node parent, String name) {
        String container = parent.name;
        return switch (name) {
            case "Группа" -> container.equals("Группы") ? CatalogEntity.GROUPS : null;
            case "Свойство" -> container.equals("Свойства") ? CatalogEntity.PROPERTIES : null;
            case "Справочник" -> container.equals("ВариантыЗначений") ? CatalogEntity.PROPERTY_VALUES : null;
            case "ТипЦены" -> container.equals("ТипыЦен") ? CatalogEntity.PRICE_TYPES : null;
            case "ЕдиницаИзмерения" -> container.equals("ЕдиницыИзмерения") ? CatalogEntity.UNITS : null;
            case "Товар" -> container.equals("Товары") ? CatalogEntity.PRODUCTS : null;
            case "Предложение" -> container.equals("Предложения") ? CatalogEntity.OFFERS : null;
            case "Цена" -> container.equals("Цены") ? CatalogEntity.PRICES : null;
            case "Склад" -> warehouseOrStock(parent);
            case "КоличествоНаСкладе" -> container.equals("КоличествоНаСкладах") ? CatalogEntity.STOCK : null;
            case "ОстатокПоСкладу" -> container.equals("ОстаткиПоСкладам") ? CatalogEntity.STOCK : null;
            default -> null;
        };
    }

    /** {@code Склады/Склад} defines a warehouse, except inside an offer, where it is a stock entry (as all other {@code Склад}). */
    private static CatalogEntity warehouseOrStock(ElementCensus.Node parent) {
        return switch (parent.name) {
            case "Предложение", "Остаток" -> CatalogEntity.STOCK;
            case "Склады" -> "Предложение".equals(parent.parentName()) ? CatalogEntity.STOCK : CatalogEntity.WAREHOUSES;
            default -> null;
        };
    }

    /** Whether the element at {@code node} is left out on purpose (see {@link #IGNORED}). */
    static boolean isIgnored(ElementCensus.Node node) {
        return IGNORED.contains(node.name) || (node.parent != null && IGNORED.contains(node.parent.name + "/" + node.name));
    }
}
