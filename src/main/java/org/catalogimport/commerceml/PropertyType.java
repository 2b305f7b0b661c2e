package org.catalogimport.commerceml;

/** {@code ТипЗначений} of a property; an absent or unknown type reads as {@link #STRING}. */
public enum PropertyType {
    STRING,
    NUMBER,
    /** {@code Время}, {@code Дата}, {@code ДатаВремя}. */
    DATE,
    /** {@code Справочник}: products give the id of one of the property's values. */
    DICTIONARY
}
