package org.catalogimport.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.Location;
import org.catalogimport.commerceml.OfferRecord;
import org.catalogimport.commerceml.PriceRecord;
import org.catalogimport.commerceml.StockRecord;
import org.catalogimport.commerceml.Text;

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

    /** What the shared steps need of a price or stock row. */
    private sealed interface OfferRow permits PriceRow, StockRow {
        String offerId();

        Location location();

        /** The amount that must fit NUMERIC(19,4). */
        BigDecimal amount();

        /** The problem reported when it does not. */
        Text outOfRange();

        /** The price type or warehouse it names: the row's key within its offer. */
        String reference();

        /** What the offer's digest covers of this row. */
        void addTo(ContentHash hash);
    }

    record PriceRow(String offerId, PriceRecord price, Location location) implements OfferRow {
        @Override
        public BigDecimal amount() {
            return price.pricePerUnit();
        }

        @Override
        public Text outOfRange() {
            return WriteProblem.PRICE_OUT_OF_RANGE.with(price.pricePerUnit());
        }

        @Override
        public String reference() {
            return price.priceTypeId();
        }

        @Override
        public void addTo(ContentHash hash) {
            hash.add(price.priceTypeId()).add(price.pricePerUnit()).add(price.currency()).add(price.unit())
                    .add(CatalogStatements.amountOrNull(price.coefficient()));
        }
    }

    record StockRow(String offerId, StockRecord stock, Location location) implements OfferRow {
        @Override
        public BigDecimal amount() {
            return stock.quantity();
        }

        @Override
        public Text outOfRange() {
            return WriteProblem.QUANTITY_OUT_OF_RANGE.with(stock.quantity());
        }

        @Override
        public String reference() {
            return stock.warehouseId();
        }

        @Override
        public void addTo(ContentHash hash) {
            hash.add(stock.warehouseId()).add(stock.quantity());
        }
    }

    /**
     * The rows of one flush that can be written, by offer, with each offer's digest and the price
     * types or warehouses they name.
     */
    private record Writable<R extends OfferRow>(Map<String, List<R>> byOffer, Map<String, Long> digests,
                                                Map<String, Location> references) {
    }

    private static final String SEP = CatalogStatements.LIST_SEPARATOR;

    private final CatalogStatements sql;
    private final DictionaryWriter dictionaries;
    private final RowsByOffer<PriceRow> prices = new RowsByOffer<>();
    private final RowsByOffer<StockRow> stock = new RowsByOffer<>();
    private final RowDigests priceDigests;
    private final RowDigests stockDigests;

    OfferRowWriter(CatalogStatements sql, DictionaryWriter dictionaries) {
        this.sql = sql;
        this.dictionaries = dictionaries;
        this.priceDigests = new RowDigests(sql, "offer_price_digest");
        this.stockDigests = new RowDigests(sql, "offer_stock_digest");
    }

    /**
     * Buffered rows by offer, then by price type or warehouse: a second row with the same key
     * replaces the first (merged). Grouped as they arrive, because everything after (skips, digests,
     * the comparison) goes offer by offer.
     */
    private static final class RowsByOffer<R> {
        private Map<String, Map<String, R>> byOffer = new LinkedHashMap<>();
        private int rows;

        /** Whether a row with this key was replaced. */
        boolean put(String offerId, String key, R row) {
            if (byOffer.computeIfAbsent(offerId, k -> new HashMap<>(4)).put(key, row) != null) {
                return true;
            }
            rows++;
            return false;
        }

        int rows() {
            return rows;
        }

        int rowsOf(String offerId) {
            Map<String, R> offerRows = byOffer.get(offerId);
            return offerRows == null ? 0 : offerRows.size();
        }

        Map<String, Map<String, R>> drain() {
            Map<String, Map<String, R>> drained = byOffer;
            byOffer = new LinkedHashMap<>();
            rows = 0;
            return drained;
        }
    }

    int buffered() {
        return Math.max(prices.rows(), stock.rows());
    }

    void offer(OfferRecord offer) {
        EntityCounts counts = sql.counts();
        counts.read(CatalogEntity.PRICES, offer.prices().size());
        for (PriceRecord price : offer.prices()) {
            if (prices.put(offer.id(), price.priceTypeId(), new PriceRow(offer.id(), price, offer.location()))) {
                counts.merged(CatalogEntity.PRICES, 1);
            }
        }
        counts.read(CatalogEntity.STOCK, offer.stock().size());
        for (StockRecord row : offer.stock()) {
            if (stock.put(offer.id(), row.warehouseId(), new StockRow(offer.id(), row, offer.location()))) {
                counts.merged(CatalogEntity.STOCK, 1);
            }
        }
    }

    /**
     * Which of these offers the catalog does not hold. Asked first of the row digests, which the
     * flush's {@link #write} reads anyway: an offer with a digest is in the catalog ({@link RowDigests}),
     * so only the others are looked up in {@code offer}. Why: on a re-import every offer of a prices
     * or rests file has its digests, and the existence check (one statement per batch, 1.3 s of
     * PostgreSQL's time in a 100k split re-import) is not needed at all.
     */
    Set<String> missingOffers(Collection<String> offerIds) throws SQLException {
        Set<String> withDigest = new HashSet<>();
        if (prices.rows() > 0) {
            withDigest.addAll(priceDigests.readAhead(offerIds.stream().filter(id -> prices.rowsOf(id) > 0).toList()));
        }
        if (stock.rows() > 0) {
            withDigest.addAll(stockDigests.readAhead(offerIds.stream().filter(id -> stock.rowsOf(id) > 0).toList()));
        }
        return sql.missing("offer", offerIds.stream().filter(id -> !withDigest.contains(id)).toList());
    }

    /** Buffered rows of these offers: offer Ид → {prices, stock rows}. */
    Map<String, long[]> rowsOf(Set<String> offerIds) {
        Map<String, long[]> rows = new HashMap<>();
        for (String offerId : offerIds) {
            long[] count = {prices.rowsOf(offerId), stock.rowsOf(offerId)};
            if (count[0] + count[1] > 0) {
                rows.put(offerId, count);
            }
        }
        return rows;
    }

    /** Writes the buffered rows; those of {@code skippedOffers} are counted as skipped. */
    void write(Set<String> skippedOffers) throws SQLException {
        writePrices(skippedOffers);
        writeStock(skippedOffers);
    }

    private void writePrices(Set<String> skippedOffers) throws SQLException {
        if (prices.rows() == 0) {
            return;
        }
        Writable<PriceRow> rows = writable(prices, skippedOffers, CatalogEntity.PRICES);
        dictionaries.createUndeclared(CatalogEntity.PRICE_TYPES, "price_type", rows.references());
        Map<String, Long> digests = rows.digests();
        Map<String, Long> storedDigests = priceDigests.stored(digests.keySet());
        List<PriceRow> batch = withoutVouchedRows(CatalogEntity.PRICES, rows.byOffer(), digests, storedDigests);
        Map<String, String> stored = batch.isEmpty() ? Map.of() : sql.pairs("SELECT offer_id || chr(31) || price_type_id, price_per_unit::text || '|'"
                + " || coalesce(currency, '') || '|' || coalesce(unit, '') || '|' || coalesce(coefficient::text, '')"
                + " FROM offer_price WHERE offer_id = ANY (?::varchar[])", batch.stream().map(PriceRow::offerId));
        CopyRows added = new CopyRows();
        List<PriceRow> changed = new ArrayList<>();
        for (PriceRow row : batch) {
            String storedRow = stored.isEmpty() ? null : stored.get(row.offerId() + SEP + row.price().priceTypeId());
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
        if (stock.rows() == 0) {
            return;
        }
        Writable<StockRow> rows = writable(stock, skippedOffers, CatalogEntity.STOCK);
        dictionaries.createUndeclared(CatalogEntity.WAREHOUSES, "warehouse", rows.references());
        Map<String, Long> digests = rows.digests();
        Map<String, Long> storedDigests = stockDigests.stored(digests.keySet());
        List<StockRow> batch = withoutVouchedRows(CatalogEntity.STOCK, rows.byOffer(), digests, storedDigests);
        Map<String, String> stored = batch.isEmpty() ? Map.of() : sql.pairs("SELECT offer_id || chr(31) || warehouse_id,"
                + " quantity::text FROM offer_stock WHERE offer_id = ANY (?::varchar[])", batch.stream().map(StockRow::offerId));
        CopyRows added = new CopyRows();
        List<StockRow> changed = new ArrayList<>();
        for (StockRow row : batch) {
            String storedQuantity = stored.isEmpty() ? null : stored.get(row.offerId() + SEP + row.stock().warehouseId());
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

    /**
     * The rows of the offers whose digest differs from the stored one (or has none), to be compared
     * row by row; the other offers' rows are unchanged, counted so, and neither read back nor
     * written. Leaves in {@code digests} only the offers compared, whose digests are then saved.
     */
    private <R> List<R> withoutVouchedRows(CatalogEntity entity, Map<String, List<R>> rowsByOffer,
                                           Map<String, Long> digests, Map<String, Long> storedDigests) {
        List<R> compared = new ArrayList<>();
        long vouched = 0;
        for (Map.Entry<String, List<R>> offer : rowsByOffer.entrySet()) {
            if (digests.get(offer.getKey()).equals(storedDigests.get(offer.getKey()))) {
                vouched += offer.getValue().size();
                digests.remove(offer.getKey());
            } else {
                compared.addAll(offer.getValue());
            }
        }
        sql.counts().unchanged(entity, vouched);
        return compared;
    }

    /**
     * Drains one buffer: the rows of skipped offers are counted skipped with them, a row whose amount
     * does not fit NUMERIC(19,4) is skipped and reported, the rest are writable.
     */
    private <R extends OfferRow> Writable<R> writable(RowsByOffer<R> buffer, Set<String> skippedOffers, CatalogEntity entity) {
        Writable<R> writable = new Writable<>(new LinkedHashMap<>(), new HashMap<>(), new HashMap<>());
        buffer.drain().forEach((offerId, rows) -> {
            if (skippedOffers.contains(offerId)) {
                sql.counts().skipped(entity, rows.size());
                return;
            }
            List<R> kept = new ArrayList<>(rows.size());
            for (R row : rows.values()) {
                if (CatalogStatements.amountOrNull(row.amount()) == null) {
                    sql.skip(entity, offerId, row.location(), row.outOfRange());
                } else {
                    writable.references().putIfAbsent(row.reference(), row.location());
                    kept.add(row);
                }
            }
            if (!kept.isEmpty()) {
                writable.byOffer().put(offerId, kept);
                writable.digests().put(offerId, digest(kept));
            }
        });
        return writable;
    }

    /** What an offer's rows say, in price type or warehouse order (a record lists them in any order). */
    private static long digest(List<? extends OfferRow> rows) {
        ContentHash hash = new ContentHash();
        rows.stream().sorted(Comparator.comparing(OfferRow::reference)).forEach(row -> row.addTo(hash));
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
