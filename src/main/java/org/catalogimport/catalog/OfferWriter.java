package org.catalogimport.catalog;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.Location;
import org.catalogimport.commerceml.OfferRecord;

/**
 * Writes offers; their rows (prices per price type, stock per warehouse) go to {@link OfferRowWriter}.
 *
 * <p>An offer record comes in two kinds. One carries offer data (name, article, characteristics...):
 * it is upserted, and skipped (with its rows) only when its product is not in the catalog. The
 * other carries only prices, stock or a total quantity (prices and rests files, changes packages,
 * Bitrix exports): it updates the offer when the offer exists; when it does not and its Ид is a
 * product's, it becomes that product's plain offer (a product without characteristics has one);
 * otherwise it is skipped with its rows. Rows referring to an undeclared price type or warehouse
 * create it (see {@link DictionaryWriter#createUndeclared}).
 */
final class OfferWriter {

    /** An offer record without offer data: only its total quantity is the offer's own. */
    record OfferReference(String id, String productId, BigDecimal totalQuantity, Location location) {
    }

    private final CatalogStatements sql;
    private final Map<String, OfferRecord> offers = new LinkedHashMap<>();
    private final Map<String, OfferReference> references = new LinkedHashMap<>();
    private final OfferRowWriter rows;
    /** Offers skipped in the current flush: their rows are counted as skipped with them. */
    private final Map<String, SkippedOffer> skippedOffers = new LinkedHashMap<>();

    OfferWriter(CatalogStatements sql, DictionaryWriter dictionaries) {
        this.sql = sql;
        this.rows = new OfferRowWriter(sql, dictionaries);
    }

    int buffered() {
        return Math.max(Math.max(offers.size(), references.size()), rows.buffered());
    }

    void offer(OfferRecord offer) {
        EntityCounts counts = sql.counts();
        counts.read(CatalogEntity.OFFERS, 1);
        if (carriesOfferData(offer)) {
            OfferRecord earlier = offers.put(offer.id(), offer);
            if (earlier != null) {
                counts.merged(CatalogEntity.OFFERS, 1);
                sql.warn(CatalogEntity.OFFERS, offer.id(), offer.location(), WriteProblem.OFFER_DUPLICATE.with(earlier.location()));
            }
        } else {
            OfferReference earlier = references.get(offer.id());
            BigDecimal total = offer.totalQuantity() != null || earlier == null ? offer.totalQuantity() : earlier.totalQuantity();
            if (references.put(offer.id(), new OfferReference(offer.id(), offer.productId(), total, offer.location())) != null) {
                counts.merged(CatalogEntity.OFFERS, 1);
            }
        }
        rows.offer(offer);
    }

    /**
     * Prices-only and stock-only files (UT 11 prices___/rests___, 3.1 prices/ and rests/) repeat the
     * offer with nothing but its Ид: such a record must not overwrite the offer's name and data.
     */
    static boolean carriesOfferData(OfferRecord offer) {
        return offer.name() != null || offer.sku() != null || offer.barcode() != null
                || !offer.characteristics().isEmpty() || !offer.properties().isEmpty();
    }

    void flush() throws SQLException {
        skippedOffers.clear();
        writeOffers();
        writeReferences();
        reportSkippedOffers();
        rows.write(skippedOffers.keySet());
    }

