package org.catalogimport.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.DictionaryValue;
import org.catalogimport.commerceml.GroupRecord;
import org.catalogimport.commerceml.Location;
import org.catalogimport.commerceml.PriceTypeRecord;
import org.catalogimport.commerceml.PropertyRecord;
import org.catalogimport.commerceml.UnitRecord;
import org.catalogimport.commerceml.WarehouseRecord;

/**
 * Writes what the other entities refer to: groups, properties with their dictionary values, price
 * types, warehouses and units. Also creates, from their Ид, the price types and warehouses that
 * prices and stock refer to but 1C never declared, marked as such ({@code declared = false}).
 */
final class DictionaryWriter {

    private final CatalogStatements sql;
    private final Map<String, GroupRecord> groups = new LinkedHashMap<>();
    private final Map<String, PropertyRecord> properties = new LinkedHashMap<>();
    private final Map<String, PriceTypeRecord> priceTypes = new LinkedHashMap<>();
    private final Map<String, WarehouseRecord> warehouses = new LinkedHashMap<>();
    private final Map<String, UnitRecord> units = new LinkedHashMap<>();
    /** Undeclared price types and warehouses already created (and warned about) by this import. */
    private final Set<String> createdReferences = new HashSet<>();
    /** Referenced price types and warehouses found in the catalog, as {@code table:Ид}. */
    private final Set<String> existingReferences = new HashSet<>();

    DictionaryWriter(CatalogStatements sql) {
        this.sql = sql;
    }

    int buffered() {
        return Math.max(Math.max(groups.size(), properties.size()),
                Math.max(Math.max(priceTypes.size(), warehouses.size()), units.size()));
    }

    void group(GroupRecord group) {
        sql.counts().read(CatalogEntity.GROUPS, 1);
        if (groups.put(group.id(), group) != null) {
            sql.counts().merged(CatalogEntity.GROUPS, 1);
        }
    }

    void property(PropertyRecord property) {
        sql.counts().read(CatalogEntity.PROPERTIES, 1);
        sql.counts().read(CatalogEntity.PROPERTY_VALUES, property.values().size());
        PropertyRecord earlier = properties.get(property.id());
        if (earlier != null) {
            sql.counts().merged(CatalogEntity.PROPERTIES, 1);
            // why merge: 3.1 exports repeat a property (e.g. the brand pseudo-property) in every
            // properties file, each copy with part of the dictionary; a copy without values keeps
            // the values of the earlier one.
            List<DictionaryValue> values = new ArrayList<>(earlier.values());
            values.addAll(property.values());
            property = new PropertyRecord(property.id(), property.name(), property.type(), property.multiple(),
                    property.forOffers() || earlier.forOffers(), values, property.deleted());
        }
        properties.put(property.id(), property);
    }

    void priceType(PriceTypeRecord priceType) {
        sql.counts().read(CatalogEntity.PRICE_TYPES, 1);
        if (priceTypes.put(priceType.id(), priceType) != null) {
            sql.counts().merged(CatalogEntity.PRICE_TYPES, 1);
        }
    }

    void warehouse(WarehouseRecord warehouse) {
        sql.counts().read(CatalogEntity.WAREHOUSES, 1);
        if (warehouses.put(warehouse.id(), warehouse) != null) {
            sql.counts().merged(CatalogEntity.WAREHOUSES, 1);
        }
    }

    void unit(UnitRecord unit) {
        sql.counts().read(CatalogEntity.UNITS, 1);
        if (units.put(unit.code(), unit) != null) {
            sql.counts().merged(CatalogEntity.UNITS, 1);
        }
    }

    void flush() throws SQLException {
        writeGroups();
        writeProperties();
        writePriceTypes();
        writeWarehouses();
        writeUnits();
    }

