package org.catalogimport.dev;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which state of the shop a demo package describes: as first exported, or after 1C changed part of
 * its offers (what the import benchmark re-imports). A changed offer is one in twenty, chosen by its
 * Ид. Only the offers package files (offers, prices, rests) change; goods and dictionary files stay
 * byte for byte the same, as in 1C's next export when only offers changed.
 */
public enum DemoRevision {

    /** As first exported. */
    ORIGINAL(false, 0),
    /** One offer in twenty with a new name, each of its prices a rouble up and each stock row one more. */
    OFFERS_CHANGED(true, 1),
    /** {@link #OFFERS_CHANGED}, then only the stock of the same offers changed again (one more each). */
    STOCK_CHANGED(true, 2);

    private final boolean offersChanged;
    private final int stockAdded;

    DemoRevision(boolean offersChanged, int stockAdded) {
        this.offersChanged = offersChanged;
        this.stockAdded = stockAdded;
    }

    /** Whether this revision changes the offer with this Ид (one in twenty, the same in every revision). */
    boolean changes(String offerId) {
        return this != ORIGINAL && Math.floorMod(offerId.hashCode(), 20) == 0;
    }

    String offerName(String offerId, String name) {
        return offersChanged && changes(offerId) ? name + " (новая коллекция)" : name;
    }

    BigDecimal price(String offerId, BigDecimal amount) {
        return offersChanged && changes(offerId) ? amount.add(BigDecimal.ONE) : amount;
    }

    int quantity(String offerId, int quantity) {
        return changes(offerId) ? quantity + stockAdded : quantity;
    }

    /** Rows a re-import must write. */
    public record Changes(long offers, long prices, long stock) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d offers, %,d prices, %,d stock rows", offers, prices, stock);
        }
    }

    /** Whether going from {@code from} to this revision changes offer names and prices (else only stock, or nothing). */
    public boolean changesOffersSince(DemoRevision from) {
        return offersChanged != from.offersChanged;
    }

    /** Whether going from {@code from} to this revision changes stock rows. */
    public boolean changesStockSince(DemoRevision from) {
        return stockAdded != from.stockAdded;
    }

    /** The Ид of the offers this revision changes (the same in every dialect and every changed revision). */
    public static List<String> changedOffers(int products, long seed, DemoShape shape) throws IOException {
        List<String> ids = new ArrayList<>();
        new DemoProducts(products, seed, new DemoIds(seed), shape).forEachOffer(o -> {
            if (OFFERS_CHANGED.changes(o.id())) {
                ids.add(o.id());
            }
        });
        return ids;
    }
}
