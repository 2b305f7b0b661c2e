package org.catalogimport.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.Location;
import org.catalogimport.commerceml.OfferRecord;
import org.catalogimport.commerceml.PriceRecord;
import org.catalogimport.commerceml.StockRecord;

/**
 * Writes an offer's rows: its price per price type and its stock per warehouse. A row is keyed by
 * offer and type (or warehouse): a second one in a batch replaces the first (merged). Rows of an
 * offer skipped in the same flush are skipped with it ({@link OfferWriter} reports them once); a
 * row whose amount does not fit NUMERIC(19,4) is skipped and reported. An offer whose rows have
 * the digest it got last time ({@link RowDigests}) is unchanged without a look at its rows; the stored
 * rows of the other offers of a batch are read in one query: new rows are copied into the table
 * ({@code COPY}, the cheapest way in), changed ones upserted, unchanged ones not written.
 */
final class OfferRowWriter {

    record PriceRow(String offerId, PriceRecord price, Location location) {
    }

    record StockRow(String offerId, StockRecord stock, Location location) {
    }

    private static final String SEP = CatalogStatements.LIST_SEPARATOR;

    private final CatalogStatements sql;
    private final DictionaryWriter dictionaries;
    private final Map<String, PriceRow> prices = new LinkedHashMap<>();
    private final Map<String, StockRow> stock = new LinkedHashMap<>();
    private final RowDigests priceDigests;
    private final RowDigests stockDigests;

    OfferRowWriter(CatalogStatements sql, DictionaryWriter dictionaries) {
        this.sql = sql;
        this.dictionaries = dictionaries;
        this.priceDigests = new RowDigests(sql, "offer_price_digest");
        this.stockDigests = new RowDigests(sql, "offer_stock_digest");
    }

    int buffered() {
        return Math.max(prices.size(), stock.size());
    }

    void offer(OfferRecord offer) {
        EntityCounts counts = sql.counts();
        counts.read(CatalogEntity.PRICES, offer.prices().size());
        for (PriceRecord price : offer.prices()) {
            if (prices.put(offer.id() + SEP + price.priceTypeId(), new PriceRow(offer.id(), price, offer.location())) != null) {
                counts.merged(CatalogEntity.PRICES, 1);
            }
        }
        counts.read(CatalogEntity.STOCK, offer.stock().size());
        for (StockRecord row : offer.stock()) {
            if (stock.put(offer.id() + SEP + row.warehouseId(), new StockRow(offer.id(), row, offer.location())) != null) {
                counts.merged(CatalogEntity.STOCK, 1);
            }
        }
    }

    /** Buffered rows of these offers: offer Ид → {prices, stock rows}. */
    Map<String, long[]> rowsOf(Set<String> offerIds) {
        Map<String, long[]> rows = new HashMap<>();
        prices.values().stream().filter(p -> offerIds.contains(p.offerId()))
                .forEach(p -> rows.computeIfAbsent(p.offerId(), k -> new long[2])[0]++);
        stock.values().stream().filter(s -> offerIds.contains(s.offerId()))
                .forEach(s -> rows.computeIfAbsent(s.offerId(), k -> new long[2])[1]++);
        return rows;
    }

    /** Writes the buffered rows; those of {@code skippedOffers} are counted as skipped. */
    void write(Set<String> skippedOffers) throws SQLException {
        writePrices(skippedOffers);
        writeStock(skippedOffers);
    }