    /**
     * Creates the price types ({@code price_type}) or warehouses ({@code warehouse}) among
     * {@code referenced} (Ид → where first used) that neither this package nor the catalog declares:
     * name = Ид, {@code declared = false}, one warning per Ид. 1C's later declaration completes them.
     */
    void createUndeclared(CatalogEntity entity, String table, Map<String, Location> referenced) throws SQLException {
        Map<String, Location> unknown = new HashMap<>(referenced);
        unknown.keySet().removeAll(createdReferences);
        unknown.keySet().removeIf(id -> existingReferences.contains(table + ":" + id));
        if (unknown.isEmpty()) {
            return;
        }
        Set<String> missing = sql.missing(table, unknown.keySet());
        // why remember: every prices or stock batch names the same few types and warehouses, and a
        // row the import found cannot vanish before it commits (nothing deletes them)
        unknown.keySet().stream().filter(id -> !missing.contains(id)).forEach(id -> existingReferences.add(table + ":" + id));
        unknown.keySet().retainAll(missing);
        if (unknown.isEmpty()) {
            return;
        }
        Set<String> created = sql.returnedIds("INSERT INTO " + table + " (external_id, name, declared, content_hash)"
                + " SELECT x, x, false, 0 FROM unnest(?::varchar[]) AS x ON CONFLICT DO NOTHING RETURNING external_id",
                sql.array("varchar", unknown.keySet().toArray(String[]::new)));
        sql.counts().created(entity, created.size());
        WriteProblem undeclared = entity == CatalogEntity.PRICE_TYPES ? WriteProblem.PRICE_TYPE_UNDECLARED
                : WriteProblem.WAREHOUSE_UNDECLARED;
        for (String id : created) {
            createdReferences.add(id);
            sql.warn(entity, id, unknown.get(id), undeclared.with(id));
        }
    }

    private void writeGroups() throws SQLException {
        if (groups.isEmpty()) {
            return;
        }
        List<GroupRecord> batch = new ArrayList<>();
        for (GroupRecord group : groups.values()) {
            if (group.name() == null || group.name().isBlank()) {
                sql.skip(CatalogEntity.GROUPS, group.id(), null, WriteProblem.GROUP_NO_NAME.with());
            } else {
                batch.add(group);
            }
        }
        groups.clear();
        int n = batch.size();
        String[] id = new String[n], parent = new String[n], name = new String[n], description = new String[n];
        Boolean[] active = new Boolean[n];
        Long[] hash = new Long[n];
        for (int i = 0; i < n; i++) {
            GroupRecord g = batch.get(i);
            id[i] = g.id();
            parent[i] = g.parentId();
            name[i] = g.name();
            description[i] = g.description();
            active[i] = !g.deleted();
            hash[i] = new ContentHash().add(g.parentId()).add(g.name()).add(g.description()).add(!g.deleted()).value();
        }
        sql.upsert(CatalogEntity.GROUPS, n, """
                INSERT INTO catalog_group AS t (external_id, parent_id, name, description, active, content_hash, updated_at)
                SELECT u.id, u.parent, u.name, u.description, u.active, u.hash, now()
                FROM unnest(?::varchar[], ?::varchar[], ?::text[], ?::text[], ?::boolean[], ?::bigint[])
                     AS u(id, parent, name, description, active, hash)
                ON CONFLICT (external_id) DO UPDATE SET parent_id = EXCLUDED.parent_id, name = EXCLUDED.name,
                    description = EXCLUDED.description, active = EXCLUDED.active,
                    content_hash = EXCLUDED.content_hash, updated_at = EXCLUDED.updated_at
                WHERE t.content_hash <> EXCLUDED.content_hash OR t.active <> EXCLUDED.active
                RETURNING (xmax = 0)""",
                sql.array("varchar", id), sql.array("varchar", parent), sql.array("text", name),
                sql.array("text", description), sql.array("boolean", active), sql.array("bigint", hash));
    }

