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
 * Classifies the XML files of a zip while the zip is still being unpacked, on a thread of its own,
 * so that the import finds each file's place in the processing order ready. Classifying reads a
 * file's head only (its dictionaries, its first product or offers), while it is still in the page
 * cache.
 *
 * <p>Why it does not count the items too, as it once did: counting parses every byte, and on a
 * small server that competed for the cores with the upload and the unpacking, both of which 1C
 * waits for; the import counts alongside its own reading instead, where a core is idle
 * ({@code imports.ItemCountAlongside}).
 *
 * <p>The unpacking thread hands over each file once it is written and closed; nothing waits for the
 * scan but {@link #finish}. The queue holds names only, so memory stays flat for any zip.
 */
final class UnpackedFilesScan implements AutoCloseable {

    private record Unpacked(String name, Path path) {
    }

    private static final Unpacked END = new Unpacked("", null);

    private final BlockingQueue<Unpacked> queue = new LinkedBlockingQueue<>();
    private final Map<String, FileClassifier.Classification> classified = new HashMap<>();
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
     * @return each XML file's classification by its relative name
     * @throws PackageException the first file the scan could not read, as the import would report it
     */
    Map<String, FileClassifier.Classification> finish() throws PackageException {
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
        return classified;
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
        try {
            for (Unpacked file = queue.take(); file != END; file = queue.take()) {
                if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    return;
                }
                classified.put(file.name(), classifier.classify(file.path(), file.name()));
            }
        } catch (InterruptedException e) {
            // close(): the unpacking failed and reports why; nothing to add
        } catch (PackageException | RuntimeException e) {
            failure = e;
        }
    }
}
