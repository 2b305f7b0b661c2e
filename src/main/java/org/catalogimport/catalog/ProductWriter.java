package org.catalogimport.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.Location;
import org.catalogimport.commerceml.ProductRecord;
import org.catalogimport.commerceml.PropertyValue;

/**
 * Writes products. A product whose group is not in the catalog is stored all the same, with the
 * group's Ид kept in {@code group_ids} (the link is complete as soon as 1C sends that group); the
 * import warns once per such group, at its end, when every group of the package has arrived.
 */
final class ProductWriter {

    /** A group Ид that products refer to: where first, and how many products. */
    private static final class GroupUse {
        final Location firstUse;
        long products;

        GroupUse(Location firstUse) {
            this.firstUse = firstUse;
        }
    }

    private final CatalogStatements sql;
    private final Map<String, ProductRecord> products = new LinkedHashMap<>();
    private final Map<String, GroupUse> referencedGroups = new HashMap<>();

    ProductWriter(CatalogStatements sql) {
        this.sql = sql;
    }

    int buffered() {
        return products.size();
    }

    void product(ProductRecord product) {
        sql.counts().read(CatalogEntity.PRODUCTS, 1);
        if (product.name() == null || product.name().isBlank()) {
            sql.skip(CatalogEntity.PRODUCTS, product.id(), product.location(), WriteProblem.PRODUCT_NO_NAME.with());
            return;
        }
        ProductRecord earlier = products.put(product.id(), product);
        if (earlier != null) {
            sql.counts().merged(CatalogEntity.PRODUCTS, 1);
            sql.warn(CatalogEntity.PRODUCTS, product.id(), product.location(), WriteProblem.PRODUCT_DUPLICATE.with(earlier.location()));
        }
        for (String group : product.groupIds()) {
            referencedGroups.computeIfAbsent(group, g -> new GroupUse(product.location())).products++;
        }
    }

    /** Warns once for every group that products of this import refer to and the catalog still lacks. */
    void warnAboutUnknownGroups() throws SQLException {
        Set<String> unknown = sql.missing("catalog_group", referencedGroups.keySet());
        for (String group : unknown.stream().sorted().toList()) {
            GroupUse use = referencedGroups.get(group);
            sql.warn(CatalogEntity.PRODUCTS, group, use.firstUse, WriteProblem.GROUP_UNKNOWN.with(group, use.products));
        }
    }

