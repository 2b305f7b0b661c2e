package org.catalogimport.catalog;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.catalogimport.commerceml.GroupRecord;
import org.catalogimport.commerceml.ItemProblem;
import org.catalogimport.commerceml.Location;
import org.catalogimport.commerceml.OfferRecord;
import org.catalogimport.commerceml.PriceRecord;
import org.catalogimport.commerceml.PriceTypeRecord;
import org.catalogimport.commerceml.ProductRecord;
import org.catalogimport.commerceml.PropertyRecord;
import org.catalogimport.commerceml.SectionInfo;
import org.catalogimport.commerceml.SectionKind;
import org.catalogimport.commerceml.StockRecord;
import org.catalogimport.commerceml.UnitRecord;
import org.catalogimport.commerceml.WarehouseRecord;

/**
 * Writes catalog records to PostgreSQL in batches, keyed by their 1C Ид.
 *
 * <p>Records are buffered per entity (the last record of an Ид wins within a batch) and written
 * with one multi-row {@code INSERT ... SELECT FROM unnest(arrays) ... ON CONFLICT DO UPDATE}
 * per batch; rows whose content hash did not change are not updated at all. Before a batch is
 * written, its references are checked against the database (unknown group, product, offer, price
 * type or warehouse): such items are reported and skipped, so that no statement ever fails on a
 * reference and aborts the import's transaction.
 *
 * <p>Buffers are always flushed in dependency order (dictionaries, products, offers, prices,
 * stock), so a reference to something sent earlier in the package is always found.
 * All writes use one connection inside the caller's transaction; {@link #finish()} applies the
 * end-of-package work (deactivation after a full exchange, orphaned group parents).
 */
public final class CatalogWriter {

    public static final int DEFAULT_BATCH_SIZE = 2_000;
    private static final String LIST_SEPARATOR = "\u001F";
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1e15");

    private final Connection connection;
    private final int batchSize;
    private final Consumer<ItemProblem> problems;
    private final EntityCounts counts = new EntityCounts();

    private final Map<String, GroupRecord> groups = new LinkedHashMap<>();
    private final Map<String, PropertyRecord> properties = new LinkedHashMap<>();
    private final Map<String, PriceTypeRecord> priceTypes = new LinkedHashMap<>();
    private final Map<String, WarehouseRecord> warehouses = new LinkedHashMap<>();
    private final Map<String, UnitRecord> units = new LinkedHashMap<>();
    private final Map<String, ProductRecord> products = new LinkedHashMap<>();
    private final Map<String, OfferRecord> offers = new LinkedHashMap<>();
    private final Map<String, PriceRow> prices = new LinkedHashMap<>();
    private final Map<String, StockRow> stock = new LinkedHashMap<>();
    private final Set<String> seenProducts = new LinkedHashSet<>();
    private final Set<String> seenOffers = new LinkedHashSet<>();

    private boolean catalogSectionIsFull;
    private boolean offersSectionIsFull;
    private boolean fullCatalogExchange;
    private boolean fullOffersExchange;
    private boolean seenTablesCreated;

    record PriceRow(String offerId, PriceRecord price, Location location) {
    }

    record StockRow(String offerId, StockRecord stock, Location location) {
    }

    public CatalogWriter(Connection connection, int batchSize, Consumer<ItemProblem> problems) {
        this.connection = connection;
        this.batchSize = batchSize;
        this.problems = problems;
    }

    public EntityCounts counts() {
        return counts;
    }

    // ---- receiving records -------------------------------------------------------------------

    public void section(SectionInfo section) {
        boolean full = !section.containsOnlyChanges();
        if (section.kind() == SectionKind.CATALOG) {
            catalogSectionIsFull = full;
            fullCatalogExchange |= full;
        } else if (section.kind() == SectionKind.OFFERS_PACKAGE) {
            offersSectionIsFull = full;
            fullOffersExchange |= full;
        } else if (section.kind() == SectionKind.OFFERS_CHANGES) {
            offersSectionIsFull = false;
        }
    }

    public void group(GroupRecord group) throws SQLException {
        groups.put(group.id(), group);
        flushIfFull();
    }

