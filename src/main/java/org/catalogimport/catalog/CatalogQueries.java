package org.catalogimport.catalog;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * Read model of the catalog for the API: PostgreSQL assembles each answer as one JSON document
 * (one round trip per request, decimals rendered exactly as text).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CatalogQueries {

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

    private static final String PRODUCT = """
            SELECT jsonb_build_object(
                'id', p.external_id, 'sku', p.sku, 'barcode', p.barcode, 'code', p.code, 'name', p.name,
                'description', p.description, 'active', p.active, 'manufacturer', p.manufacturer,
                'brand', COALESCE((SELECT v.value FROM catalog_property_value v
                                   WHERE v.property_id = 'Бренд' AND v.value_id = p.brand), p.brand),
                'unit', p.unit_code, 'images', to_jsonb(p.images), 'requisites', p.requisites,
                'groups', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', g.external_id, 'name', g.name) ORDER BY g.name)
                                    FROM catalog_group g WHERE g.external_id = ANY (p.group_ids)), '[]'::jsonb),
                'properties', COALESCE((SELECT jsonb_agg(jsonb_build_object(
                                    'id', pv.key, 'name', cp.name,
                                    'values', (SELECT jsonb_agg(COALESCE(v.value, raw.value)) FROM jsonb_array_elements_text(pv.value) AS raw(value)
                                               LEFT JOIN catalog_property_value v ON v.property_id = pv.key AND v.value_id = raw.value))
                                    ORDER BY cp.name NULLS LAST, pv.key)
                                FROM jsonb_each(p.properties) AS pv LEFT JOIN catalog_property cp ON cp.external_id = pv.key), '[]'::jsonb),
                'offers', COALESCE((SELECT jsonb_agg(jsonb_build_object(
                                    'id', o.external_id, 'name', o.name, 'sku', o.sku, 'barcode', o.barcode, 'active', o.active,
                                    'characteristics', o.characteristics,
                                    'totalQuantity', o.total_quantity::text,
                                    'prices', COALESCE((SELECT jsonb_agg(jsonb_build_object(
                                                    'priceTypeId', pr.price_type_id, 'priceType', pt.name,
                                                    'price', pr.price_per_unit::text, 'currency', pr.currency) ORDER BY pt.name)
                                                FROM offer_price pr JOIN price_type pt ON pt.external_id = pr.price_type_id
                                                WHERE pr.offer_id = o.external_id), '[]'::jsonb),
                                    'stock', COALESCE((SELECT jsonb_agg(jsonb_build_object(
                                                    'warehouseId', s.warehouse_id, 'warehouse', w.name,
                                                    'quantity', s.quantity::text) ORDER BY w.name)
                                                FROM offer_stock s JOIN warehouse w ON w.external_id = s.warehouse_id
                                                WHERE s.offer_id = o.external_id), '[]'::jsonb))
                                    ORDER BY o.external_id)
                                FROM offer o WHERE o.product_id = p.external_id), '[]'::jsonb)
            )::text
            FROM product p WHERE p.external_id = ?1""";

    private static final String SUMMARY = """
            SELECT jsonb_build_object(
                'groups', (SELECT count(*) FROM catalog_group),
                'properties', (SELECT count(*) FROM catalog_property),
                'propertyValues', (SELECT count(*) FROM catalog_property_value),
                'products', (SELECT count(*) FROM product),
                'activeProducts', (SELECT count(*) FROM product WHERE active),
                'inactiveProducts', (SELECT count(*) FROM product WHERE NOT active),
                'offers', (SELECT count(*) FROM offer),
                'activeOffers', (SELECT count(*) FROM offer WHERE active),
                'prices', (SELECT count(*) FROM offer_price),
                'stock', (SELECT count(*) FROM offer_stock),
                'priceTypes', (SELECT count(*) FROM price_type),
                'warehouses', (SELECT count(*) FROM warehouse),
                'units', (SELECT count(*) FROM unit))::text""";

    /** The product with its groups, property values, offers, prices and stock, as JSON. */
    public Optional<String> productJson(String externalId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = entityManager.createNativeQuery(PRODUCT).setParameter(1, externalId).getResultList();
        return rows.stream().findFirst().map(Object::toString);
    }

    /** Counts of everything in the catalog, as JSON. */
    public String summaryJson() {
        return entityManager.createNativeQuery(SUMMARY).getSingleResult().toString();
    }
}
