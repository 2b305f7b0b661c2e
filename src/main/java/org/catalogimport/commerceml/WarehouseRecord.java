package org.catalogimport.commerceml;

/**
 * A warehouse ({@code Склад}); defined in the classifier (2.09+, 3.x {@code storages/}) or in the offers
 * package (2.0x).
 *
 * @param address {@code Адрес/Представление} (or the address text), null when absent
 */
public record WarehouseRecord(String id, String name, String address, boolean deleted) {
}
