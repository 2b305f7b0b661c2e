package org.catalogimport.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.CatalogVisitor;
import org.catalogimport.commerceml.FileCensus;
import org.catalogimport.commerceml.ReadProblem;
import org.catalogimport.commerceml.GroupRecord;
import org.catalogimport.commerceml.ItemProblem;
import org.catalogimport.commerceml.Location;
import org.catalogimport.commerceml.OfferRecord;
import org.catalogimport.commerceml.PriceTypeRecord;
import org.catalogimport.commerceml.ProductRecord;
import org.catalogimport.commerceml.PropertyRecord;
import org.catalogimport.commerceml.SectionInfo;
import org.catalogimport.commerceml.UnitRecord;
import org.catalogimport.commerceml.WarehouseRecord;

/**
 * Writes catalog records to PostgreSQL in batches, keyed by their 1C Ид, and keeps the import's
 * one rule: <b>every item read is stored, or reported with the reason it was not</b>.
 *
 * <p>Records are buffered per entity ({@link DictionaryWriter}, {@link ProductWriter},
 * {@link OfferWriter}, {@link OfferRowWriter}). Per batch, one query reads what the catalog holds for
 * the batch's keys ({@link BatchChanges}): new rows go in with one {@code COPY} ({@link CopyRows}),
 * changed rows with one {@code INSERT ... SELECT FROM unnest(arrays) ... ON CONFLICT DO UPDATE},
 * and rows whose content did not change are not written. Buffers
 * are always flushed in dependency order (dictionaries, products, offers, prices, stock), so a
 * reference to something sent earlier in the package is always found. Unknown references keep the
 * data where it can be kept (see the entity writers); what cannot be stored is reported and counted
 * as skipped, and {@link EntityCounts} checks at the end that every item read is accounted for.
 *
 * <p>All writes use one connection inside the caller's transaction; {@link #finish()} applies the
 * end-of-package work and refuses the commit ({@link CatalogWriteRefused}) when the accounting does
 * not add up or a full exchange would deactivate too much.
 */
public final class CatalogWriter implements CatalogVisitor {

    public static final int DEFAULT_BATCH_SIZE = 2_000;

    private final int batchSize;
    private final EntityCounts counts = new EntityCounts();
    private final CatalogStatements sql;
    private final DictionaryWriter dictionaries;
    private final ProductWriter products;
    private final OfferWriter offers;
    private final FullExchange fullExchange;
    private final PlannerStatistics statistics;
    /** Null unless the caller tracks package files ({@link #loadFileStates}). */
    private ImportedFiles files;

    /**
     * @param problems where skipped items and warnings go (the writer counts them itself)
     */
    public CatalogWriter(Connection connection, int batchSize, DeactivationPolicy policy, Consumer<ItemProblem> problems) {
        this.batchSize = batchSize;
        this.sql = new CatalogStatements(connection, counts, problem -> {
            if (files != null) {
                files.problem(problem);
            }
            problems.accept(problem);
        });
        this.dictionaries = new DictionaryWriter(sql);
        this.products = new ProductWriter(sql);
        this.offers = new OfferWriter(sql, dictionaries);
        this.fullExchange = new FullExchange(sql, policy);
        this.statistics = new PlannerStatistics(sql);
    }

    public CatalogWriter(Connection connection, int batchSize, Consumer<ItemProblem> problems) {
        this(connection, batchSize, DeactivationPolicy.DEFAULT, problems);
    }

    public EntityCounts counts() {
        return counts;
    }

    // ---- package files -----------------------------------------------------------------------

    /**
     * Starts tracking the package's files, so unchanged ones can be skipped now and next time
     * ({@link ImportedFiles}); returns what the last committed import stored about its files.
     * Locks {@code import_file_state} for this transaction.
     *
     * @param processed the caller's count of products and offers read, for the progress counter
     */
    public Map<String, FileState> loadFileStates(LongSupplier processed) throws SQLException {
        files = new ImportedFiles(sql, fullExchange, processed);
        return files.load();
    }

    /** The next records come from this file; its fingerprint follows them ({@link #fileFingerprinted}). */
    public void fileStarted(String path, int position) {
        files.started(path, position);
    }

    /**
     * The fingerprint of the file started last, taken while it was read to its end; a file read
     * without one is not remembered (it is read again next time).
     */
    public void fileFingerprinted(String path, String fingerprint) {
        files.fingerprinted(path, fingerprint);
    }

    /** This unchanged file is not read: its items count as read and unchanged, its Ид as mentioned. */
    public void fileSkipped(FileState state) throws SQLException {
        files.skipped(state);
        flushIfFull();
    }