    private void writePrices(Set<String> skippedOffers) throws SQLException {
        if (prices.isEmpty()) {
            return;
        }
        Map<String, Location> referencedTypes = new HashMap<>();
        List<PriceRow> batch = new ArrayList<>(prices.size());
        for (PriceRow row : prices.values()) {
            if (skippedOffers.contains(row.offerId())) {
                sql.counts().skipped(CatalogEntity.PRICES, 1);
            } else if (CatalogStatements.amountOrNull(row.price().pricePerUnit()) == null) {
                sql.skip(CatalogEntity.PRICES, row.offerId(), row.location(),
                        WriteProblem.PRICE_OUT_OF_RANGE.with(row.price().pricePerUnit()));
            } else {
                referencedTypes.putIfAbsent(row.price().priceTypeId(), row.location());
                batch.add(row);
            }
        }
        prices.clear();
        dictionaries.createUndeclared(CatalogEntity.PRICE_TYPES, "price_type", referencedTypes);
        Map<String, Long> digests = new HashMap<>();
        groupByOffer(batch, PriceRow::offerId).forEach((offerId, rows) -> digests.put(offerId, priceDigest(rows)));
        Map<String, Long> storedDigests = priceDigests.stored(digests.keySet());
        batch = withoutVouchedRows(CatalogEntity.PRICES, batch, PriceRow::offerId, digests, storedDigests);
        Map<String, String> stored = batch.isEmpty() ? Map.of() : sql.pairs("SELECT offer_id || chr(31) || price_type_id, price_per_unit::text || '|'"
                + " || coalesce(currency, '') || '|' || coalesce(unit, '') || '|' || coalesce(coefficient::text, '')"
                + " FROM offer_price WHERE offer_id = ANY (?::varchar[])", batch.stream().map(PriceRow::offerId));
        CopyRows added = new CopyRows();
        List<PriceRow> changed = new ArrayList<>();
        for (PriceRow row : batch) {
            String storedRow = stored.get(row.offerId() + SEP + row.price().priceTypeId());
            if (storedRow == null) {
                PriceRecord price = row.price();
                added.add(row.offerId()).add(price.priceTypeId()).add(price.pricePerUnit()).add(price.currency())
                        .add(price.unit()).add(CatalogStatements.amountOrNull(price.coefficient())).endRow();
            } else if (!storedRow.equals(priceRow(row))) {
                changed.add(row);
            }
        }
        sql.insert(CatalogEntity.PRICES, "offer_price (offer_id, price_type_id, price_per_unit, currency, unit, coefficient)", added);
        sql.counts().unchanged(CatalogEntity.PRICES, batch.size() - added.rows() - changed.size());
        upsertPrices(changed);
        priceDigests.save(digests, storedDigests);
    }

