package org.catalogimport.commerceml;

import java.util.List;

/**
 * A product ({@code Товар}).
 *
 * <p>Null means "not given", empty lists "none given": an update file may carry only some fields.
 *
 * @param id           the product's {@code Ид}; for old exports that list each variant as a
 *                     {@code Товар} with {@code product#variant}, the part before the first {@code #}
 *                     (the variant itself arrives as an offer)
 * @param version      {@code НомерВерсии}: an opaque change stamp, equal ⇒ unchanged
 * @param code         {@code Код}, or the requisite {@code Код} (UT 11 / 3.x put it there)
 * @param groupIds     {@code Группы/Ид}; may name groups of a classifier sent in an earlier exchange
 * @param manufacturer {@code Изготовитель/Наименование}
 * @param brand        a literal brand name when 1C sent one ({@code ТорговаяМарка}, requisite
 *                     {@code Торговая марка}); otherwise, in 3.x, the value id from the brand
 *                     pseudo-property {@link #BRAND_PROPERTY_ID} (resolve it among that property's
 *                     dictionary values, fall back to it as a literal)
 * @param images       {@code Картинка} paths as written; resolve them with
 *                     {@link ExchangePackage#picture(PackageFile, String)}
 * @param properties   property values, see {@link PropertyValue}; the brand pseudo-property stays here too
 * @param requisites   {@code ЗначенияРеквизитов}
 * @param unitCode     {@code БазоваяЕдиница}: its {@code Код} attribute, else its text, trimmed (3.x
 *                     writes the code as text, {@code "796 "}; old exports the short name, {@code "шт"})
 * @param deleted      {@code ПометкаУдаления=true} or {@code Статус=Удален} (any case, attribute or element)
 * @param location     where the {@code Товар} starts
 */
public record ProductRecord(String id, String version, String sku, String barcode, String code, String name,
                            String description, List<String> groupIds, String manufacturer, String brand,
                            List<String> images, List<PropertyValue> properties, List<Requisite> requisites,
                            String unitCode, boolean deleted, Location location) {

    /** The {@code Ид} 3.x exports give the brand dictionary, a word instead of a GUID. */
    public static final String BRAND_PROPERTY_ID = "Бренд";

    public ProductRecord {
        groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
        images = images == null ? List.of() : List.copyOf(images);
        properties = properties == null ? List.of() : List.copyOf(properties);
        requisites = requisites == null ? List.of() : List.copyOf(requisites);
    }
}
