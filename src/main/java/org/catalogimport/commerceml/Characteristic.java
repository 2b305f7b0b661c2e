package org.catalogimport.commerceml;

/**
 * A variant axis of an offer ({@code ХарактеристикаТовара}): display text, not a dictionary id, e.g.
 * ({@code Размер}, {@code 42,5}). Characteristics without a value are left out.
 */
public record Characteristic(String name, String value) {
}
