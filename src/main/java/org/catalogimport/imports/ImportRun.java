package org.catalogimport.imports;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.sql.Connection;
import java.util.concurrent.ThreadFactory;
import org.catalogimport.catalog.CatalogWriteRefused;
import org.catalogimport.catalog.CatalogWriter;
import org.catalogimport.catalog.DeactivationPolicy;
import org.catalogimport.catalog.FileFingerprint;
import org.catalogimport.catalog.FileState;
import org.catalogimport.catalog.UnchangedFiles;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.CatalogVisitor;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.PackageException;
import org.catalogimport.commerceml.ExchangePackage;
import org.catalogimport.commerceml.FileCensus;
import org.catalogimport.commerceml.GroupRecord;
import org.catalogimport.commerceml.ItemProblem;
import org.catalogimport.commerceml.OfferRecord;
import org.catalogimport.commerceml.PackageFile;
import org.catalogimport.commerceml.PriceTypeRecord;
import org.catalogimport.commerceml.ProductRecord;
import org.catalogimport.commerceml.PropertyRecord;
import org.catalogimport.commerceml.SectionInfo;
import org.catalogimport.commerceml.UnitRecord;
import org.catalogimport.commerceml.WarehouseRecord;

/**
 * One import in progress: passes the records read from the package to the catalog writer, counts
 * processed items, skipped items and warnings, collects problems for the progress writer, and
 * hands the product pictures to {@link ImportPictures}. Lives for one import, on the importing thread; the counters and the failure
 * queue are also read by the progress ticker on another thread.
 */
final class ImportRun implements CatalogVisitor {

    private final CatalogWriter writer;
    private final ExchangePackage exchangePackage;
    private final ImportPictures pictures;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong warnings = new AtomicLong();
    private final Queue<ItemProblem> pendingProblems = new ConcurrentLinkedQueue<>();
    private PackageFile currentFile;
    private final Map<String, FileCensus.Unused> unused = new LinkedHashMap<>();
    private final List<FileCensus.Unread> unread = new ArrayList<>();

    private final ThreadFactory threads;

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

    private volatile boolean cancelled;

    /** Asks the import to stop before the next record (called from the progress ticker's thread). */
    void cancel() {
        cancelled = true;
    }

    /** Thrown through the reader when a database write fails; the importer unwraps it. */
    static final class WriteFailure extends RuntimeException {
        WriteFailure(SQLException cause) {
            super(cause);
        }

        SQLException sqlException() {
            return (SQLException) getCause();
        }
    }

    @FunctionalInterface
    private interface Write {
        void run() throws SQLException;
    }