    void flush() throws SQLException {
        if (products.isEmpty()) {
            return;
        }
        List<ProductRecord> batch = new ArrayList<>(products.values());
        products.clear();
        Map<String, Long> hashes = new HashMap<>();
        for (ProductRecord p : batch) {
            hashes.put(p.id(), hash(p));
        }
        BatchChanges<ProductRecord> changes = BatchChanges.of(sql, CatalogEntity.PRODUCTS, "product", batch,
                ProductRecord::id, hashes, p -> !p.deleted());
        copyIn(changes.added(), hashes);
        batch = changes.changed();
        int n = batch.size();
        if (n == 0) {
            return;
        }
        String[] id = new String[n], version = new String[n], sku = new String[n], barcode = new String[n],
                code = new String[n], name = new String[n], description = new String[n], groupIds = new String[n],
                manufacturer = new String[n], brand = new String[n], unit = new String[n], images = new String[n],
                propertyJson = new String[n], requisiteJson = new String[n];
        Boolean[] active = new Boolean[n];
        Long[] hash = new Long[n];
        for (int i = 0; i < n; i++) {
            ProductRecord p = batch.get(i);
            id[i] = p.id();
            version[i] = p.version();
            sku[i] = p.sku();
            barcode[i] = p.barcode();
            code[i] = p.code();
            name[i] = p.name();
            description[i] = p.description();
            groupIds[i] = String.join(CatalogStatements.LIST_SEPARATOR, p.groupIds());
            manufacturer[i] = p.manufacturer();
            brand[i] = p.brand();
            unit[i] = p.unitCode();
            images[i] = String.join(CatalogStatements.LIST_SEPARATOR, p.images());
            propertyJson[i] = Json.objectOfArrays(propertyMap(p.properties()));
            requisiteJson[i] = Json.objectOfArrays(requisites(p));
            active[i] = !p.deleted();
            hash[i] = hashes.get(p.id());
        }
        sql.upsert(CatalogEntity.PRODUCTS, n, """
                INSERT INTO product AS t (external_id, version, sku, barcode, code, name, description, group_ids,
                    manufacturer, brand, unit_code, images, properties, requisites, active, content_hash, updated_at)
                SELECT u.id, u.version, u.sku, u.barcode, u.code, u.name, u.description,
                    string_to_array(u.group_ids, chr(31))::varchar[], u.manufacturer, u.brand, u.unit,
                    string_to_array(u.images, chr(31)), u.properties::jsonb, u.requisites::jsonb, u.active, u.hash, now()
                FROM unnest(?::varchar[], ?::varchar[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::varchar[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::bigint[])
                     AS u(id, version, sku, barcode, code, name, description, group_ids, manufacturer, brand, unit,
                          images, properties, requisites, active, hash)
                ON CONFLICT (external_id) DO UPDATE SET version = EXCLUDED.version, sku = EXCLUDED.sku,
                    barcode = EXCLUDED.barcode, code = EXCLUDED.code, name = EXCLUDED.name,
                    description = EXCLUDED.description, group_ids = EXCLUDED.group_ids,
                    manufacturer = EXCLUDED.manufacturer, brand = EXCLUDED.brand, unit_code = EXCLUDED.unit_code,
                    images = EXCLUDED.images, properties = EXCLUDED.properties, requisites = EXCLUDED.requisites,
                    active = EXCLUDED.active, content_hash = EXCLUDED.content_hash, updated_at = EXCLUDED.updated_at
                WHERE t.content_hash <> EXCLUDED.content_hash OR t.active <> EXCLUDED.active
                RETURNING (xmax = 0)""",
                sql.array("varchar", id), sql.array("varchar", version), sql.array("text", sku),
                sql.array("text", barcode), sql.array("text", code), sql.array("text", name),
                sql.array("text", description), sql.array("text", groupIds), sql.array("text", manufacturer),
                sql.array("text", brand), sql.array("varchar", unit), sql.array("text", images),
                sql.array("text", propertyJson), sql.array("text", requisiteJson), sql.array("boolean", active),
                sql.array("bigint", hash));
    }

    /** New products, copied in: the same columns as the upsert below. */
    private void copyIn(List<ProductRecord> added, Map<String, Long> hashes) throws SQLException {
        CopyRows rows = new CopyRows();
        for (ProductRecord p : added) {
            rows.add(p.id()).add(p.version()).add(p.sku()).add(p.barcode()).add(p.code()).add(p.name())
                    .add(p.description()).add(CopyRows.arrayLiteral(p.groupIds())).add(p.manufacturer()).add(p.brand())
                    .add(p.unitCode()).add(CopyRows.arrayLiteral(p.images()))
                    .add(Json.objectOfArrays(propertyMap(p.properties()))).add(Json.objectOfArrays(requisites(p)))
                    .add(!p.deleted()).add(hashes.get(p.id())).endRow();
        }
        sql.insert(CatalogEntity.PRODUCTS, "product (external_id, version, sku, barcode, code, name, description, group_ids,"
                + " manufacturer, brand, unit_code, images, properties, requisites, active, content_hash)", rows);
    }

    private static Map<String, List<String>> requisites(ProductRecord p) {
        Map<String, List<String>> requisites = new LinkedHashMap<>();
        p.requisites().forEach(r -> requisites.put(r.name(), r.values()));
        return requisites;
    }

    private static long hash(ProductRecord p) {
        return new ContentHash().add(p.sku()).add(p.barcode()).add(p.code()).add(p.name()).add(p.description())
                .add(p.groupIds()).add(p.manufacturer()).add(p.brand()).add(p.unitCode()).add(p.images())
                .add(propertyMap(p.properties())).add(requisites(p)).add(!p.deleted()).value();
    }

    static Map<String, List<String>> propertyMap(List<PropertyValue> values) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (PropertyValue value : values) {
            if (!value.values().isEmpty()) {
                map.merge(value.propertyId(), value.values(), (a, b) -> {
                    List<String> merged = new ArrayList<>(a);
                    merged.addAll(b);
                    return merged;
                });
            }
        }
        return map;
    }
}
