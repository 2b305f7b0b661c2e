package org.catalogimport.commerceml;

import java.util.List;

/**
 * A product's or offer's value of a property ({@code ЗначенияСвойства}).
 *
 * <p>Values are as given: for a dictionary property the id of one of its values, otherwise a literal
 * (numbers keep 1C's spelling, e.g. {@code 21,6}). Some exporters put literals in dictionary
 * properties, so "not found among the values ⇒ literal" is a sound fallback. 1C's "no value" markers
 * are removed: empty values, the all-zero GUID, {@code -999999999.9} (any spacing or decimal comma)
 * and {@code 0001-01-01T00:00:00}. An entry whose values were all markers stays, with an empty list:
 * 1C lists every property of the product's kind, and an empty list says "this property is unset".
 */
public record PropertyValue(String propertyId, List<String> values) {

    public PropertyValue {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