    public void property(PropertyRecord property) throws SQLException {
        PropertyRecord earlier = properties.get(property.id());
        // why merge: 3.1 exports repeat a property (e.g. the brand pseudo-property) in every
        // properties file, each copy with part of the dictionary.
        if (earlier != null && !property.values().isEmpty()) {
            List<org.catalogimport.commerceml.DictionaryValue> values = new ArrayList<>(earlier.values());
            values.addAll(property.values());
            property = new PropertyRecord(property.id(), property.name(), property.type(), property.multiple(),
                    property.forOffers() || earlier.forOffers(), values, property.deleted());
        }
        properties.put(property.id(), property);
        flushIfFull();
    }

    public void priceType(PriceTypeRecord priceType) throws SQLException {
        priceTypes.put(priceType.id(), priceType);
        flushIfFull();
    }

    public void warehouse(WarehouseRecord warehouse) throws SQLException {
        warehouses.put(warehouse.id(), warehouse);
        flushIfFull();
    }

    public void unit(UnitRecord unit) throws SQLException {
        units.put(unit.code(), unit);
        flushIfFull();
    }

    public void product(ProductRecord product) throws SQLException {
        if (product.name() == null || product.name().isBlank()) {
            reject("products", product.id(), product.location(), "product has no name (Наименование)");
            return;
        }
        products.put(product.id(), product);
        if (catalogSectionIsFull) {
            seenProducts.add(product.id());
        }
        flushIfFull();
    }

    public void offer(OfferRecord offer) throws SQLException {
        if (carriesOfferData(offer)) {
            offers.put(offer.id(), offer);
        }
        for (PriceRecord price : offer.prices()) {
            prices.put(offer.id() + LIST_SEPARATOR + price.priceTypeId(), new PriceRow(offer.id(), price, offer.location()));
        }
        for (StockRecord row : offer.stock()) {
            if (row.warehouseId() != null) {
                stock.put(offer.id() + LIST_SEPARATOR + row.warehouseId(), new StockRow(offer.id(), row, offer.location()));
            }
        }
        if (offersSectionIsFull) {
            seenOffers.add(offer.id());
        }
        flushIfFull();
    }

    /**
     * Prices-only and stock-only files (UT 11 prices___/rests___, 3.1 prices/ and rests/) repeat the
     * offer with nothing but its Ид: such a record must not overwrite the offer's name and data.
     */
    static boolean carriesOfferData(OfferRecord offer) {
        return offer.name() != null || offer.sku() != null || offer.barcode() != null
                || !offer.characteristics().isEmpty() || !offer.properties().isEmpty();
    }

    // ---- flushing ----------------------------------------------------------------------------

    private void flushIfFull() throws SQLException {
        if (groups.size() >= batchSize || properties.size() >= batchSize || priceTypes.size() >= batchSize
                || warehouses.size() >= batchSize || units.size() >= batchSize || products.size() >= batchSize
                || offers.size() >= batchSize || prices.size() >= batchSize || stock.size() >= batchSize
                || seenProducts.size() >= batchSize * 10 || seenOffers.size() >= batchSize * 10) {
            flush();
        }
    }

    /** Writes every buffer, in dependency order. */
    public void flush() throws SQLException {
        writeGroups();
        writeProperties();
        writePriceTypes();
        writeWarehouses();
        writeUnits();
        writeProducts();
        writeOffers();
        writePrices();
        writeStock();
        writeSeen();
    }

    /** Flushes, then deactivates what a full exchange did not mention and fixes orphaned groups. */
    public void finish() throws SQLException {
        flush();
        if (fullCatalogExchange || fullOffersExchange) {
            createSeenTables();
        }
        if (fullCatalogExchange) {
            int deactivated = update("UPDATE product p SET active = false, updated_at = now() WHERE p.active"
                    + " AND NOT EXISTS (SELECT 1 FROM import_seen_product s WHERE s.external_id = p.external_id)");
            counts.deactivated("products", deactivated);
        }
        if (fullOffersExchange) {
            int deactivated = update("UPDATE offer o SET active = false, updated_at = now() WHERE o.active"
                    + " AND NOT EXISTS (SELECT 1 FROM import_seen_offer s WHERE s.external_id = o.external_id)");
            counts.deactivated("offers", deactivated);
        }
        try (PreparedStatement orphans = connection.prepareStatement(
                "UPDATE catalog_group g SET parent_id = NULL WHERE parent_id IS NOT NULL AND NOT EXISTS"
                        + " (SELECT 1 FROM catalog_group p WHERE p.external_id = g.parent_id)"
                        + " RETURNING g.external_id");
             ResultSet rows = orphans.executeQuery()) {
            while (rows.next()) {
                reject("groups", rows.getString(1), null, "parent group is not in the catalog; kept as a top-level group");
            }
        }
    }

