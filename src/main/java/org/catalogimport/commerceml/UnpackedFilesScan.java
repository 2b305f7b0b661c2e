package org.catalogimport.commerceml;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;

/**
 * Classifies the XML files of a zip and counts their items while the zip is still being unpacked,
 * on a thread of its own. Why: unpacking (inflating, writing) and counting (parsing) each keep one
 * core busy, so side by side a zip costs about the longer of the two before its import reads, where
 * one after the other it cost their sum; and each file is read back while it is still in the page
 * cache. The count is the one {@link CommerceMlReader#countItems} makes, file by file.
 *
 * <p>The unpacking thread hands over each file once it is written and closed; nothing waits for the
 * scan but {@link #finish}. The queue holds names only, so memory stays flat for any zip.
 */
final class UnpackedFilesScan implements AutoCloseable {

    /** A file as the scan saw it: what it carries and, when it carries items, how many. */
    record Scanned(FileClassifier.Classification kind, long items) {
    }

    private record Unpacked(String name, Path path) {
    }

    private static final Unpacked END = new Unpacked("", null);

    private final BlockingQueue<Unpacked> queue = new LinkedBlockingQueue<>();
    private final Map<String, Scanned> scanned = new HashMap<>();
    private final BooleanSupplier stop;
    private final Thread thread;
    private volatile Exception failure;
    private boolean finished;

    /**
     * @param threads where the scanning thread comes from (the container's managed factory in the server)
     * @param stop    says when to give up (a cancelled import): the files left are then not scanned
     */
    UnpackedFilesScan(ThreadFactory threads, BooleanSupplier stop) {
        this.stop = stop;
        this.thread = threads.newThread(this::scan);
        thread.setName("zip-scan");
        thread.start();
    }

    /** Called on the unpacking thread once {@code file} is complete on disk; {@code name} relative, with '/'. */
    void unpacked(String name, Path file) {
        if (name.toLowerCase(Locale.ROOT).endsWith(".xml")) {
            queue.add(new Unpacked(name, file));
        }
    }

    /**
     * Waits until every file handed over is scanned.
     *
     * @return each XML file by its relative name
     * @throws PackageException the first file the scan could not read, as the import would report it
     */
    Map<String, Scanned> finish() throws PackageException {
        queue.add(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the unpacked files were scanned", e);
        }
        finished = true;
        if (failure instanceof PackageException refused) {
            throw refused;
        }
        if (failure instanceof RuntimeException unexpected) {
            throw unexpected;
        }
        return scanned;
    }

    /** Stops a scan that was not finished (the unpacking failed): its thread must not outlive the import. */
    @Override
    public void close() {
        if (!finished) {
            thread.interrupt();
            queue.add(END);
        }
    }

    private void scan() {
        XmlParsers parsers = new XmlParsers();
        FileClassifier classifier = new FileClassifier(parsers);
        ItemCounter counter = new ItemCounter(parsers);
        try {
            for (Unpacked file = queue.take(); file != END; file = queue.take()) {
                if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    return;
                }
                FileClassifier.Classification kind = classifier.classify(file.path(), file.name());
                long items = kind.commerceMl() && ItemCounter.carriesItems(kind.contents())
                        ? counter.count(new PackageFile(file.path(), file.name(), kind.contents()), stop) : 0;
                if (stop.getAsBoolean()) {
                    return; // the count of this file may be cut short: leave it out
                }
                scanned.put(file.name(), new Scanned(kind, items));
            }
        } catch (InterruptedException e) {
            // close(): the unpacking failed and reports why; nothing to add
        } catch (PackageException | RuntimeException e) {
            failure = e;
        }
    }
}