    // ---- receiving records -------------------------------------------------------------------

    @Override
    public void section(SectionInfo section) {
        fullExchange.section(section);
        if (files != null) {
            files.section(section);
        }
    }

    @Override
    public void group(GroupRecord group) {
        dictionaries.group(group);
        flushWhenFull();
    }

    @Override
    public void property(PropertyRecord property) {
        dictionaries.property(property);
        flushWhenFull();
    }

    @Override
    public void priceType(PriceTypeRecord priceType) {
        dictionaries.priceType(priceType);
        flushWhenFull();
    }

    @Override
    public void warehouse(WarehouseRecord warehouse) {
        dictionaries.warehouse(warehouse);
        flushWhenFull();
    }

    @Override
    public void unit(UnitRecord unit) {
        dictionaries.unit(unit);
        flushWhenFull();
    }

    @Override
    public void product(ProductRecord product) {
        products.product(product);
        fullExchange.product(product.id());
        flushWhenFull();
    }

    @Override
    public void offer(OfferRecord offer) {
        offers.offer(offer);
        fullExchange.offer(offer.id());
        flushWhenFull();
    }

    /**
     * A problem found before the writer (by the reader, or a missing picture): counted (a skipped
     * item was read too), then reported.
     */
    @Override
    public void problem(ItemProblem problem) {
        if (problem.isSkipped()) {
            counts.read(problem.entity(), 1);
            sql.skip(problem.entity(), problem.itemId(), location(problem), problem.text());
        } else {
            sql.warn(problem.entity(), problem.itemId(), location(problem), problem.text());
        }
    }

    /** A file was read to its end: what it holds where no reader looks is counted and reported, once per place. */
    @Override
    public void census(FileCensus census) {
        for (FileCensus.Unread unread : census.unread()) {
            sql.notRead(unread.entity(), unread.count(), unread.first(),
                    ReadProblem.ITEMS_NOT_READ.with(unread.count(), unread.element(), unread.path()));
        }
    }

    private static Location location(ItemProblem problem) {
        return problem.file() == null ? null : new Location(problem.file(), problem.line());
    }

    // ---- flushing ----------------------------------------------------------------------------

    /** {@link #flushIfFull} for the visitor's methods, which cannot throw {@link SQLException}. */
    private void flushWhenFull() {
        try {
            flushIfFull();
        } catch (SQLException e) {
            throw new CatalogWriteFailure(e);
        }
    }

    private void flushIfFull() throws SQLException {
        if (dictionaries.buffered() >= batchSize || products.buffered() >= batchSize
                || offers.buffered() >= batchSize || fullExchange.buffered() >= batchSize * 10) {
            flush();
        }
    }

    /** Writes every buffer, in dependency order, then keeps the planner's estimates in step ({@link PlannerStatistics}). */
    public void flush() throws SQLException {
        fullExchange.beforeFirstWrite();
        dictionaries.flush();
        products.flush();
        offers.flush();
        fullExchange.flush();
        statistics.afterFlush();
    }

    /** How many times this import analyzed a catalog table (see {@link PlannerStatistics}). */
    public int analyzeRuns() {
        return statistics.analyzeRuns();
    }

    /**
     * Flushes, warns about what is still unknown, deactivates what a full exchange did not mention,
     * and checks the accounting rule.
     *
     * @throws CatalogWriteRefused when the import must not commit: its message says why
     */
    public void finish() throws SQLException, CatalogWriteRefused {
        flush();
        try (PreparedStatement orphans = sql.connection().prepareStatement(
                "WITH orphan AS (SELECT c.external_id, c.parent_id FROM catalog_group c WHERE c.parent_id IS NOT NULL"
                        + " AND NOT EXISTS (SELECT 1 FROM catalog_group p WHERE p.external_id = c.parent_id))"
                        + " UPDATE catalog_group g SET parent_id = NULL FROM orphan o WHERE g.external_id = o.external_id"
                        + " RETURNING g.external_id, o.parent_id");
             ResultSet rows = orphans.executeQuery()) {
            while (rows.next()) {
                sql.warn(CatalogEntity.GROUPS, rows.getString(1), null, WriteProblem.PARENT_GROUP_UNKNOWN.with(rows.getString(2)));
            }
        }
        products.warnAboutUnknownGroups();
        fullExchange.deactivateUnmentioned(files != null && (files.sameFilesAsLastImport() || files.sameMentionsAsLastImport()));
        var imbalance = counts.imbalance();
        if (imbalance.isPresent()) {
            throw new CatalogWriteRefused(imbalance.get());
        }
        if (files != null) {
            files.save();
        }
    }
}
