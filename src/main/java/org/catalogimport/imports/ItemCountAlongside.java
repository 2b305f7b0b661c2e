package org.catalogimport.imports;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.ExchangePackage;
import org.catalogimport.commerceml.PackageException;
import org.catalogimport.commerceml.PackageFile;

/**
 * Counts a package's items for the progress total on a thread of its own, while the import reads
 * the package. Why alongside and not first: counting parses every byte (about 2 s per gigabyte of
 * XML), and an import's reading is bound by the database's writes, so a core is idle beside it.
 * Counted first, every import waited for it; a zip 1C sent had it counted while its parts arrived,
 * where it competed for the cores with the upload and the unpacking that 1C waits for.
 *
 * <p>Files are counted in the order the import reads them, far ahead of it (counting is ten times
 * faster than importing), so the total is known a few seconds into the import; until then it is
 * unknown and the session's total stays 0. A file of a zip's unpacked copy may be deleted once read
 * only when the count has passed it ({@link #passed}). A file the count cannot read is left to the
 * import, which reads it too and reports what is wrong with it, with its place; the count then
 * gives no total.
 */
final class ItemCountAlongside implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ItemCountAlongside.class.getName());
    private static final long STOP_MILLIS = 10_000;

    private final List<PackageFile> files;
    private final BooleanSupplier stop;
    private final Thread thread;
    private volatile boolean closed;
    /** How many of the package's files, in reading order, the count is done with (or will never open). */
    private volatile int passed;
    /** The total once counted; why -1 for "not yet": 0 is a real count (a package of dictionaries only). */
    private volatile long total = -1;

    /**
     * Starts counting.
     *
     * @param threads   where the counting thread comes from: the container's managed factory in the server
     * @param cancelled says when the import was cancelled: the count stops too
     */
    ItemCountAlongside(ExchangePackage exchangePackage, ThreadFactory threads, BooleanSupplier cancelled) {
        this.files = exchangePackage.files();
        this.stop = () -> closed || cancelled.getAsBoolean();
        this.thread = threads.newThread(this::count);
        thread.setName("item-count");
        thread.start();
    }

    private void count() {
        CommerceMlReader reader = new CommerceMlReader();
        long items = 0;
        try {
            for (int position = 0; position < files.size(); position++) {
                items += reader.countItems(files.get(position), stop);
                if (stop.getAsBoolean()) {
                    return; // this file's count may be cut short: no total
                }
                passed = position + 1;
            }
            total = items;
        } catch (PackageException | RuntimeException e) {
            LOG.fine(() -> "Items not counted (the import reports the file): " + e.getMessage());
        } finally {
            // why: whatever the count did not open it never will; the import may delete it once read
            passed = files.size();
        }
    }

    /** The total, when counted by now. */
    OptionalLong total() {
        long counted = total;
        return counted < 0 ? OptionalLong.empty() : OptionalLong.of(counted);
    }

    /** Whether the count is done with the file at {@code position} of the package's files. */
    boolean passed(int position) {
        return position < passed;
    }

    /** Waits for the count to end (it normally has, long before the import's reading) and gives its total. */
    OptionalLong awaitTotal() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return total();
    }

    /** Stops a count that still runs and waits for its thread, which must not read files the import then deletes. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
