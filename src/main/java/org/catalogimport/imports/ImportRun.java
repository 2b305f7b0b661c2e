package org.catalogimport.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import org.catalogimport.catalog.CatalogWriteFailure;
import org.catalogimport.catalog.CatalogWriteRefused;
import org.catalogimport.catalog.CatalogWriter;
import org.catalogimport.catalog.DeactivationPolicy;
import org.catalogimport.catalog.FileFingerprint;
import org.catalogimport.catalog.FileState;
import org.catalogimport.catalog.UnchangedFiles;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.CatalogVisitor;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.ExchangePackage;
import org.catalogimport.commerceml.FileCensus;
import org.catalogimport.commerceml.GroupRecord;
import org.catalogimport.commerceml.ItemProblem;
import org.catalogimport.commerceml.OfferRecord;
import org.catalogimport.commerceml.PackageException;
import org.catalogimport.commerceml.PackageFile;
import org.catalogimport.commerceml.PriceTypeRecord;
import org.catalogimport.commerceml.ProductRecord;
import org.catalogimport.commerceml.PropertyRecord;
import org.catalogimport.commerceml.SectionInfo;
import org.catalogimport.commerceml.UnitRecord;
import org.catalogimport.commerceml.WarehouseRecord;

/**
 * One import in progress, as a pipeline: a parser thread reads the package's files and puts each
 * record into a bounded queue as a {@link Delivery}; the importing (transaction's) thread hands
 * each delivery to the {@link CatalogWriter}, the visitor that stores it. On the way it counts
 * processed items, and the parser thread checks each product's pictures ({@link ImportPictures}),
 * whose problems, like the reader's, go to the writer: one sink, which counts every problem and
 * reports it back here for the progress writer. Lives for one import; the counters and the problem
 * queue are also read by the progress ticker on another thread.
 */
final class ImportRun {

    private static final int QUEUE_CAPACITY = 4_096;
    static final long MAX_LISTED_PROBLEMS = 1_000_000;
    private static final long PARSER_STOP_MILLIS = 10_000;

    private final CatalogWriter writer;
    private final ExchangePackage exchangePackage;
    private final ImportPictures pictures;
    private final ThreadFactory threads;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong warnings = new AtomicLong();
    private final Queue<ItemProblem> pendingProblems = new ConcurrentLinkedQueue<>();
    private final Map<String, FileCensus.Unused> unused = new LinkedHashMap<>();
    private final List<FileCensus.Unread> unread = new ArrayList<>();
    private volatile boolean cancelled;

    /**
     * @param threads where the parser thread comes from: the container's managed thread factory
     *                in the application, any factory in tests and benchmarks
     */
    ImportRun(Connection connection, int batchSize, DeactivationPolicy policy, ExchangePackage exchangePackage,
              ImportPictures pictures, ThreadFactory threads) {
        this.threads = threads;
        this.writer = new CatalogWriter(connection, batchSize, policy, this::report);
        this.exchangePackage = exchangePackage;
        this.pictures = pictures;
    }

    /** Thrown on the importing thread when an administrator cancelled the import. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** Asks the import to stop before the next record (called from the progress ticker's thread). */
    void cancel() {
        cancelled = true;
    }

    /** What the parser thread puts into the queue: one step for the importing thread to take. */
    @FunctionalInterface
    private interface Delivery {
        void to(CatalogWriter writer) throws SQLException;
    }

    /** The last delivery of a package, or of a package that could not be read to its end. */
    private record End(PackageException failure) implements Delivery {
        @Override
        public void to(CatalogWriter writer) {
        }
    }

    /**
     * Reads every file of the package, in its dependency order, into the catalog, then applies the
     * end-of-package work. The caller owns the transaction around it.
     *
     * <p>Parsing runs on a thread of its own and hands records over through a bounded queue, while
     * this (the transaction's) thread writes them: reading 1 GB of XML then overlaps with the
     * database work instead of adding to it. The queue bounds the memory in between.
     */
    void importAll(CommerceMlReader reader) throws PackageException, SQLException, CatalogWriteRefused {
        importAll(reader, position -> true);
    }

