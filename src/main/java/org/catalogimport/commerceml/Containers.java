package org.catalogimport.commerceml;

/**
 * The container elements of CommerceML and where the standard puts them. Readers look containers up
 * by name wherever they are (as the 1C-Bitrix receiver does), so a package written by another
 * exchange module, with its {@code Каталог} inside the {@code Классификатор} or its {@code Товары}
 * right under the root, is read all the same; {@link #isMisplaced} tells when to say so.
 */
enum Containers {
    CLASSIFIER("Классификатор", CatalogEntity.GROUPS, CommerceMlReader.ROOT),
    CATALOG("Каталог", CatalogEntity.PRODUCTS, CommerceMlReader.ROOT),
    OFFERS_PACKAGE("ПакетПредложений", CatalogEntity.OFFERS, CommerceMlReader.ROOT),
    OFFERS_CHANGES("ИзмененияПакетаПредложений", CatalogEntity.OFFERS, CommerceMlReader.ROOT),
    PRODUCTS("Товары", CatalogEntity.PRODUCTS, "Каталог"),
    OFFERS("Предложения", CatalogEntity.OFFERS, "ПакетПредложений", "ИзмененияПакетаПредложений"),
    GROUPS("Группы", CatalogEntity.GROUPS, "Классификатор"),
    PROPERTIES("Свойства", CatalogEntity.PROPERTIES, "Классификатор"),
    PRICE_TYPES("ТипыЦен", CatalogEntity.PRICE_TYPES, "Классификатор", "ПакетПредложений", "ИзмененияПакетаПредложений"),
    WAREHOUSES("Склады", CatalogEntity.WAREHOUSES, "Классификатор", "ПакетПредложений", "ИзмененияПакетаПредложений"),
    UNITS("ЕдиницыИзмерения", CatalogEntity.UNITS, "Классификатор");

    final String element;
    /** What a warning about a misplaced container is counted against. */
    final CatalogEntity entity;
    private final String[] standardParents;

    Containers(String element, CatalogEntity entity, String... standardParents) {
        this.element = element;
        this.entity = entity;
        this.standardParents = standardParents;
    }

    /** The container named {@code name}, null when it is not one. */
    static Containers named(String name) {
        for (Containers container : values()) {
            if (container.element.equals(name)) {
                return container;
            }
        }
        return null;
    }

    /** Whether this container under {@code parent} is somewhere the standard does not put it. */
    boolean isMisplaced(String parent) {
        for (String standard : standardParents) {
            if (standard.equals(parent)) {
                return false;
            }
        }
        return true;
    }

    boolean isSection() {
        return this == CLASSIFIER || this == CATALOG || this == OFFERS_PACKAGE || this == OFFERS_CHANGES;
    }

    /** Dictionary order in the "dictionaries first" stage: groups 0 … units 4 (declared in that order). */
    int dictionaryRank() {
        return ordinal() - GROUPS.ordinal();
    }

    boolean isDictionary() {
        return this == GROUPS || this == PROPERTIES || this == PRICE_TYPES || this == WAREHOUSES || this == UNITS;
    }
}