    private void writeOffers() throws SQLException {
        if (offers.isEmpty()) {
            return;
        }
        List<OfferRecord> read = new ArrayList<>(offers.values());
        offers.clear();
        Map<String, Long> hashes = new HashMap<>();
        for (OfferRecord o : read) {
            hashes.put(o.id(), hash(o));
        }
        // why the catalog's rows first: an offer found unchanged (its hash covers its product) is not
        // written, so its product need not be looked up; on a re-import that is nearly every offer
        BatchChanges<OfferRecord> changes = BatchChanges.of(sql, CatalogEntity.OFFERS, "offer", read,
                OfferRecord::id, hashes, o -> !o.deleted());
        Set<String> unknownProducts = sql.missing("product", Stream.concat(changes.added().stream(), changes.changed().stream())
                .map(OfferRecord::productId).collect(Collectors.toSet()));
        for (OfferRecord offer : read) {
            if (unknownProducts.contains(offer.productId())) {
                skipOffer(offer.id(), offer.location(), WriteProblem.OFFER_WITHOUT_PRODUCT, offer.productId());
            } else {
                warnIfOutOfRange(offer.id(), offer.totalQuantity(), offer.location());
            }
        }
        copyIn(withProduct(changes.added(), unknownProducts), hashes);
        List<OfferRecord> batch = withProduct(changes.changed(), unknownProducts);
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
            id[i] = o.id();
            productId[i] = o.productId();
            version[i] = o.version();
            sku[i] = o.sku();
            barcode[i] = o.barcode();
            name[i] = o.name();
            characteristics[i] = characteristics(o);
            propertyJson[i] = Json.objectOfArrays(ProductWriter.propertyMap(o.properties()));
            quantity[i] = CatalogStatements.amountOrNull(o.totalQuantity());
            active[i] = !o.deleted();
            hash[i] = hashes.get(o.id());
        }
        sql.upsert(CatalogEntity.OFFERS, n, """
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
                sql.array("varchar", id), sql.array("varchar", productId), sql.array("varchar", version),
                sql.array("text", sku), sql.array("text", barcode), sql.array("text", name),
                sql.array("text", characteristics), sql.array("text", propertyJson), sql.array("numeric", quantity),
                sql.array("boolean", active), sql.array("bigint", hash));
    }

    /** New offers, copied in: the same columns as the upsert above. */
    private void copyIn(List<OfferRecord> added, Map<String, Long> hashes) throws SQLException {
        CopyRows rows = new CopyRows();
        for (OfferRecord o : added) {
            rows.add(o.id()).add(o.productId()).add(o.version()).add(o.sku()).add(o.barcode()).add(o.name())
                    .add(characteristics(o)).add(Json.objectOfArrays(ProductWriter.propertyMap(o.properties())))
                    .add(CatalogStatements.amountOrNull(o.totalQuantity())).add(!o.deleted()).add(hashes.get(o.id()))
                    .endRow();
        }
        sql.insert(CatalogEntity.OFFERS, "offer (external_id, product_id, version, sku, barcode, name, characteristics,"
                + " properties, total_quantity, active, content_hash)", rows);
    }

    private static String characteristics(OfferRecord o) {
        return Json.namedValues(o.characteristics().stream().map(c -> new String[] {c.name(), c.value()}).toList());
    }

    private static List<OfferRecord> withProduct(List<OfferRecord> offers, Set<String> unknownProducts) {
        return unknownProducts.isEmpty() ? offers : offers.stream().filter(o -> !unknownProducts.contains(o.productId())).toList();
    }

    private static long hash(OfferRecord o) {
        ContentHash hash = new ContentHash().add(o.productId()).add(o.sku()).add(o.barcode()).add(o.name());
        o.characteristics().forEach(c -> hash.add(c.name()).add(c.value()));
        return hash.add(ProductWriter.propertyMap(o.properties()))
                .add(CatalogStatements.amountOrNull(o.totalQuantity())).add(!o.deleted()).value();
    }

    /** Offer records with only prices, stock or a total: update, create the product's plain offer, or skip. */
    private void writeReferences() throws SQLException {
        if (references.isEmpty()) {
            return;
        }
        Set<String> missing = rows.missingOffers(references.keySet());
        List<OfferReference> existing = new ArrayList<>();
        List<OfferReference> plain = new ArrayList<>();
        for (OfferReference reference : references.values()) {
            if (!missing.contains(reference.id())) {
                existing.add(reference);
            } else if (reference.id().equals(reference.productId())) {
                plain.add(reference);
            }
        }
        Set<String> created = createPlainOffers(plain);
        for (OfferReference reference : references.values()) {
            if (missing.contains(reference.id()) && skippedOffers.containsKey(reference.id())) {
                // why counted here: the same offer came with its data in this flush (an offers file
                // and a prices or rests file in one batch) and was skipped already; this record is
                // one more item read and not stored, reported by that offer's single problem.
                sql.counts().skipped(CatalogEntity.OFFERS, 1);
            } else if (missing.contains(reference.id()) && !created.contains(reference.id())) {
                if (reference.id().equals(reference.productId())) {
                    skipOffer(reference.id(), reference.location(), WriteProblem.OFFER_ROWS_UNKNOWN, null);
                } else {
                    skipOffer(reference.id(), reference.location(), WriteProblem.OFFER_ROWS_UNKNOWN_VARIANT,
                            reference.productId());
                }
            }
        }
        references.clear();
        updateTotals(existing);
    }

    private Set<String> createPlainOffers(List<OfferReference> plain) throws SQLException {
        if (plain.isEmpty()) {
            return Set.of();
        }
        String[] id = new String[plain.size()];
        BigDecimal[] quantity = new BigDecimal[plain.size()];
        for (int i = 0; i < id.length; i++) {
            id[i] = plain.get(i).id();
            quantity[i] = CatalogStatements.amountOrNull(plain.get(i).totalQuantity());
            warnIfOutOfRange(id[i], plain.get(i).totalQuantity(), plain.get(i).location());
        }
        // why content_hash 0: the next offers file with this offer's data always writes it in full.
        Set<String> created = sql.returnedIds("""
                INSERT INTO offer (external_id, product_id, name, total_quantity, active, content_hash, updated_at)
                SELECT p.external_id, p.external_id, p.name, u.quantity, p.active, 0, now()
                FROM unnest(?::varchar[], ?::numeric[]) AS u(id, quantity) JOIN product p ON p.external_id = u.id
                ON CONFLICT (external_id) DO NOTHING
                RETURNING external_id""", sql.array("varchar", id), sql.array("numeric", quantity));
        sql.counts().written(CatalogEntity.OFFERS, created.size(), created.size(), 0);
        return created;
    }

    private void updateTotals(List<OfferReference> existing) throws SQLException {
        List<OfferReference> withTotal = existing.stream().filter(r -> r.totalQuantity() != null).toList();
        int n = withTotal.size();
        Set<String> updated = Set.of();
        if (n > 0) {
            String[] id = new String[n];
            BigDecimal[] quantity = new BigDecimal[n];
            for (int i = 0; i < n; i++) {
                id[i] = withTotal.get(i).id();
                quantity[i] = CatalogStatements.amountOrNull(withTotal.get(i).totalQuantity());
                warnIfOutOfRange(id[i], withTotal.get(i).totalQuantity(), withTotal.get(i).location());
            }
            updated = sql.returnedIds("""
                    UPDATE offer o SET total_quantity = u.quantity, updated_at = now()
                    FROM unnest(?::varchar[], ?::numeric[]) AS u(id, quantity)
                    WHERE o.external_id = u.id AND o.total_quantity IS DISTINCT FROM u.quantity
                    RETURNING o.external_id""", sql.array("varchar", id), sql.array("numeric", quantity));
        }
        // why merged: the offer was read before (in an offers file, or earlier); this record only
        // brought its prices or stock, counted as rows of their own.
        sql.counts().written(CatalogEntity.OFFERS, updated.size(), 0, updated.size());
        sql.counts().merged(CatalogEntity.OFFERS, existing.size() - updated.size());
    }

    private void warnIfOutOfRange(String offerId, BigDecimal total, Location location) {
        if (total != null && CatalogStatements.amountOrNull(total) == null) {
            sql.warn(CatalogEntity.OFFERS, offerId, location, WriteProblem.TOTAL_OUT_OF_RANGE.with(total.toPlainString()));
        }
    }

    /** Skips an offer and, with it, its price and stock rows of this flush (one problem for all). */
    private void skipOffer(String offerId, Location location, WriteProblem why, String productId) {
        skippedOffers.put(offerId, new SkippedOffer(location, why, productId));
    }

    /** Why an offer was skipped; {@code productId} null when the message names no product. */
    private record SkippedOffer(Location location, WriteProblem why, String productId) {
    }

    /** Reports the skipped offers of this flush, each with the number of its rows skipped with it. */
    private void reportSkippedOffers() {
        if (skippedOffers.isEmpty()) {
            return;
        }
        Map<String, long[]> skippedRows = rows.rowsOf(skippedOffers.keySet());
        skippedOffers.forEach((offerId, skipped) -> {
            long[] count = skippedRows.getOrDefault(offerId, new long[2]);
            sql.skip(CatalogEntity.OFFERS, offerId, skipped.location(), skipped.productId() == null
                    ? skipped.why().with(count[0], count[1]) : skipped.why().with(count[0], count[1], skipped.productId()));
        });
    }
}