    /**
     * The same, deleting a file of a zip's unpacked copy once read only when {@code othersDoneWith}
     * says that nothing else reads it any more (the item count alongside, {@link ItemCountAlongside});
     * the others go with the whole copy at the end.
     */
    void importAll(CommerceMlReader reader, IntPredicate othersDoneWith)
            throws PackageException, SQLException, CatalogWriteRefused {
        BlockingQueue<Delivery> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        UnchangedFiles unchanged = new UnchangedFiles(writer.loadFileStates(processed::get));
        Thread parser = threads.newThread(() -> parse(reader, queue, unchanged, othersDoneWith));
        parser.setName("commerceml-parser");
        parser.start();
        try {
            for (Delivery delivery = queue.take(); !(delivery instanceof End end); delivery = queue.take()) {
                if (cancelled) {
                    throw new Cancelled();
                }
                delivery.to(writer);
            }
            if (end.failure() != null) {
                throw end.failure();
            }
            writer.finish();
        } catch (CatalogWriteFailure e) {
            throw e.sqlException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while importing", e);
        } finally {
            parser.interrupt();
            awaitEnd(parser);
        }
    }

    /**
     * Why wait for the parser: it stages pictures, and a failed import discards the staging folder
     * right after this returns. Interrupted, the parser stops at its next record.
     */
    private static void awaitEnd(Thread parser) {
        try {
            parser.join(PARSER_STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The parser thread: every record goes into the queue, in order; then the end, with the failure
     * if there was one. A file the last import read unchanged is not parsed at all
     * ({@link UnchangedFiles}): a skip goes into the queue instead of its records. Only a file that
     * could be skipped is fingerprinted before it is read, to decide; every file read is
     * fingerprinted while it is parsed, so that a file is read once, and the fingerprint remembered
     * is that of the bytes parsed (a file replaced between the two reads is not taken for the first).
     */
    private void parse(CommerceMlReader reader, BlockingQueue<Delivery> queue, UnchangedFiles unchanged,
                       IntPredicate othersDoneWith) {
        Deliveries deliveries = new Deliveries(queue);
        List<Integer> readNotDeleted = new ArrayList<>();
        try {
            List<PackageFile> files = exchangePackage.files();
            for (int position = 0; position < files.size(); position++) {
                PackageFile file = files.get(position);
                String fingerprint = unchanged.couldBeSkipped(file, position)
                        ? FileFingerprint.of(file).orElse(null) : null;
                Optional<FileState> skippable = unchanged.skippable(file, fingerprint, position);
                if (skippable.isPresent()) {
                    FileState state = skippable.get();
                    put(queue, writer -> {
                        processed.addAndGet(state.processed());
                        writer.fileSkipped(state);
                    });
                } else {
                    int at = position;
                    put(queue, writer -> writer.fileStarted(file.relativeName(), at));
                    deliveries.file = file;
                    read(reader, file, deliveries, queue);
                }
                // why a list: the import may get ahead of the count (files skipped as unchanged)
                readNotDeleted.add(position);
                deleteReadCopies(readNotDeleted, files, othersDoneWith);
            }
            put(queue, new End(null));
        } catch (Stopped stopped) {
            // the importing thread gave up (failure or shutdown): nobody reads the queue any more
        } catch (PackageException e) {
            put(queue, new End(e));
        } catch (RuntimeException e) {
            put(queue, new End(new PackageException(ImportMessage.PACKAGE_UNREADABLE.with(e), e)));
        }
    }

    /** Reads a file, taking its fingerprint on the way. */
    private void read(CommerceMlReader reader, PackageFile file, Deliveries deliveries, BlockingQueue<Delivery> queue)
            throws PackageException {
        FileFingerprint.WhileRead taking = new FileFingerprint.WhileRead();
        reader.read(file, deliveries, taking);
        // why it may be empty: a file not read to its end is remembered without one, and read again next time
        taking.fingerprint().ifPresent(taken -> put(queue, writer -> writer.fileFingerprinted(file.relativeName(), taken)));
    }

    /**
     * Deletes the files of a zip's unpacked copy read (or skipped) so far that nothing else reads any
     * more ({@code othersDoneWith}: the item count alongside); the others stay listed for the next call.
     * Nothing reads a deleted file again,
     * and a zip is unpacked anew for any later import. Why not at the end with the rest: the kernel
     * writes an unpacked gigabyte back to disk some seconds after it was written, in the middle of
     * the import, where it competed with PostgreSQL's own writes (the exchange benchmark read and
     * wrote 2.1–2.6 s longer than the folder import of the same package; with the copy on a tmpfs,
     * as long); a file deleted before that is never written at all.
     */
    private void deleteReadCopies(List<Integer> read, List<PackageFile> files, IntPredicate othersDoneWith) {
        if (!exchangePackage.unpackedCopy()) {
            read.clear();
            return;
        }
        for (Iterator<Integer> positions = read.iterator(); positions.hasNext(); ) {
            int position = positions.next();
            if (othersDoneWith.test(position)) {
                try {
                    // a file read in its zip (ZippedXml) has no copy on disk: nothing to delete
                    Files.deleteIfExists(files.get(position).path());
                } catch (IOException e) {
                    // left to the clean-up of the whole copy at the end of the import
                }
                positions.remove();
            }
        }
    }

    /** The reader's visitor on the parser thread: each record becomes a delivery to the writer. */
    private final class Deliveries implements CatalogVisitor {
        private final BlockingQueue<Delivery> queue;
        private PackageFile file;

        Deliveries(BlockingQueue<Delivery> queue) {
            this.queue = queue;
        }

        @Override public void section(SectionInfo section) { put(queue, writer -> writer.section(section)); }
        @Override public void group(GroupRecord group) { put(queue, writer -> writer.group(group)); }
        @Override public void property(PropertyRecord property) { put(queue, writer -> writer.property(property)); }
        @Override public void priceType(PriceTypeRecord priceType) { put(queue, writer -> writer.priceType(priceType)); }
        @Override public void warehouse(WarehouseRecord warehouse) { put(queue, writer -> writer.warehouse(warehouse)); }
        @Override public void unit(UnitRecord unit) { put(queue, writer -> writer.unit(unit)); }
        @Override public void problem(ItemProblem problem) { put(queue, writer -> writer.problem(problem)); }

        /** Its pictures are checked here, off the writing thread; a missing one is a warning, the product is stored. */
        @Override
        public void product(ProductRecord product) {
            for (String image : product.images()) {
                pictures.check(exchangePackage, file, image).ifPresent(reason -> problem(
                        ItemProblem.warning(CatalogEntity.PRODUCTS, product.id(), product.location(), reason)));
            }
            put(queue, writer -> {
                processed.incrementAndGet();
                writer.product(product);
            });
        }

        @Override
        public void offer(OfferRecord offer) {
            put(queue, writer -> {
                processed.incrementAndGet();
                writer.offer(offer);
            });
        }

        /**
         * A file's census: its item elements that were not read become problems (through the
         * writer); the elements passed over as unknown or unused are listed once per import, by path.
         */
        @Override
        public void census(FileCensus census) {
            put(queue, writer -> {
                writer.census(census);
                unread.addAll(census.unread());
                for (FileCensus.Unused element : census.unused()) {
                    unused.merge(element.path(), element, (first, more) ->
                            new FileCensus.Unused(first.path(), first.count() + more.count(), first.first()));
                }
            });
        }
    }

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private static void put(BlockingQueue<Delivery> queue, Delivery delivery) {
        try {
            queue.put(delivery);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    CatalogWriter writer() {
        return writer;
    }

    ImportCounts counts() {
        return new ImportCounts(processed.get(), skipped.get(), warnings.get());
    }

    long processed() {
        return processed.get();
    }

    /** Problems reported since the last call, for the progress writer. */
    List<ItemProblem> drainProblems() {
        List<ItemProblem> drained = new ArrayList<>();
        ItemProblem problem;
        while ((problem = pendingProblems.poll()) != null) {
            drained.add(problem);
        }
        return drained;
    }

    /** Item elements no reader read, by file and path, over all files read. */
    List<FileCensus.Unread> unreadElements() {
        return List.copyOf(unread);
    }

    /** Elements no reader kept, by path, over all files read: for the change report. */
    List<FileCensus.Unused> unusedElements() {
        return List.copyOf(unused.values());
    }

    /** The one sink's report: every problem of the import, counted and (up to a million) queued for the progress writer. */
    private void report(ItemProblem problem) {
        long number = (problem.isSkipped() ? skipped : warnings).incrementAndGet();
        // why a cap: a package broken in every item must not fill the problems table without end;
        // beyond it, problems are still counted (and the change report says where).
        if (number <= MAX_LISTED_PROBLEMS) {
            pendingProblems.add(problem);
        }
    }
}
