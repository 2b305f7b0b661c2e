package org.catalogimport.catalog;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The digest of the rows (prices, or stock) each offer last got from 1C (V24). An offer whose
 * incoming rows have the digest stored for it has exactly those rows in the catalog already: they
 * are counted unchanged without being read back. Digests are written in the import's transaction
 * and forgotten by any catalog write that is not a tracked import, so they never vouch for rows
 * someone else changed.
 *
 * <p>So a stored digest also says its offer is in the catalog: it was written with the offer's rows,
 * an import never deletes an offer, and any catalog write outside a tracked import forgets every
 * digest (the V9 triggers, extended by V24). {@link OfferRowWriter#missingOffers} relies on that,
 * as skipping unchanged files relies on the file states: a restore or a replica that bypasses the
 * triggers must empty both (docs/ADMIN.md, Backup and restore).
 *
 * <p>The digests read ahead ({@link #readAhead}) serve the same flush's {@link #stored} only, which
 * forgets them: a flush reads ahead, then writes its rows.
 */
final class RowDigests {

    private final CatalogStatements sql;
    private final String table;
    /** Digests read ahead in this flush ({@link #readAhead}), by offer; null: the offer has none. */
    private Map<String, Long> readAhead = Map.of();

    RowDigests(CatalogStatements sql, String table) {
        this.sql = sql;
        this.table = table;
    }

    /**
     * Reads the digests of these offers before the flush writes their rows, and keeps them for this
     * flush's {@link #stored}, which then does not ask again for these offers.
     *
     * @return the offers of these that have a digest
     */
    Set<String> readAhead(Collection<String> offerIds) throws SQLException {
        Map<String, Long> read = new HashMap<>();
        offerIds.forEach(offerId -> read.put(offerId, null));
        Map<String, Long> found = query(offerIds);
        read.putAll(found);
        readAhead = read;
        return found.keySet();
    }

    /** The stored digest of each of these offers that has one. */
    Map<String, Long> stored(Collection<String> offerIds) throws SQLException {
        Map<String, Long> stored = new HashMap<>();
        List<String> notReadAhead = new ArrayList<>();
        for (String offerId : offerIds) {
            if (!readAhead.containsKey(offerId)) {
                notReadAhead.add(offerId);
            } else if (readAhead.get(offerId) != null) {
                stored.put(offerId, readAhead.get(offerId));
            }
        }
        readAhead = Map.of();
        if (!notReadAhead.isEmpty()) {
            stored.putAll(query(notReadAhead));
        }
        return stored;
    }

    private Map<String, Long> query(Collection<String> offerIds) throws SQLException {
        Map<String, Long> stored = new HashMap<>();
        if (offerIds.isEmpty()) {
            return stored;
        }
        sql.pairs("SELECT offer_id, digest::text FROM " + table + " WHERE offer_id = ANY (?::varchar[])", offerIds.stream())
                .forEach((offerId, digest) -> stored.put(offerId, Long.parseLong(digest)));
        return stored;
    }

    /**
     * Stores the digests of the offers whose rows were just compared and written: new ones copied in,
     * the others replaced.
     */
    void save(Map<String, Long> digests, Map<String, Long> stored) throws SQLException {
        CopyRows added = new CopyRows();
        List<String> changedIds = new ArrayList<>();
        List<Long> changedDigests = new ArrayList<>();
        digests.forEach((offerId, digest) -> {
            if (!stored.containsKey(offerId)) {
                added.add(offerId).add(digest).endRow();
            } else if (stored.get(offerId).longValue() != digest) {
                changedIds.add(offerId);
                changedDigests.add(digest);
            }
        });
        if (added.rows() > 0) {
            added.copyInto(sql.connection(), table + " (offer_id, digest)");
        }
        if (changedIds.isEmpty()) {
            return;
        }
        try (PreparedStatement update = sql.connection().prepareStatement("UPDATE " + table + " d SET digest = u.digest"
                + " FROM unnest(?::varchar[], ?::bigint[]) AS u(offer_id, digest) WHERE d.offer_id = u.offer_id")) {
            update.setArray(1, sql.array("varchar", changedIds.toArray(String[]::new)));
            update.setArray(2, sql.array("bigint", changedDigests.toArray(Long[]::new)));
            update.executeUpdate();
        }
    }
}
