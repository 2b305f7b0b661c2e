package org.catalogimport.commerceml;

/**
 * One allowed value of a dictionary property ({@code ВариантыЗначений/Справочник}).
 *
 * <p>Value ids are unique only within their property (1C reuses {@code true}/{@code false} and,
 * in 3.1, the same GUIDs under different properties): key them by (property id, value id).
 * Exporters that list bare {@code Значение} elements get the value itself as id, which is also what
 * their products reference.
 */
public record DictionaryValue(String id, String value) {
}
