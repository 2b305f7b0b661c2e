package org.catalogimport.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.catalogimport.commerceml.CatalogEntity;

/**
 * A batch of records split by what the catalog already holds, from one query for the batch's keys:
 * records with no row yet ({@link #added}, copied in), records whose row differs ({@link #changed},
 * upserted), and the rest, counted as unchanged and not written at all.
 */
record BatchChanges<T>(List<T> added, List<T> changed) {

    /**
     * @param hashes the content hash of each record, by Ид
     * @param active whether the record is active (a row is unchanged only if active on both sides)
     */
    static <T> BatchChanges<T> of(CatalogStatements sql, CatalogEntity entity, String table, List<T> batch,
                                  Function<T, String> id, Map<String, Long> hashes, Predicate<T> active)
            throws SQLException {
        // the stored hash of an inactive row is marked absent: such a row is updated, never copied in
        Map<String, Long> stored = new HashMap<>();
        try (PreparedStatement query = sql.connection().prepareStatement("SELECT external_id,"
                + " CASE WHEN active THEN content_hash END FROM " + table + " WHERE external_id = ANY (?::varchar[])")) {
            query.setArray(1, sql.array("varchar", batch.stream().map(id).toArray(String[]::new)));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long hash = rows.getLong(2);
                    stored.put(rows.getString(1), rows.wasNull() ? null : hash);
                }
            }
        }
        List<T> added = new ArrayList<>();
        List<T> changed = new ArrayList<>();
        for (T record : batch) {
            String key = id.apply(record);
            if (!stored.containsKey(key)) {
                added.add(record);
            } else if (stored.get(key) == null || !stored.get(key).equals(hashes.get(key)) || !active.test(record)) {
                changed.add(record);
            }
        }
        sql.counts().unchanged(entity, batch.size() - added.size() - changed.size());
        return new BatchChanges<>(added, changed);
    }
}
