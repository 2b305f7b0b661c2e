package org.catalogimport.catalog;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.ItemProblem;
import org.catalogimport.commerceml.SectionInfo;
import org.catalogimport.commerceml.SectionKind;

/**
 * The package files of one import, for skipping unchanged files next time (table
 * {@code import_file_state}, V9).
 *
 * <p>A file may be skipped when its content and its place in the package are those of a file the
 * last committed import read <em>without any problem</em>: its rows are then in the catalog exactly
 * as the file says (a file with a skipped item or a warning is always read again, so its problems
 * are reported again). A skipped file still counts: its items as read and unchanged (the accounting
 * rule holds), its Ид as mentioned by a full exchange (nothing of it is deactivated).
 *
 * <p>At the end of the import the table is replaced by this import's files: the skipped ones keep
 * their row, the ones read without a problem get a new one, all others are forgotten, so a file that
 * was missing from one import is read again when it comes back. It is written in the import's
 * transaction: a failed, cancelled or dry-run import leaves it as it was. Any other write to the
 * catalog forgets every state (a trigger, V9), so a catalog changed behind the importer's back is
 * never taken for the files' content.
 */
final class ImportedFiles {

    /**
     * The Ид each file mentioned in its full sections, one list per file, without repeats (a file may
     * repeat an Ид) and in byte order ({@code COLLATE "C"}: the lists are compared, never shown, and
     * the collation-aware sort of 631,524 mentions of a 100k UT 11 package took over a second). Lists
     * saved before were not sorted: they differ once, and that import deactivates by the mentions
     * themselves, as any would (a list that differs never lets an import skip the deactivation).
     */
    private static final String MENTION_LISTS = """
            WITH p AS (SELECT file, array_agg(DISTINCT external_id COLLATE "C" ORDER BY external_id COLLATE "C") AS ids
                       FROM import_seen_product GROUP BY file),
                 o AS (SELECT file, array_agg(DISTINCT external_id COLLATE "C" ORDER BY external_id COLLATE "C") AS ids
                       FROM import_seen_offer GROUP BY file)
            """;

    private final CatalogStatements sql;
    private final FullExchange fullExchange;
    private final LongSupplier processed;
    private final List<FileState> read = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final Set<String> withProblems = new HashSet<>();
    private boolean problemWithoutFile;
    private int filesStarted;
    private int statesLoaded = -1;
    private Map<String, FileState> loaded = Map.of();
    private Current current;

    /** The file being read and the counters when it began. */
    private static final class Current {
        final String path;
        /** Null until the file was read to its end: a file without one is not remembered. */
        String fingerprint;
        final int position;
        final Map<CatalogEntity, Long> readsBefore;
        final Map<CatalogEntity, Long> mergedBefore;
        final long processedBefore;
        boolean fullCatalog;
        boolean fullOffers;

        Current(String path, int position, Map<CatalogEntity, Long> readsBefore,
                Map<CatalogEntity, Long> mergedBefore, long processedBefore) {
            this.path = path;
            this.position = position;
            this.readsBefore = readsBefore;
            this.mergedBefore = mergedBefore;
            this.processedBefore = processedBefore;
        }
    }

    ImportedFiles(CatalogStatements sql, FullExchange fullExchange, LongSupplier processed) {
        this.sql = sql;
        this.fullExchange = fullExchange;
        this.processed = processed;
    }

    /**
     * The files of the last committed import. Locks the table until the end of the transaction:
     * this import replaces it (and a test holding it keeps the import waiting here).
     */
    Map<String, FileState> load() throws SQLException {
        Map<String, FileState> states = new HashMap<>();
        try (Statement statement = sql.connection().createStatement()) {
            statement.execute("LOCK TABLE import_file_state IN SHARE ROW EXCLUSIVE MODE");
            // why: this import keeps the file states true; any other catalog write forgets them (V9)
            statement.execute("SELECT set_config('catalog_import.files_tracked', 'on', true)");
            try (ResultSet rows = statement.executeQuery("SELECT path, fingerprint, position, full_catalog, full_offers,"
                    + " entity_keys, entity_reads, entity_merged, processed FROM import_file_state")) {
                while (rows.next()) {
                    String[] keys = (String[]) rows.getArray(6).getArray();
                    states.put(rows.getString(1), new FileState(rows.getString(1), rows.getString(2), rows.getInt(3),
                            rows.getBoolean(4), rows.getBoolean(5), byEntity(keys, (Long[]) rows.getArray(7).getArray()),
                            byEntity(keys, (Long[]) rows.getArray(8).getArray()), rows.getLong(9)));
                }
            }
        }
        statesLoaded = states.size();
        loaded = states;
        return states;
    }

    /**
     * Every file of this import was skipped, and they are all the files the last committed import
     * stored: the package is, file for file, the one that import left the catalog in.
     */
    boolean sameFilesAsLastImport() {
        return filesStarted == 0 && !problemWithoutFile && statesLoaded > 0 && skipped.size() == statesLoaded;
    }

