package org.catalogimport.exchange;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.catalogimport.commerceml.GrowingZipUnpacker;
import org.catalogimport.commerceml.UnpackedZip;
import org.catalogimport.commerceml.ZipsUnpackedAhead;
import org.catalogimport.imports.ImportSettings;
import org.catalogimport.imports.NodeName;

/**
 * Unpacks a zip 1C sends while its parts arrive, so that the import 1C starts with its first
 * {@code import} call finds its pictures unpacked and its XML files checked and classified, to be
 * read in the zip ({@link GrowingZipUnpacker}). Why: on a small server, inflating 60 MB into 1 GB
 * of XML and writing it took seconds that the import would otherwise spend after the last part;
 * 1C waits for them.
 *
 * <p>The node that receives a zip's first part unpacks it, into {@code <import work dir>/ahead/},
 * on a thread of its own; nothing a call answers waits for it. The import asks for the files
 * ({@link #take}) and, on this node, helps with what the unpacking still has to do, from the zip's
 * last entry backwards ({@link GrowingZipUnpacker#helpFromTheEnd}), then waits for the rest, its
 * session answering {@code progress} meanwhile. An import that runs on another node, or a zip this
 * node did not see begin, is unpacked by the import as before; so is any zip this gives up on. It
 * never refuses a zip: a broken or hostile one is refused by the import, with the usual message.
 * A zip sent again from its start abandons the unpacking of the earlier bytes; files no import took
 * are deleted after {@link #KEEP}.
 */
@ApplicationScoped
public class ZipUnpackingAhead implements ZipsUnpackedAhead {

    private static final Logger LOG = Logger.getLogger(ZipUnpackingAhead.class.getName());
    /** Unpacked files no import took (it ran on another node, or never came) are deleted after this. */
    static final Duration KEEP = Duration.ofMinutes(10);
    /**
     * This node in folder names: without the process id NodeName may end with, so that a restarted
     * node recognises (and deletes) what it left, and with nothing a file name cannot hold.
     */
    private static final String NODE = NodeName.get().replaceFirst(":\\d+$", "").replaceAll("[^A-Za-z0-9._-]", "_");

    @Resource
    ManagedThreadFactory threads;

    @Inject
    ExchangeSettings settings;

    @Inject
    ImportSettings importSettings;

    /** The unpacking of each zip on this node, by its file (inode): a rename into a batch keeps it. */
    private final Map<Object, Unpacking> byFile = new ConcurrentHashMap<>();
    private volatile boolean leftoversDeleted;

    /** After a part of {@code name} was appended to {@code file}: its first part starts the unpacking. */
    void partAppended(long exchangeId, StagedName name, Path file, ChunkAppender.Appended appended) {
        if (!name.isZip() || !appended.beginsFile()) {
            return;
        }
        Object key = fileKey(file);
        if (key == null) {
            return;
        }
        Unpacking earlier = byFile.remove(key);
        if (earlier != null) {
            // why: the file is sent again from its start; what was unpacked of its earlier bytes is void
            earlier.abandon();
        }
        Path folder = aheadFolder().resolve(NODE + "-" + UUID.randomUUID());
        Unpacking unpacking = new Unpacking(key, "exchange " + exchangeId + ", " + name.relative(),
                new GrowingZipUnpacker(importSettings.readLimits(), file, folder, settings.idle()));
        byFile.put(key, unpacking);
        Thread thread = threads.newThread(unpacking::run);
        thread.setName("zip-ahead-" + exchangeId);
        thread.start();
    }

    @Override
    public Optional<UnpackedZip> take(Path zip, BooleanSupplier stop) {
        Object key = fileKey(zip);
        Unpacking unpacking = key == null ? null : byFile.remove(key);
        return unpacking == null ? Optional.empty() : unpacking.take(zip, stop);
    }

    @PreDestroy
    void stopAll() {
        byFile.values().forEach(Unpacking::abandon);
        byFile.clear();
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code <work dir>/ahead}; the first time on this node, without what an earlier run of it left. */
    private Path aheadFolder() {
        Path ahead = importSettings.workDir().resolve("ahead");
        if (!leftoversDeleted) {
            leftoversDeleted = true;
            try (Stream<Path> left = Files.list(ahead)) {
                left.filter(p -> p.getFileName().toString().startsWith(NODE + "-"))
                        .forEach(UnpackedZip::deleteLeftover);
            } catch (IOException nothingLeft) {
                // no folder yet
            }
        }
        return ahead;
    }

    /** One zip's unpacking: running, then done; taken by an import, or dropped. */
    private final class Unpacking {
        private final Object key;
        private final String what;
        private final GrowingZipUnpacker unpacker;
        private final long started = System.nanoTime();
        private boolean done;
        private boolean taken;
        private boolean dropped;
        private Optional<UnpackedZip> result = Optional.empty();

        Unpacking(Object key, String what, GrowingZipUnpacker unpacker) {
            this.key = key;
            this.what = what;
            this.unpacker = unpacker;
        }

        void run() {
            Optional<UnpackedZip> unpacked = unpacker.unpack();
            double seconds = (System.nanoTime() - started) / 1e9;
            LOG.info(() -> unpacked.isPresent()
                    ? String.format("Zip of %s unpacked while it was received (%.1f s after its first part)", what, seconds)
                    : "Zip of " + what + " not unpacked ahead (" + unpacker.gaveUpBecause() + "); its import unpacks it");
            synchronized (this) {
                done = true;
                result = unpacked;
                if (dropped) {
                    unpacked.ifPresent(UnpackedZip::delete);
                }
                notifyAll();
                if (unpacked.isEmpty()) {
                    // why: nothing to hand over; an import finding no entry unpacks the zip itself
                    byFile.remove(key, this);
                    return;
                }
                long deadline = System.nanoTime() + KEEP.toNanos();
                while (!taken && !dropped && System.nanoTime() < deadline) {
                    try {
                        wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                if (!taken && !dropped) {
                    dropped = true;
                    byFile.remove(key, this);
                    unpacked.ifPresent(UnpackedZip::delete);
                }
            }
        }

        /**
         * Helps the unpacking to its end (no part comes any more: {@code zip} is complete) and hands
         * its files over. Why help: the importing thread would only wait, and on a fast link the
         * inflating left after the last part is what 1C waits for.
         */
        Optional<UnpackedZip> take(Path zip, BooleanSupplier stop) {
            boolean finished;
            synchronized (this) {
                if (dropped) {
                    return Optional.empty();
                }
                taken = true;
                finished = done;
            }
            unpacker.lastPartArrived();
            int helped = finished ? 0 : unpacker.helpFromTheEnd(zip, stop);
            if (helped > 0) {
                LOG.info(() -> "Zip of " + what + ": its last " + helped + " entries unpacked by the import, from the end");
            }
            return handOver(stop);
        }

        private synchronized Optional<UnpackedZip> handOver(BooleanSupplier stop) {
            while (!done) {
                if (stop.getAsBoolean()) {
                    abandon();
                    return Optional.empty();
                }
                try {
                    wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    abandon();
                    return Optional.empty();
                }
            }
            notifyAll();
            return result;
        }

        synchronized void abandon() {
            unpacker.abandon();
            if (done && !dropped && !taken) {
                result.ifPresent(UnpackedZip::delete);
            }
            dropped = true;
            notifyAll();
        }
    }
}