    private void upsertPrices(List<PriceRow> changed) throws SQLException {
        int n = changed.size();
        if (n == 0) {
            return;
        }
        String[] offer = new String[n], type = new String[n], currency = new String[n], unit = new String[n];
        BigDecimal[] value = new BigDecimal[n], coefficient = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            PriceRow row = changed.get(i);
            offer[i] = row.offerId();
            type[i] = row.price().priceTypeId();
            value[i] = row.price().pricePerUnit();
            currency[i] = row.price().currency();
            unit[i] = row.price().unit();
            coefficient[i] = CatalogStatements.amountOrNull(row.price().coefficient());
        }
        sql.upsert(CatalogEntity.PRICES, n, """
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
                sql.array("varchar", offer), sql.array("varchar", type), sql.array("numeric", value),
                sql.array("varchar", currency), sql.array("varchar", unit), sql.array("numeric", coefficient));
    }

    private void writeStock(Set<String> skippedOffers) throws SQLException {
        if (stock.isEmpty()) {
            return;
        }
        Map<String, Location> referencedWarehouses = new HashMap<>();
        List<StockRow> batch = new ArrayList<>(stock.size());
        for (StockRow row : stock.values()) {
            if (skippedOffers.contains(row.offerId())) {
                sql.counts().skipped(CatalogEntity.STOCK, 1);
            } else if (CatalogStatements.amountOrNull(row.stock().quantity()) == null) {
                sql.skip(CatalogEntity.STOCK, row.offerId(), row.location(),
                        WriteProblem.QUANTITY_OUT_OF_RANGE.with(row.stock().quantity()));
            } else {
                referencedWarehouses.putIfAbsent(row.stock().warehouseId(), row.location());
                batch.add(row);
            }
        }
        stock.clear();
        dictionaries.createUndeclared(CatalogEntity.WAREHOUSES, "warehouse", referencedWarehouses);
        Map<String, Long> digests = new HashMap<>();
        groupByOffer(batch, StockRow::offerId).forEach((offerId, rows) -> digests.put(offerId, stockDigest(rows)));
        Map<String, Long> storedDigests = stockDigests.stored(digests.keySet());
        batch = withoutVouchedRows(CatalogEntity.STOCK, batch, StockRow::offerId, digests, storedDigests);
        Map<String, String> stored = batch.isEmpty() ? Map.of() : sql.pairs("SELECT offer_id || chr(31) || warehouse_id,"
                + " quantity::text FROM offer_stock WHERE offer_id = ANY (?::varchar[])", batch.stream().map(StockRow::offerId));
        CopyRows added = new CopyRows();
        List<StockRow> changed = new ArrayList<>();
        for (StockRow row : batch) {
            String storedQuantity = stored.get(row.offerId() + SEP + row.stock().warehouseId());
            if (storedQuantity == null) {
                added.add(row.offerId()).add(row.stock().warehouseId()).add(row.stock().quantity()).endRow();
            } else if (!storedQuantity.equals(numeric4(row.stock().quantity()))) {
                changed.add(row);
            }
        }
        sql.insert(CatalogEntity.STOCK, "offer_stock (offer_id, warehouse_id, quantity)", added);
        sql.counts().unchanged(CatalogEntity.STOCK, batch.size() - added.rows() - changed.size());
        upsertStock(changed);
        stockDigests.save(digests, storedDigests);
    }

    private void upsertStock(List<StockRow> changed) throws SQLException {
        int n = changed.size();
        if (n == 0) {
            return;
        }
        String[] offer = new String[n], warehouse = new String[n];
        BigDecimal[] quantity = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            StockRow row = changed.get(i);
            offer[i] = row.offerId();
            warehouse[i] = row.stock().warehouseId();
            quantity[i] = row.stock().quantity();
        }
        sql.upsert(CatalogEntity.STOCK, n, """
                INSERT INTO offer_stock AS t (offer_id, warehouse_id, quantity, updated_at)
                SELECT u.offer_id, u.warehouse_id, u.quantity, now()
                FROM unnest(?::varchar[], ?::varchar[], ?::numeric[]) AS u(offer_id, warehouse_id, quantity)
                ON CONFLICT (offer_id, warehouse_id) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = EXCLUDED.updated_at
                WHERE t.quantity <> EXCLUDED.quantity
                RETURNING (xmax = 0)""",
                sql.array("varchar", offer), sql.array("varchar", warehouse), sql.array("numeric", quantity));
    }

    private static <R> Map<String, List<R>> groupByOffer(List<R> rows, Function<R, String> offerId) {
        Map<String, List<R>> byOffer = new LinkedHashMap<>();
        rows.forEach(row -> byOffer.computeIfAbsent(offerId.apply(row), k -> new ArrayList<>()).add(row));
        return byOffer;
    }

    /**
     * The rows whose offer's digest differs from the stored one (or has none), to be compared row by
     * row; the others are unchanged, counted so, and neither read back nor written. Leaves in
     * {@code digests} only the offers compared, whose digests are then saved.
     */
    private <R> List<R> withoutVouchedRows(CatalogEntity entity, List<R> rows, Function<R, String> offerId,
                                           Map<String, Long> digests, Map<String, Long> storedDigests) {
        List<R> compared = new ArrayList<>();
        long vouched = 0;
        for (R row : rows) {
            String offer = offerId.apply(row);
            if (digests.get(offer).equals(storedDigests.get(offer))) {
                vouched++;
            } else {
                compared.add(row);
            }
        }
        digests.keySet().removeIf(offer -> digests.get(offer).equals(storedDigests.get(offer)));
        sql.counts().unchanged(entity, vouched);
        return compared;
    }

    /** What an offer's price rows say, in price type order (a record lists them in any order). */
    private static long priceDigest(List<PriceRow> rows) {
        ContentHash hash = new ContentHash();
        rows.stream().sorted(Comparator.comparing(row -> row.price().priceTypeId())).forEach(row -> hash
                .add(row.price().priceTypeId()).add(row.price().pricePerUnit()).add(row.price().currency())
                .add(row.price().unit()).add(CatalogStatements.amountOrNull(row.price().coefficient())));
        return hash.value();
    }

    private static long stockDigest(List<StockRow> rows) {
        ContentHash hash = new ContentHash();
        rows.stream().sorted(Comparator.comparing(row -> row.stock().warehouseId()))
                .forEach(row -> hash.add(row.stock().warehouseId()).add(row.stock().quantity()));
        return hash.value();
    }

    /** A price row as PostgreSQL renders the stored one (NUMERIC(19,4), NUMERIC(19,6)). */
    private static String priceRow(PriceRow row) {
        PriceRecord price = row.price();
        BigDecimal coefficient = CatalogStatements.amountOrNull(price.coefficient());
        return numeric4(price.pricePerUnit()) + "|" + (price.currency() == null ? "" : price.currency()) + "|"
                + (price.unit() == null ? "" : price.unit()) + "|"
                + (coefficient == null ? "" : coefficient.setScale(6, RoundingMode.HALF_UP).toPlainString());
    }

    private static String numeric4(BigDecimal value) {
        return value == null ? "" : value.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }
}