    /**
     * This import read or skipped exactly the files of the last committed import, and each file it
     * read mentioned (in a full section) exactly the Ид it mentioned then: a full exchange then
     * mentions what that import mentioned, and that import already deactivated everything else (any
     * catalog write since would have forgotten the file states). Typical of a stock-only change: the
     * rests file is read again, with new quantities for the same offers. Call after the last flush.
     */
    boolean sameMentionsAsLastImport() throws SQLException {
        close();
        if (problemWithoutFile || statesLoaded <= 0 || skipped.size() + read.size() != statesLoaded || read.isEmpty()
                || read.stream().anyMatch(f -> !sameKindAsLoaded(f))) {
            return false;
        }
        List<String> full = read.stream().filter(f -> f.fullCatalog() || f.fullOffers()).map(FileState::path).toList();
        if (full.isEmpty()) {
            return true;
        }
        fullExchange.readyToReadMentions();
        try (PreparedStatement differing = sql.connection().prepareStatement(MENTION_LISTS + """
                SELECT count(*) FROM import_file_state s LEFT JOIN p ON p.file = s.path LEFT JOIN o ON o.file = s.path
                WHERE s.path = ANY (?::varchar[])
                  AND (s.full_catalog AND s.product_ids IS DISTINCT FROM coalesce(p.ids, '{}')
                       OR s.full_offers AND s.offer_ids IS DISTINCT FROM coalesce(o.ids, '{}'))
                """)) {
            differing.setArray(1, sql.array("varchar", full.toArray(String[]::new)));
            try (ResultSet rows = differing.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 0;
            }
        }
    }

    /** A file read now had a state, with the same kinds of full sections. */
    private boolean sameKindAsLoaded(FileState file) {
        FileState before = loaded.get(file.path());
        return before != null && before.fullCatalog() == file.fullCatalog() && before.fullOffers() == file.fullOffers();
    }

    private static Map<CatalogEntity, Long> byEntity(String[] keys, Long[] counts) {
        Map<CatalogEntity, Long> map = new EnumMap<>(CatalogEntity.class);
        for (int i = 0; i < keys.length && i < counts.length; i++) {
            for (CatalogEntity entity : CatalogEntity.values()) {
                if (entity.key().equals(keys[i])) {
                    map.put(entity, counts[i]);
                }
            }
        }
        return map;
    }

    /** A file is about to be read; its fingerprint follows once it was read ({@link #fingerprinted}). */
    void started(String path, int position) {
        close();
        filesStarted++;
        Map<CatalogEntity, Long> reads = new EnumMap<>(CatalogEntity.class);
        Map<CatalogEntity, Long> merged = new EnumMap<>(CatalogEntity.class);
        for (CatalogEntity entity : CatalogEntity.values()) {
            reads.put(entity, sql.counts().get(entity).read());
            merged.put(entity, sql.counts().get(entity).merged());
        }
        current = new Current(path, position, reads, merged, processed.getAsLong());
        fullExchange.fileStarted(path);
    }

    /** The fingerprint of the file being read, taken while it was read to its end. */
    void fingerprinted(String path, String fingerprint) {
        if (current == null || !current.path.equals(path) || current.fingerprint != null) {
            // why fail: a fingerprint on another file would have the next import skip a file it never matched
            throw new IllegalStateException("fingerprint of " + path + " while reading "
                    + (current == null ? "no file" : current.path));
        }
        current.fingerprint = fingerprint;
    }

    /**
     * An unchanged file is not read: its items count as read, merged as last time (an offer that a
     * prices file repeats) and the rest unchanged; its Ид as mentioned.
     */
    void skipped(FileState state) {
        close();
        state.reads().forEach((entity, items) -> {
            // why not bounded by the file's reads: a merge is counted when its batch is written,
            // possibly while a later file is read (a prices file's merges land on the stock file);
            // over the files of one kind the sums are those of the import that read them
            long merged = Math.max(0, state.merged().getOrDefault(entity, 0L));
            sql.counts().read(entity, items);
            sql.counts().merged(entity, merged);
            sql.counts().unchanged(entity, items - merged);
        });
        skipped.add(state.path());
        fullExchange.fileSkipped(state.path(), state.fullCatalog(), state.fullOffers());
    }

    void section(SectionInfo section) {
        if (current == null || section.containsOnlyChanges()) {
            return;
        }
        if (section.kind() == SectionKind.CATALOG) {
            current.fullCatalog = true;
        } else if (section.kind() == SectionKind.OFFERS_PACKAGE) {
            current.fullOffers = true;
        }
    }

    /** Every problem of the import: its file is read again next time. */
    void problem(ItemProblem problem) {
        if (problem.file() == null) {
            problemWithoutFile = true;
        } else {
            withProblems.add(problem.file());
        }
    }