    private void writeProperties() throws SQLException {
        if (properties.isEmpty()) {
            return;
        }
        List<PropertyRecord> batch = new ArrayList<>();
        Map<String, String[]> values = new LinkedHashMap<>();
        for (PropertyRecord property : properties.values()) {
            if (property.name() == null || property.name().isBlank()) {
                sql.skip(CatalogEntity.PROPERTIES, property.id(), null, WriteProblem.PROPERTY_NO_NAME.with());
                sql.counts().skipped(CatalogEntity.PROPERTY_VALUES, property.values().size());
                continue;
            }
            batch.add(property);
            for (DictionaryValue value : property.values()) {
                if (value.value() == null) {
                    sql.skip(CatalogEntity.PROPERTY_VALUES, property.id(), null,
                            WriteProblem.DICTIONARY_VALUE_NO_TEXT.with(value.id()));
                } else if (values.put(property.id() + CatalogStatements.LIST_SEPARATOR + value.id(),
                        new String[] {property.id(), value.id(), value.value()}) != null) {
                    sql.counts().merged(CatalogEntity.PROPERTY_VALUES, 1);
                }
            }
        }
        properties.clear();
        int n = batch.size();
        String[] id = new String[n], name = new String[n], type = new String[n];
        Boolean[] multiple = new Boolean[n], forOffers = new Boolean[n], active = new Boolean[n];
        Long[] hash = new Long[n];
        for (int i = 0; i < n; i++) {
            PropertyRecord p = batch.get(i);
            id[i] = p.id();
            name[i] = p.name();
            type[i] = p.type().name();
            multiple[i] = p.multiple();
            forOffers[i] = p.forOffers();
            active[i] = !p.deleted();
            hash[i] = new ContentHash().add(p.name()).add(type[i]).add(p.multiple()).add(p.forOffers()).add(!p.deleted()).value();
        }
        sql.upsert(CatalogEntity.PROPERTIES, n, """
                INSERT INTO catalog_property AS t (external_id, name, value_type, multiple, for_offers, active, content_hash, updated_at)
                SELECT u.id, u.name, u.type, u.multiple, u.for_offers, u.active, u.hash, now()
                FROM unnest(?::varchar[], ?::text[], ?::varchar[], ?::boolean[], ?::boolean[], ?::boolean[], ?::bigint[])
                     AS u(id, name, type, multiple, for_offers, active, hash)
                ON CONFLICT (external_id) DO UPDATE SET name = EXCLUDED.name, value_type = EXCLUDED.value_type,
                    multiple = EXCLUDED.multiple, for_offers = EXCLUDED.for_offers, active = EXCLUDED.active,
                    content_hash = EXCLUDED.content_hash, updated_at = EXCLUDED.updated_at
                WHERE t.content_hash <> EXCLUDED.content_hash OR t.active <> EXCLUDED.active
                RETURNING (xmax = 0)""",
                sql.array("varchar", id), sql.array("text", name), sql.array("varchar", type),
                sql.array("boolean", multiple), sql.array("boolean", forOffers), sql.array("boolean", active),
                sql.array("bigint", hash));
        if (values.isEmpty()) {
            return;
        }
        int m = values.size();
        String[] propertyId = new String[m], valueId = new String[m], value = new String[m];
        int i = 0;
        for (String[] row : values.values()) {
            propertyId[i] = row[0];
            valueId[i] = row[1];
            value[i++] = row[2];
        }
        sql.upsert(CatalogEntity.PROPERTY_VALUES, m, """
                INSERT INTO catalog_property_value AS t (property_id, value_id, value)
                SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::text[])
                ON CONFLICT (property_id, value_id) DO UPDATE SET value = EXCLUDED.value
                WHERE t.value <> EXCLUDED.value
                RETURNING (xmax = 0)""",
                sql.array("varchar", propertyId), sql.array("varchar", valueId), sql.array("text", value));
    }