    private static void write(Write write) {
        try {
            write.run();
        } catch (SQLException e) {
            throw new WriteFailure(e);
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
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        UnchangedFiles unchanged = new UnchangedFiles(writer.loadFileStates(processed::get));
        Thread parser = threads.newThread(() -> parse(reader, queue, unchanged));
        parser.setName("commerceml-parser");
        parser.start();
        try {
            while (true) {
                Object event = queue.take();
                if (event == END) {
                    break;
                }
                if (event instanceof ParseFailure failure) {
                    throw failure.exception();
                }
                if (cancelled) {
                    throw new Cancelled();
                }
                dispatch(event);
            }
            writer.finish();
        } catch (WriteFailure e) {
            throw e.sqlException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while importing", e);
        } finally {
            parser.interrupt();
        }
    }

    private static final int QUEUE_CAPACITY = 4_096;
    private static final Object END = new Object();

    private record ParseFailure(PackageException exception) {
    }

    private record FileStart(PackageFile file, String fingerprint, int position) {
    }

    private record FileSkipped(FileState state) {
    }

    /**
     * The parser thread: every record goes into the queue, in order; then END or the failure. A file
     * the last import read unchanged is not parsed at all ({@link UnchangedFiles}): a skip goes into
     * the queue instead of its records.
     */
    private void parse(CommerceMlReader reader, BlockingQueue<Object> queue, UnchangedFiles unchanged) {
        CatalogVisitor enqueue = new CatalogVisitor() {
            @Override public void section(SectionInfo section) { put(queue, section); }
            @Override public void group(GroupRecord group) { put(queue, group); }
            @Override public void property(PropertyRecord property) { put(queue, property); }
            @Override public void priceType(PriceTypeRecord priceType) { put(queue, priceType); }
            @Override public void warehouse(WarehouseRecord warehouse) { put(queue, warehouse); }
            @Override public void unit(UnitRecord unit) { put(queue, unit); }
            @Override public void product(ProductRecord product) { put(queue, product); }
            @Override public void offer(OfferRecord offer) { put(queue, offer); }
            @Override public void problem(ItemProblem problem) { put(queue, problem); }
            @Override public void census(FileCensus census) { put(queue, census); }
        };
        try {
            List<PackageFile> files = exchangePackage.files();
            for (int position = 0; position < files.size(); position++) {
                PackageFile file = files.get(position);
                String fingerprint = FileFingerprint.of(file.path()).orElse(null);
                Optional<FileState> skippable = unchanged.skippable(file, fingerprint, position);
                if (skippable.isPresent()) {
                    put(queue, new FileSkipped(skippable.get()));
                    continue;
                }
                put(queue, new FileStart(file, fingerprint, position));
                reader.read(file, enqueue);
            }
            put(queue, END);
        } catch (Stopped stopped) {
            // the importing thread gave up (failure or shutdown): nobody reads the queue any more
        } catch (PackageException e) {
            put(queue, new ParseFailure(e));
        } catch (RuntimeException e) {
            put(queue, new ParseFailure(new PackageException(ImportMessage.PACKAGE_UNREADABLE.with(e), e)));
        }
    }

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private static void put(BlockingQueue<Object> queue, Object event) {
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    private void dispatch(Object event) {
        if (event instanceof FileStart start) {
            currentFile = start.file();
            writer.fileStarted(start.file().relativeName(), start.fingerprint(), start.position());
        } else if (event instanceof FileSkipped skip) {
            currentFile = null;
            processed.addAndGet(skip.state().processed());
            write(() -> writer.fileSkipped(skip.state()));
        } else if (event instanceof SectionInfo section) {
            section(section);
        } else if (event instanceof GroupRecord group) {
            group(group);
        } else if (event instanceof PropertyRecord property) {
            property(property);
        } else if (event instanceof PriceTypeRecord priceType) {
            priceType(priceType);
        } else if (event instanceof WarehouseRecord warehouse) {
            warehouse(warehouse);
        } else if (event instanceof UnitRecord unit) {
            unit(unit);
        } else if (event instanceof ProductRecord product) {
            product(product);
        } else if (event instanceof OfferRecord offer) {
            offer(offer);
        } else if (event instanceof ItemProblem problem) {
            problem(problem);
        } else if (event instanceof FileCensus census) {
            census(census);
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

    @Override
    public void section(SectionInfo section) {
        writer.section(section);
    }

    @Override
    public void group(GroupRecord group) {
        write(() -> writer.group(group));
    }

    @Override
    public void property(PropertyRecord property) {
        write(() -> writer.property(property));
    }

    @Override
    public void priceType(PriceTypeRecord priceType) {
        write(() -> writer.priceType(priceType));
    }

    @Override
    public void warehouse(WarehouseRecord warehouse) {
        write(() -> writer.warehouse(warehouse));
    }

    @Override
    public void unit(UnitRecord unit) {
        write(() -> writer.unit(unit));
    }

    @Override
    public void product(ProductRecord product) {
        processed.incrementAndGet();
        for (String image : product.images()) {
            // a missing or refused picture is a warning on the product (stored without it), not the import's failure
            pictures.check(exchangePackage, currentFile, image).ifPresent(reason ->
                    problem(ItemProblem.warning(CatalogEntity.PRODUCTS, product.id(), product.location(), reason)));
        }
        write(() -> writer.product(product));
    }

    @Override
    public void offer(OfferRecord offer) {
        processed.incrementAndGet();
        write(() -> writer.offer(offer));
    }

    /**
     * A file's census: its item elements that were not read become problems (through the writer);
     * the elements passed over as unknown or unused are listed once per import, by path.
     */
    @Override
    public void census(FileCensus census) {
        writer.census(census);
        unread.addAll(census.unread());
        for (FileCensus.Unused element : census.unused()) {
            unused.merge(element.path(), element, (first, more) ->
                    new FileCensus.Unused(first.path(), first.count() + more.count(), first.first()));
        }
    }

    /** Item elements no reader read, by file and path, over all files read. */
    List<FileCensus.Unread> unreadElements() {
        return List.copyOf(unread);
    }

    /** Elements no reader kept, by path, over all files read: for the change report. */
    List<FileCensus.Unused> unusedElements() {
        return List.copyOf(unused.values());
    }

    /** A problem the reader found: the writer counts it, then it comes back through {@link #report}. */
    @Override
    public void problem(ItemProblem problem) {
        writer.problem(problem);
    }

    /** Every problem of the import, counted and (up to a million) queued for the progress writer. */
    private void report(ItemProblem problem) {
        long number = (problem.isSkipped() ? skipped : warnings).incrementAndGet();
        // why a cap: a package broken in every item must not fill the problems table without end;
        // beyond it, problems are still counted (and the change report says where).
        if (number <= MAX_LISTED_PROBLEMS) {
            pendingProblems.add(problem);
        }
    }

    static final long MAX_LISTED_PROBLEMS = 1_000_000;
}