    private void close() {
        if (current == null) {
            return;
        }
        Map<CatalogEntity, Long> reads = new EnumMap<>(CatalogEntity.class);
        Map<CatalogEntity, Long> merged = new EnumMap<>(CatalogEntity.class);
        for (CatalogEntity entity : CatalogEntity.values()) {
            long items = sql.counts().get(entity).read() - current.readsBefore.get(entity);
            if (items != 0) {
                reads.put(entity, items);
                merged.put(entity, sql.counts().get(entity).merged() - current.mergedBefore.get(entity));
            }
        }
        if (current.fingerprint != null) {
            read.add(new FileState(current.path, current.fingerprint, current.position, current.fullCatalog,
                    current.fullOffers, reads, merged, processed.getAsLong() - current.processedBefore));
        }
        current = null;
    }

    /** Replaces the table by this import's files (after the last flush: every mentioned Ид is in the seen tables). */
    void save() throws SQLException {
        close();
        try (PreparedStatement forget = sql.connection().prepareStatement(
                "DELETE FROM import_file_state WHERE NOT (path = ANY (?::varchar[]))")) {
            forget.setArray(1, sql.array("varchar", skipped.toArray(String[]::new)));
            forget.executeUpdate();
        }
        // why nothing on a problem without a file: it cannot be told which file caused it
        List<FileState> clean = problemWithoutFile ? List.of()
                : read.stream().filter(f -> !withProblems.contains(f.path())).toList();
        if (clean.isEmpty()) {
            return;
        }
        fullExchange.readyToReadMentions();
        int n = clean.size();
        String[] path = new String[n], fingerprint = new String[n], keys = new String[n], reads = new String[n],
                merged = new String[n];
        Integer[] position = new Integer[n];
        Boolean[] fullCatalog = new Boolean[n], fullOffers = new Boolean[n];
        Long[] processedItems = new Long[n];
        for (int i = 0; i < n; i++) {
            FileState f = clean.get(i);
            path[i] = f.path();
            fingerprint[i] = f.fingerprint();
            position[i] = f.position();
            fullCatalog[i] = f.fullCatalog();
            fullOffers[i] = f.fullOffers();
            processedItems[i] = f.processed();
            // per file a list; sent as one text each (arrays of arrays must be rectangular)
            List<CatalogEntity> entities = f.reads().keySet().stream().sorted().toList();
            keys[i] = String.join(",", entities.stream().map(CatalogEntity::key).toList());
            reads[i] = String.join(",", entities.stream().map(e -> String.valueOf(f.reads().get(e))).toList());
            merged[i] = String.join(",", entities.stream().map(e -> String.valueOf(f.merged().getOrDefault(e, 0L))).toList());
        }
        Array[] arrays = {sql.array("varchar", path), sql.array("varchar", fingerprint), sql.array("integer", position),
                sql.array("boolean", fullCatalog), sql.array("boolean", fullOffers), sql.array("text", keys),
                sql.array("text", reads), sql.array("text", merged), sql.array("bigint", processedItems)};
        try (PreparedStatement insert = sql.connection().prepareStatement(MENTION_LISTS + """
                INSERT INTO import_file_state AS t (path, fingerprint, position, full_catalog, full_offers, product_ids,
                    offer_ids, entity_keys, entity_reads, entity_merged, processed, updated_at)
                SELECT f.path, f.fingerprint, f.position, f.full_catalog, f.full_offers,
                    CASE WHEN f.full_catalog THEN COALESCE(p.ids, '{}') END,
                    CASE WHEN f.full_offers THEN COALESCE(o.ids, '{}') END,
                    string_to_array(f.keys, ',')::varchar[], COALESCE(string_to_array(f.reads, ',')::bigint[], '{}'),
                    COALESCE(string_to_array(f.merged, ',')::bigint[], '{}'), f.processed, now()
                FROM unnest(?::varchar[], ?::varchar[], ?::integer[], ?::boolean[], ?::boolean[], ?::text[], ?::text[],
                            ?::text[], ?::bigint[])
                     AS f(path, fingerprint, position, full_catalog, full_offers, keys, reads, merged, processed)
                LEFT JOIN p ON p.file = f.path LEFT JOIN o ON o.file = f.path
                ON CONFLICT (path) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, position = EXCLUDED.position,
                    full_catalog = EXCLUDED.full_catalog, full_offers = EXCLUDED.full_offers,
                    product_ids = EXCLUDED.product_ids, offer_ids = EXCLUDED.offer_ids, entity_keys = EXCLUDED.entity_keys,
                    entity_reads = EXCLUDED.entity_reads, entity_merged = EXCLUDED.entity_merged, processed = EXCLUDED.processed, updated_at = EXCLUDED.updated_at
                """)) {
            for (int i = 0; i < arrays.length; i++) {
                insert.setArray(i + 1, arrays[i]);
            }
            insert.executeUpdate();
        } finally {
            for (Array array : arrays) {
                array.free();
            }
        }
    }
}
