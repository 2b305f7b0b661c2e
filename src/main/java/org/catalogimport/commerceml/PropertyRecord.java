package org.catalogimport.commerceml;

import java.util.List;

/**
 * A property definition ({@code Свойство}). The same property can arrive several times: 3.1 exports
 * repeat the brand pseudo-property ({@code Ид=Бренд}) in every properties file, and define shared
 * properties both for goods and for offers. Upsert by id and merge the values.
 *
 * @param multiple  {@code Множественное}
 * @param forOffers {@code ДляПредложений}; when absent, true if the property is defined in an offers
 *                  context (a file whose catalog data are offers, e.g. 3.1 {@code propertiesOffers/})
 * @param values    dictionary values in file order; empty for non-dictionary properties
 * @param deleted   {@code ПометкаУдаления=true} or {@code Статус=Удален}
 */
public record PropertyRecord(String id, String name, PropertyType type, boolean multiple, boolean forOffers,
                             List<DictionaryValue> values, boolean deleted) {

    public PropertyRecord {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
