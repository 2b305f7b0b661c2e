package org.catalogimport.catalog;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.SectionInfo;
import org.catalogimport.commerceml.SectionKind;

/**
 * A full exchange ({@code СодержитТолькоИзменения="false"}) deactivates, at the end of the package,
 * the products or offers the catalog held before it and it did not mention; nothing is ever deleted. What the package mentions is
 * remembered in temporary tables that vanish with the transaction.
 *
 * <p>The guard: a partial export sent as full would deactivate most of the catalog (users of other
 * importers lost whole catalogs that way). Deactivating more than {@link DeactivationPolicy#maxShare()}
 * of the active products or offers refuses the whole import, unless it was started with an explicit
 * "allow mass deactivation".
 *
 * <p>Each mentioned Ид is kept with the file that mentioned it: {@link ImportedFiles} stores a
 * file's Ид, and when the next import skips that unchanged file they count as mentioned again.
 */
final class FullExchange {

    private final CatalogStatements sql;
    private final DeactivationPolicy policy;
    private final Seen seenProducts = new Seen();
    private final Seen seenOffers = new Seen();
    private final List<String> skippedFiles = new ArrayList<>();
    private String currentFile = "";
    private boolean catalogSectionIsFull;
    private boolean offersSectionIsFull;
    private boolean fullCatalog;
    private boolean fullOffers;
    private boolean tablesCreated;
    private boolean sortMemoryRaised;
    /** Whether the catalog held an active product, and an active offer, before this import wrote anything. */
    private boolean[] activeBefore;

    FullExchange(CatalogStatements sql, DeactivationPolicy policy) {
        this.sql = sql;
        this.policy = policy;
    }

    /** Ид of one kind mentioned since the last flush, each with its file. */
    private static final class Seen {
        final List<String> ids = new ArrayList<>();
        final List<String> files = new ArrayList<>();

        void add(String id, String file) {
            ids.add(id);
            files.add(file);
        }

        int size() {
            return ids.size();
        }

        boolean isEmpty() {
            return ids.isEmpty();
        }
    }

    /**
     * Asks, before the import's first write, whether the catalog holds any active product or offer.
     * why: when it holds none, a full exchange has nothing to deactivate (what it did not mention was
     * not in the catalog), and the guard's and the deactivation's anti-joins over every row the import
     * just wrote are skipped (~2 s of a 100k-product first import).
     */
    void beforeFirstWrite() throws SQLException {
        if (activeBefore == null) {
            long[] any = sql.longs("SELECT (SELECT count(*) FROM (SELECT 1 FROM product WHERE active LIMIT 1) p),"
                    + " (SELECT count(*) FROM (SELECT 1 FROM offer WHERE active LIMIT 1) o)");
            activeBefore = new boolean[] {any[0] > 0, any[1] > 0};
        }
    }

    void fileStarted(String file) {
        currentFile = file;
    }

    /** An unchanged file was skipped: what it mentioned (stored by an earlier import) counts as mentioned. */
    void fileSkipped(String file, boolean fullCatalogFile, boolean fullOffersFile) {
        fullCatalog |= fullCatalogFile;
        fullOffers |= fullOffersFile;
        if (fullCatalogFile || fullOffersFile) {
            skippedFiles.add(file);
        }
    }

    void section(SectionInfo section) {
        boolean full = !section.containsOnlyChanges();
        if (section.kind() == SectionKind.CATALOG) {
            catalogSectionIsFull = full;
            fullCatalog |= full;
        } else if (section.kind() == SectionKind.OFFERS_PACKAGE) {
            offersSectionIsFull = full;
            fullOffers |= full;
        } else if (section.kind() == SectionKind.OFFERS_CHANGES) {
            offersSectionIsFull = false;
        }
    }

    void product(String id) {
        if (catalogSectionIsFull) {
            seenProducts.add(id, currentFile);
        }
    }

    void offer(String id) {
        if (offersSectionIsFull) {
            seenOffers.add(id, currentFile);
        }
    }

    int buffered() {
        return Math.max(seenProducts.size(), seenOffers.size());
    }

    void flush() throws SQLException {
        if (seenProducts.isEmpty() && seenOffers.isEmpty()) {
            return;
        }
        createTables();
        insertSeen("import_seen_product", seenProducts);
        insertSeen("import_seen_offer", seenOffers);
    }

    /**
     * The Ид of the skipped files count as mentioned: copied from {@code import_file_state} only
     * now, at the end, because when nothing else was read they are not needed at all (see
     * {@link #deactivateUnmentioned(boolean)}).
     */
    private void addSeenOfSkippedFiles() throws SQLException {
        if (skippedFiles.isEmpty()) {
            return;
        }
        createTables();
        insertSeenOfSkippedFiles("import_seen_product", "product_ids");
        insertSeenOfSkippedFiles("import_seen_offer", "offer_ids");
        skippedFiles.clear();
    }

    /** Set-based: the Ид lists stay in PostgreSQL, nothing goes through the importer row by row. */
    private void insertSeenOfSkippedFiles(String table, String idsColumn) throws SQLException {
        try (PreparedStatement insert = sql.connection().prepareStatement("INSERT INTO " + table
                + " (external_id, file) SELECT unnest(" + idsColumn + "), path FROM import_file_state"
                + " WHERE path = ANY (?::varchar[]) AND " + idsColumn + " IS NOT NULL")) {
            insert.setArray(1, sql.array("varchar", skippedFiles.toArray(String[]::new)));
            insert.executeUpdate();
        }
    }