    private void writePriceTypes() throws SQLException {
        if (priceTypes.isEmpty()) {
            return;
        }
        List<PriceTypeRecord> batch = new ArrayList<>(priceTypes.values());
        priceTypes.clear();
        int n = batch.size();
        String[] id = new String[n], name = new String[n], currency = new String[n];
        Long[] hash = new Long[n];
        for (int i = 0; i < n; i++) {
            PriceTypeRecord p = batch.get(i);
            id[i] = p.id();
            name[i] = p.name() == null ? p.id() : p.name();
            currency[i] = p.currency();
            hash[i] = new ContentHash().add(name[i]).add(p.currency()).value();
        }
        sql.upsert(CatalogEntity.PRICE_TYPES, n, """
                INSERT INTO price_type AS t (external_id, name, currency, content_hash, updated_at)
                SELECT u.id, u.name, u.currency, u.hash, now()
                FROM unnest(?::varchar[], ?::text[], ?::varchar[], ?::bigint[]) AS u(id, name, currency, hash)
                ON CONFLICT (external_id) DO UPDATE SET name = EXCLUDED.name, currency = EXCLUDED.currency,
                    declared = true, content_hash = EXCLUDED.content_hash, updated_at = EXCLUDED.updated_at
                WHERE t.content_hash <> EXCLUDED.content_hash OR NOT t.declared
                RETURNING (xmax = 0)""",
                sql.array("varchar", id), sql.array("text", name), sql.array("varchar", currency),
                sql.array("bigint", hash));
    }

    private void writeWarehouses() throws SQLException {
        if (warehouses.isEmpty()) {
            return;
        }
        List<WarehouseRecord> batch = new ArrayList<>(warehouses.values());
        warehouses.clear();
        int n = batch.size();
        String[] id = new String[n], name = new String[n], address = new String[n];
        Boolean[] active = new Boolean[n];
        Long[] hash = new Long[n];
        for (int i = 0; i < n; i++) {
            WarehouseRecord w = batch.get(i);
            id[i] = w.id();
            name[i] = w.name() == null ? w.id() : w.name();
            address[i] = w.address();
            active[i] = !w.deleted();
            hash[i] = new ContentHash().add(name[i]).add(w.address()).add(active[i]).value();
        }
        sql.upsert(CatalogEntity.WAREHOUSES, n, """
                INSERT INTO warehouse AS t (external_id, name, address, active, content_hash, updated_at)
                SELECT u.id, u.name, u.address, u.active, u.hash, now()
                FROM unnest(?::varchar[], ?::text[], ?::text[], ?::boolean[], ?::bigint[]) AS u(id, name, address, active, hash)
                ON CONFLICT (external_id) DO UPDATE SET name = EXCLUDED.name, address = EXCLUDED.address,
                    active = EXCLUDED.active, declared = true, content_hash = EXCLUDED.content_hash,
                    updated_at = EXCLUDED.updated_at
                WHERE t.content_hash <> EXCLUDED.content_hash OR t.active <> EXCLUDED.active OR NOT t.declared
                RETURNING (xmax = 0)""",
                sql.array("varchar", id), sql.array("text", name), sql.array("text", address),
                sql.array("boolean", active), sql.array("bigint", hash));
    }

    private void writeUnits() throws SQLException {
        if (units.isEmpty()) {
            return;
        }
        List<UnitRecord> batch = new ArrayList<>(units.values());
        units.clear();
        int n = batch.size();
        String[] code = new String[n], shortName = new String[n], fullName = new String[n], international = new String[n];
        Long[] hash = new Long[n];
        for (int i = 0; i < n; i++) {
            UnitRecord u = batch.get(i);
            code[i] = u.code();
            shortName[i] = u.shortName();
            fullName[i] = u.fullName();
            international[i] = u.internationalCode();
            hash[i] = new ContentHash().add(u.shortName()).add(u.fullName()).add(u.internationalCode()).value();
        }
        sql.upsert(CatalogEntity.UNITS, n, """
                INSERT INTO unit AS t (code, short_name, full_name, international_code, content_hash)
                SELECT * FROM unnest(?::varchar[], ?::text[], ?::text[], ?::varchar[], ?::bigint[])
                ON CONFLICT (code) DO UPDATE SET short_name = EXCLUDED.short_name, full_name = EXCLUDED.full_name,
                    international_code = EXCLUDED.international_code, content_hash = EXCLUDED.content_hash
                WHERE t.content_hash <> EXCLUDED.content_hash
                RETURNING (xmax = 0)""",
                sql.array("varchar", code), sql.array("text", shortName), sql.array("text", fullName),
                sql.array("varchar", international), sql.array("bigint", hash));
    }
}