    private void writeGroups() throws SQLException {
        if (groups.isEmpty()) {
            return;
        }
        List<GroupRecord> batch = new ArrayList<>();
        for (GroupRecord group : groups.values()) {
            if (group.name() == null || group.name().isBlank()) {
                reject("groups", group.id(), null, "group has no name (Наименование)");
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
        upsert("groups", n, """
                INSERT INTO catalog_group AS t (external_id, parent_id, name, description, active, content_hash, updated_at)
                SELECT u.id, u.parent, u.name, u.description, u.active, u.hash, now()
                FROM unnest(?::varchar[], ?::varchar[], ?::text[], ?::text[], ?::boolean[], ?::bigint[])
                     AS u(id, parent, name, description, active, hash)
                ON CONFLICT (external_id) DO UPDATE SET parent_id = EXCLUDED.parent_id, name = EXCLUDED.name,
                    description = EXCLUDED.description, active = EXCLUDED.active,
                    content_hash = EXCLUDED.content_hash, updated_at = EXCLUDED.updated_at
                WHERE t.content_hash <> EXCLUDED.content_hash OR t.active <> EXCLUDED.active
                RETURNING (xmax = 0)""",
                array("varchar", id), array("varchar", parent), array("text", name), array("text", description),
                array("boolean", active), array("bigint", hash));
    }

    private void writeProperties() throws SQLException {
        if (properties.isEmpty()) {
            return;
        }
        List<PropertyRecord> batch = new ArrayList<>();
        for (PropertyRecord property : properties.values()) {
            if (property.name() == null || property.name().isBlank()) {
                reject("properties", property.id(), null, "property has no name (Наименование)");
            } else {
                batch.add(property);
            }
        }
        properties.clear();
        int n = batch.size();
        String[] id = new String[n], name = new String[n], type = new String[n];
        Boolean[] multiple = new Boolean[n], forOffers = new Boolean[n], active = new Boolean[n];
        Long[] hash = new Long[n];
        Map<String, String[]> values = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            PropertyRecord p = batch.get(i);
            id[i] = p.id();
            name[i] = p.name();
            type[i] = p.type().name();
            multiple[i] = p.multiple();
            forOffers[i] = p.forOffers();
            active[i] = !p.deleted();
            hash[i] = new ContentHash().add(p.name()).add(type[i]).add(p.multiple()).add(p.forOffers()).add(!p.deleted()).value();
            for (var value : p.values()) {
                if (value.id() != null && value.value() != null) {
                    values.put(p.id() + LIST_SEPARATOR + value.id(), new String[] {p.id(), value.id(), value.value()});
                }
            }
        }
        upsert("properties", n, """
                INSERT INTO catalog_property AS t (external_id, name, value_type, multiple, for_offers, active, content_hash, updated_at)
                SELECT u.id, u.name, u.type, u.multiple, u.for_offers, u.active, u.hash, now()
                FROM unnest(?::varchar[], ?::text[], ?::varchar[], ?::boolean[], ?::boolean[], ?::boolean[], ?::bigint[])
                     AS u(id, name, type, multiple, for_offers, active, hash)
                ON CONFLICT (external_id) DO UPDATE SET name = EXCLUDED.name, value_type = EXCLUDED.value_type,
                    multiple = EXCLUDED.multiple, for_offers = EXCLUDED.for_offers, active = EXCLUDED.active,
                    content_hash = EXCLUDED.content_hash, updated_at = EXCLUDED.updated_at
                WHERE t.content_hash <> EXCLUDED.content_hash OR t.active <> EXCLUDED.active
                RETURNING (xmax = 0)""",
                array("varchar", id), array("text", name), array("varchar", type), array("boolean", multiple),
                array("boolean", forOffers), array("boolean", active), array("bigint", hash));
        if (!values.isEmpty()) {
            int m = values.size();
            String[] propertyId = new String[m], valueId = new String[m], value = new String[m];
            int i = 0;
            for (String[] row : values.values()) {
                propertyId[i] = row[0];
                valueId[i] = row[1];
                value[i++] = row[2];
            }
            upsert("propertyValues", m, """
                    INSERT INTO catalog_property_value AS t (property_id, value_id, value)
                    SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::text[])
                    ON CONFLICT (property_id, value_id) DO UPDATE SET value = EXCLUDED.value
                    WHERE t.value <> EXCLUDED.value
                    RETURNING (xmax = 0)""",
                    array("varchar", propertyId), array("varchar", valueId), array("text", value));
        }
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
        upsert("priceTypes", n, """
                INSERT INTO price_type AS t (external_id, name, currency, content_hash, updated_at)
                SELECT u.id, u.name, u.currency, u.hash, now()
                FROM unnest(?::varchar[], ?::text[], ?::varchar[], ?::bigint[]) AS u(id, name, currency, hash)
                ON CONFLICT (external_id) DO UPDATE SET name = EXCLUDED.name, currency = EXCLUDED.currency,
                    content_hash = EXCLUDED.content_hash, updated_at = EXCLUDED.updated_at
                WHERE t.content_hash <> EXCLUDED.content_hash
                RETURNING (xmax = 0)""",
                array("varchar", id), array("text", name), array("varchar", currency), array("bigint", hash));
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
        upsert("warehouses", n, """
                INSERT INTO warehouse AS t (external_id, name, address, active, content_hash, updated_at)
                SELECT u.id, u.name, u.address, u.active, u.hash, now()
                FROM unnest(?::varchar[], ?::text[], ?::text[], ?::boolean[], ?::bigint[]) AS u(id, name, address, active, hash)
                ON CONFLICT (external_id) DO UPDATE SET name = EXCLUDED.name, address = EXCLUDED.address,
                    active = EXCLUDED.active, content_hash = EXCLUDED.content_hash, updated_at = EXCLUDED.updated_at
                WHERE t.content_hash <> EXCLUDED.content_hash OR t.active <> EXCLUDED.active
                RETURNING (xmax = 0)""",
                array("varchar", id), array("text", name), array("text", address), array("boolean", active),
                array("bigint", hash));
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
        upsert("units", n, """
                INSERT INTO unit AS t (code, short_name, full_name, international_code, content_hash)
                SELECT * FROM unnest(?::varchar[], ?::text[], ?::text[], ?::varchar[], ?::bigint[])
                ON CONFLICT (code) DO UPDATE SET short_name = EXCLUDED.short_name, full_name = EXCLUDED.full_name,
                    international_code = EXCLUDED.international_code, content_hash = EXCLUDED.content_hash
                WHERE t.content_hash <> EXCLUDED.content_hash
                RETURNING (xmax = 0)""",
                array("varchar", code), array("text", shortName), array("text", fullName),
                array("varchar", international), array("bigint", hash));
    }

    private void writeProducts() throws SQLException {
        if (products.isEmpty()) {
            return;
        }
        Set<String> referencedGroups = new HashSet<>();
        products.values().forEach(p -> referencedGroups.addAll(p.groupIds()));
        Set<String> unknownGroups = missing("catalog_group", "external_id", referencedGroups);
        List<ProductRecord> batch = new ArrayList<>(products.size());
        for (ProductRecord product : products.values()) {
            String unknown = product.groupIds().stream().filter(unknownGroups::contains).findFirst().orElse(null);
            if (unknown != null) {
                reject("products", product.id(), product.location(), "refers to unknown group " + unknown);
            } else {
                batch.add(product);
            }
        }
        products.clear();
        Map<String, Long> productHashes = new LinkedHashMap<>();
        for (ProductRecord p : batch) {
            productHashes.put(p.id(), productHash(p));
        }
        batch = skipUnchanged("products", "product", batch, ProductRecord::id, productHashes, p -> !p.deleted());
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
            Map<String, List<String>> props = propertyMap(p.properties());
            Map<String, List<String>> requisites = new LinkedHashMap<>();
            p.requisites().forEach(r -> requisites.put(r.name(), r.values()));
            id[i] = p.id();
            version[i] = p.version();
            sku[i] = p.sku();
            barcode[i] = p.barcode();
            code[i] = p.code();
            name[i] = p.name();
            description[i] = p.description();
            groupIds[i] = String.join(LIST_SEPARATOR, p.groupIds());
            manufacturer[i] = p.manufacturer();
            brand[i] = p.brand();
            unit[i] = p.unitCode();
            images[i] = String.join(LIST_SEPARATOR, p.images());
            propertyJson[i] = Json.objectOfArrays(props);
            requisiteJson[i] = Json.objectOfArrays(requisites);
            active[i] = !p.deleted();
            hash[i] = productHashes.get(p.id());
        }
        upsert("products", n, """
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
                array("varchar", id), array("varchar", version), array("text", sku), array("text", barcode),
                array("text", code), array("text", name), array("text", description), array("text", groupIds),
                array("text", manufacturer), array("text", brand), array("varchar", unit), array("text", images),
                array("text", propertyJson), array("text", requisiteJson), array("boolean", active), array("bigint", hash));
    }

    private static long productHash(ProductRecord p) {
        Map<String, List<String>> requisites = new LinkedHashMap<>();
        p.requisites().forEach(r -> requisites.put(r.name(), r.values()));
        return new ContentHash().add(p.sku()).add(p.barcode()).add(p.code()).add(p.name()).add(p.description())
                .add(p.groupIds()).add(p.manufacturer()).add(p.brand()).add(p.unitCode()).add(p.images())
                .add(propertyMap(p.properties())).add(requisites).add(!p.deleted()).value();
    }

    private static long offerHash(OfferRecord o) {
        ContentHash hash = new ContentHash().add(o.productId()).add(o.sku()).add(o.barcode()).add(o.name());
        o.characteristics().forEach(c -> hash.add(c.name()).add(c.value()));
        return hash.add(propertyMap(o.properties())).add(amountOrNull(o.totalQuantity())).add(!o.deleted()).value();
    }

    /**
     * Drops the records whose row already holds the same content (hash and active flag), counting
     * them as unchanged: an unchanged re-import then reads the rows' hashes instead of sending
     * every row to the database to compare there.
     */
    private <T> List<T> skipUnchanged(String entity, String table, List<T> batch, java.util.function.Function<T, String> id,
                                      Map<String, Long> hashes, java.util.function.Predicate<T> active) throws SQLException {
        if (batch.isEmpty()) {
            return batch;
        }
        Map<String, Long> stored = new java.util.HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT external_id, content_hash FROM " + table
                + " WHERE external_id = ANY (?::varchar[]) AND active")) {
            query.setArray(1, array("varchar", batch.stream().map(id).toArray(String[]::new)));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        List<T> changed = new ArrayList<>(batch.size());
        long unchanged = 0;
        for (T record : batch) {
            Long storedHash = stored.get(id.apply(record));
            if (storedHash != null && storedHash.equals(hashes.get(id.apply(record))) && active.test(record)) {
                unchanged++;
            } else {
                changed.add(record);
            }
        }
        counts.written(entity, unchanged, 0, 0);
        return changed;
    }

    private void writeOffers() throws SQLException {
        if (offers.isEmpty()) {
            return;
        }
        Set<String> referencedProducts = new HashSet<>();
        offers.values().forEach(o -> referencedProducts.add(o.productId()));
        Set<String> unknownProducts = missing("product", "external_id", referencedProducts);
        List<OfferRecord> batch = new ArrayList<>(offers.size());
        for (OfferRecord offer : offers.values()) {
            if (unknownProducts.contains(offer.productId())) {
                reject("offers", offer.id(), offer.location(), "its product " + offer.productId() + " is not in the catalog");
            } else {
                batch.add(offer);
            }
        }
        offers.clear();
        Map<String, Long> offerHashes = new LinkedHashMap<>();
        for (OfferRecord o : batch) {
            offerHashes.put(o.id(), offerHash(o));
        }
        batch = skipUnchanged("offers", "offer", batch, OfferRecord::id, offerHashes, o -> !o.deleted());
        int n = batch.size();
        if (n == 0) {
            return;
        }
        String[] id = new String[n], productId = new String[n], version = new String[n], sku = new String[n],
                barcode = new String[n], name = new String[n], characteristics = new String[n], propertyJson = new String[n];
        BigDecimal[] quantity = new BigDecimal[n];
        Boolean[] active = new Boolean[n];
        Long[] hash = new Long[n];
        for (int i = 0; i < n; i++) {
            OfferRecord o = batch.get(i);
            List<String[]> pairs = o.characteristics().stream().map(c -> new String[] {c.name(), c.value()}).toList();
            Map<String, List<String>> props = propertyMap(o.properties());
            id[i] = o.id();
            productId[i] = o.productId();
            version[i] = o.version();
            sku[i] = o.sku();
            barcode[i] = o.barcode();
            name[i] = o.name();
            characteristics[i] = Json.namedValues(pairs);
            propertyJson[i] = Json.objectOfArrays(props);
            quantity[i] = amountOrNull(o.totalQuantity());
            active[i] = !o.deleted();
            hash[i] = offerHashes.get(o.id());
        }
        upsert("offers", n, """
                INSERT INTO offer AS t (external_id, product_id, version, sku, barcode, name, characteristics, properties,
                    total_quantity, active, content_hash, updated_at)
                SELECT u.id, u.product_id, u.version, u.sku, u.barcode, u.name, u.characteristics::jsonb,
                    u.properties::jsonb, u.quantity, u.active, u.hash, now()
                FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::numeric[], ?::boolean[], ?::bigint[])
                     AS u(id, product_id, version, sku, barcode, name, characteristics, properties, quantity, active, hash)
                ON CONFLICT (external_id) DO UPDATE SET product_id = EXCLUDED.product_id, version = EXCLUDED.version,
                    sku = EXCLUDED.sku, barcode = EXCLUDED.barcode, name = EXCLUDED.name,
                    characteristics = EXCLUDED.characteristics, properties = EXCLUDED.properties,
                    total_quantity = EXCLUDED.total_quantity, active = EXCLUDED.active,
                    content_hash = EXCLUDED.content_hash, updated_at = EXCLUDED.updated_at
                WHERE t.content_hash <> EXCLUDED.content_hash OR t.active <> EXCLUDED.active
                RETURNING (xmax = 0)""",
                array("varchar", id), array("varchar", productId), array("varchar", version), array("text", sku),
                array("text", barcode), array("text", name), array("text", characteristics), array("text", propertyJson),
                array("numeric", quantity), array("boolean", active), array("bigint", hash));
    }

    private void writePrices() throws SQLException {
        if (prices.isEmpty()) {
            return;
        }
        Set<String> referencedOffers = new HashSet<>();
        Set<String> referencedTypes = new HashSet<>();
        prices.values().forEach(p -> {
            referencedOffers.add(p.offerId());
            referencedTypes.add(p.price().priceTypeId());
        });
        Set<String> unknownOffers = missing("offer", "external_id", referencedOffers);
        Set<String> unknownTypes = missing("price_type", "external_id", referencedTypes);
        List<PriceRow> batch = new ArrayList<>(prices.size());
        for (PriceRow row : prices.values()) {
            if (unknownOffers.contains(row.offerId())) {
                reject("prices", row.offerId(), row.location(), "price for an offer that is not in the catalog");
            } else if (unknownTypes.contains(row.price().priceTypeId())) {
                reject("prices", row.offerId(), row.location(), "unknown price type " + row.price().priceTypeId());
            } else if (amountOrNull(row.price().pricePerUnit()) == null) {
                reject("prices", row.offerId(), row.location(), "price " + row.price().pricePerUnit() + " is out of range");
            } else {
                batch.add(row);
            }
        }
        prices.clear();
        Map<String, String> storedPrices = storedRows("SELECT offer_id, price_type_id, price_per_unit::text || '|' || "
                + "coalesce(currency, '') || '|' || coalesce(unit, '') || '|' || coalesce(coefficient::text, '')"
                + " FROM offer_price WHERE offer_id = ANY (?::varchar[])", batch.stream().map(PriceRow::offerId));
        long unchangedPrices = batch.size();
        batch.removeIf(row -> priceRow(row).equals(storedPrices.get(row.offerId() + LIST_SEPARATOR + row.price().priceTypeId())));
        unchangedPrices -= batch.size();
        counts.written("prices", unchangedPrices, 0, 0);
        int n = batch.size();
        if (n == 0) {
            return;
        }
        String[] offer = new String[n], type = new String[n], currency = new String[n], unit = new String[n];
        BigDecimal[] value = new BigDecimal[n], coefficient = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            PriceRow row = batch.get(i);
            offer[i] = row.offerId();
            type[i] = row.price().priceTypeId();
            value[i] = row.price().pricePerUnit();
            currency[i] = row.price().currency();
            unit[i] = row.price().unit();
            coefficient[i] = amountOrNull(row.price().coefficient());
        }
        upsert("prices", n, """
                INSERT INTO offer_price AS t (offer_id, price_type_id, price_per_unit, currency, unit, coefficient, updated_at)
                SELECT u.offer_id, u.type_id, u.value, u.currency, u.unit, u.coefficient, now()
                FROM unnest(?::varchar[], ?::varchar[], ?::numeric[], ?::varchar[], ?::varchar[], ?::numeric[])
                     AS u(offer_id, type_id, value, currency, unit, coefficient)
                ON CONFLICT (offer_id, price_type_id) DO UPDATE SET price_per_unit = EXCLUDED.price_per_unit,
                    currency = EXCLUDED.currency, unit = EXCLUDED.unit, coefficient = EXCLUDED.coefficient,
                    updated_at = EXCLUDED.updated_at
                WHERE (t.price_per_unit, t.currency, t.unit, t.coefficient)
                      IS DISTINCT FROM (EXCLUDED.price_per_unit, EXCLUDED.currency, EXCLUDED.unit, EXCLUDED.coefficient)
                RETURNING (xmax = 0)""",
                array("varchar", offer), array("varchar", type), array("numeric", value), array("varchar", currency),
                array("varchar", unit), array("numeric", coefficient));
    }

    private void writeStock() throws SQLException {
        if (stock.isEmpty()) {
            return;
        }
        Set<String> referencedOffers = new HashSet<>();
        Set<String> referencedWarehouses = new HashSet<>();
        stock.values().forEach(s -> {
            referencedOffers.add(s.offerId());
            referencedWarehouses.add(s.stock().warehouseId());
        });
        Set<String> unknownOffers = missing("offer", "external_id", referencedOffers);
        Set<String> unknownWarehouses = missing("warehouse", "external_id", referencedWarehouses);
        List<StockRow> batch = new ArrayList<>(stock.size());
        for (StockRow row : stock.values()) {
            if (unknownOffers.contains(row.offerId())) {
                reject("stock", row.offerId(), row.location(), "stock for an offer that is not in the catalog");
            } else if (unknownWarehouses.contains(row.stock().warehouseId())) {
                reject("stock", row.offerId(), row.location(), "unknown warehouse " + row.stock().warehouseId());
            } else if (amountOrNull(row.stock().quantity()) == null) {
                reject("stock", row.offerId(), row.location(), "quantity " + row.stock().quantity() + " is out of range");
            } else {
                batch.add(row);
            }
        }
        stock.clear();
        Map<String, String> storedStock = storedRows("SELECT offer_id, warehouse_id, quantity::text FROM offer_stock"
                + " WHERE offer_id = ANY (?::varchar[])", batch.stream().map(StockRow::offerId));
        long unchangedStock = batch.size();
        batch.removeIf(row -> numeric4(row.stock().quantity()).equals(storedStock.get(row.offerId() + LIST_SEPARATOR + row.stock().warehouseId())));
        unchangedStock -= batch.size();
        counts.written("stock", unchangedStock, 0, 0);
        int n = batch.size();
        if (n == 0) {
            return;
        }
        String[] offer = new String[n], warehouse = new String[n];
        BigDecimal[] quantity = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            StockRow row = batch.get(i);
            offer[i] = row.offerId();
            warehouse[i] = row.stock().warehouseId();
            quantity[i] = row.stock().quantity();
        }
        upsert("stock", n, """
                INSERT INTO offer_stock AS t (offer_id, warehouse_id, quantity, updated_at)
                SELECT u.offer_id, u.warehouse_id, u.quantity, now()
                FROM unnest(?::varchar[], ?::varchar[], ?::numeric[]) AS u(offer_id, warehouse_id, quantity)
                ON CONFLICT (offer_id, warehouse_id) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = EXCLUDED.updated_at
                WHERE t.quantity <> EXCLUDED.quantity
                RETURNING (xmax = 0)""",
                array("varchar", offer), array("varchar", warehouse), array("numeric", quantity));
    }

    /** The stored rows of these offers, keyed by offer id + second key column, as compared text. */
    private Map<String, String> storedRows(String sql, java.util.stream.Stream<String> offerIds) throws SQLException {
        Map<String, String> stored = new java.util.HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, array("varchar", offerIds.distinct().toArray(String[]::new)));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1) + LIST_SEPARATOR + rows.getString(2), rows.getString(3));
                }
            }
        }
        return stored;
    }

    /** A price row as PostgreSQL renders the stored one (NUMERIC(19,4), NUMERIC(19,6)). */
    private static String priceRow(PriceRow row) {
        PriceRecord price = row.price();
        BigDecimal coefficient = amountOrNull(price.coefficient());
        return numeric4(price.pricePerUnit()) + "|" + (price.currency() == null ? "" : price.currency()) + "|"
                + (price.unit() == null ? "" : price.unit()) + "|"
                + (coefficient == null ? "" : coefficient.setScale(6, java.math.RoundingMode.HALF_UP).toPlainString());
    }

    private static String numeric4(BigDecimal value) {
        return value == null ? "" : value.setScale(4, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** Remembers what a full exchange mentioned, in temporary tables that vanish with the transaction. */
    private void writeSeen() throws SQLException {
        if (seenProducts.isEmpty() && seenOffers.isEmpty()) {
            return;
        }
        createSeenTables();
        insertSeen("import_seen_product", seenProducts);
        insertSeen("import_seen_offer", seenOffers);
    }

    private void createSeenTables() throws SQLException {
        if (!seenTablesCreated) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TEMP TABLE IF NOT EXISTS import_seen_product (external_id varchar(100) PRIMARY KEY) ON COMMIT DROP");
                statement.execute("CREATE TEMP TABLE IF NOT EXISTS import_seen_offer (external_id varchar(201) PRIMARY KEY) ON COMMIT DROP");
                // why: a caller may run two imports in one transaction; each starts with nothing seen.
                statement.execute("TRUNCATE import_seen_product, import_seen_offer");
            }
            seenTablesCreated = true;
        }
    }

    private void insertSeen(String table, Set<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " SELECT unnest(?::varchar[]) ON CONFLICT DO NOTHING")) {
            insert.setArray(1, array("varchar", ids.toArray(String[]::new)));
            insert.executeUpdate();
        }
        ids.clear();
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static Map<String, List<String>> propertyMap(List<org.catalogimport.commerceml.PropertyValue> values) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (var value : values) {
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

    /** An amount that fits NUMERIC(19,4), or null. */
    private static BigDecimal amountOrNull(BigDecimal amount) {
        return amount == null || amount.abs().compareTo(MAX_AMOUNT) >= 0 ? null : amount;
    }

    private void reject(String entity, String itemId, Location location, String reason) {
        counts.failed(entity, 1);
        problems.accept(new ItemProblem(itemId, location == null ? null : location.file(),
                location == null ? 0 : location.line(), reason));
    }

    private Set<String> missing(String table, String column, Collection<String> ids) throws SQLException {
        Set<String> missing = new HashSet<>();
        if (ids.isEmpty()) {
            return missing;
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT x FROM unnest(?::varchar[]) AS x WHERE NOT EXISTS (SELECT 1 FROM " + table + " t WHERE t." + column + " = x)")) {
            query.setArray(1, array("varchar", ids.toArray(String[]::new)));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    missing.add(rows.getString(1));
                }
            }
        }
        return missing;
    }

    private void upsert(String entity, int rows, String sql, Array... arrays) throws SQLException {
        long inserted = 0;
        long updated = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arrays.length; i++) {
                statement.setArray(i + 1, arrays[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    if (result.getBoolean(1)) {
                        inserted++;
                    } else {
                        updated++;
                    }
                }
            }
        } finally {
            for (Array array : arrays) {
                array.free();
            }
        }
        counts.written(entity, rows, inserted, updated);
    }

    private int update(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    private Array array(String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }
}