    /**
     * Makes the tables of mentioned Ид ready to be read whole: created, and the rest of the import's
     * transaction given at least 64 MB of sort memory (never less than it had), once. Why: with
     * PostgreSQL's default 4 MB, the ~40 MB of a 100k package's mentions are sorted on disk for
     * {@link ImportedFiles}' per-file lists and hashed on disk by the deactivation's anti-joins.
     * {@code set_config(..., true)} ends with the transaction.
     */
    void readyToReadMentions() throws SQLException {
        createTables();
        if (sortMemoryRaised) {
            return;
        }
        try (Statement statement = sql.connection().createStatement()) {
            statement.execute("SELECT set_config('work_mem', '64MB', true)"
                    + " WHERE pg_size_bytes(current_setting('work_mem')) < pg_size_bytes('64MB')");
        }
        sortMemoryRaised = true;
    }

    /**
     * Deactivates what a full exchange did not mention, after checking the guard for both tables.
     *
     * @param sameMentionsAsLastImport this import mentions exactly what the last committed import
     *        mentioned (it skipped every file of that import, or read some of them again and found the
     *        same Ид in them: {@link ImportedFiles#sameMentionsAsLastImport()}), and that import already
     *        deactivated everything else (any catalog write since then would have forgotten the file
     *        states, V9), so there is nothing to deactivate and the Ид lists need not be copied
     *        (on 100k products, UT 11, that copy and the two anti-joins were 5.7 of the 7.4 s of an
     *        unchanged re-import)
     */
    void deactivateUnmentioned(boolean sameMentionsAsLastImport) throws SQLException, CatalogWriteRefused {
        // null: never asked (nothing was flushed), so assume there was something to deactivate
        boolean fullCatalog = this.fullCatalog && (activeBefore == null || activeBefore[0]);
        boolean fullOffers = this.fullOffers && (activeBefore == null || activeBefore[1]);
        if (!fullCatalog && !fullOffers || sameMentionsAsLastImport) {
            return;
        }
        addSeenOfSkippedFiles();
        readyToReadMentions();
        // why: the anti-joins below must hash the mentions (the tables have no index); without
        // column statistics, which only ANALYZE gathers for a temporary table (autovacuum never
        // sees one), the planner guesses how many distinct Ид they hold
        sql.update("ANALYZE import_seen_product, import_seen_offer");
        String products = "FROM product p WHERE p.active AND NOT EXISTS"
                + " (SELECT 1 FROM import_seen_product s WHERE s.external_id = p.external_id)";
        String offers = "FROM offer o WHERE o.active AND NOT EXISTS"
                + " (SELECT 1 FROM import_seen_offer s WHERE s.external_id = o.external_id)";
        if (fullCatalog) {
            guard(WriteRefusal.MASS_DEACTIVATION_PRODUCTS, "product", products);
        }
        if (fullOffers) {
            guard(WriteRefusal.MASS_DEACTIVATION_OFFERS, "offer", offers);
        }
        if (fullCatalog) {
            sql.counts().deactivated(CatalogEntity.PRODUCTS, sql.update("UPDATE product SET active = false, updated_at = now()"
                    + " WHERE external_id IN (SELECT p.external_id " + products + ")"));
        }
        if (fullOffers) {
            sql.counts().deactivated(CatalogEntity.OFFERS, sql.update("UPDATE offer SET active = false, updated_at = now()"
                    + " WHERE external_id IN (SELECT o.external_id " + offers + ")"));
        }
    }

    private void guard(WriteRefusal refusal, String table, String unmentioned) throws SQLException, CatalogWriteRefused {
        long[] numbers = sql.longs("SELECT (SELECT count(*) FROM " + table + " WHERE active), (SELECT count(*) "
                + unmentioned + ")");
        long active = numbers[0];
        long wouldDeactivate = numbers[1];
        if (!policy.allowMassDeactivation() && wouldDeactivate > 0 && wouldDeactivate > policy.maxShare() * active) {
            throw new CatalogWriteRefused(refusal.with(wouldDeactivate, active, Math.round(policy.maxShare() * 100)));
        }
    }

    private void createTables() throws SQLException {
        if (tablesCreated) {
            return;
        }
        try (Statement statement = sql.connection().createStatement()) {
            // why the file: an Ид that two files mention belongs to both files' lists. Why no key: the
            // mentions are copied in as they come (an Ид a file repeats is there twice, read through
            // DISTINCT); with a key, each batch had to be inserted with ON CONFLICT, 4.8 s of a 100k
            // UT 11 first import's 631,524 mentions, where COPY into a plain table takes 0.7-0.8 s
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS import_seen_product (external_id varchar(100),"
                    + " file varchar(1000)) ON COMMIT DROP");
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS import_seen_offer (external_id varchar(201),"
                    + " file varchar(1000)) ON COMMIT DROP");
            // why: a caller may run two imports in one transaction; each starts with nothing seen.
            statement.execute("TRUNCATE import_seen_product, import_seen_offer");
        }
        tablesCreated = true;
    }

    private void insertSeen(String table, Seen seen) throws SQLException {
        if (seen.isEmpty()) {
            return;
        }
        CopyRows rows = new CopyRows();
        for (int i = 0; i < seen.size(); i++) {
            rows.add(seen.ids.get(i)).add(seen.files.get(i)).endRow();
        }
        rows.copyInto(sql.connection(), table + " (external_id, file)");
        seen.ids.clear();
        seen.files.clear();
    }
}
