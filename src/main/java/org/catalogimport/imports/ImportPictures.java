package org.catalogimport.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.catalogimport.catalog.media.MediaFiles;
import org.catalogimport.catalog.media.MediaFolder;
import org.catalogimport.catalog.media.PictureCounts;
import org.catalogimport.catalog.media.PictureSignature;
import org.catalogimport.catalog.media.StoredPicture;
import org.catalogimport.commerceml.ExchangePackage;
import org.catalogimport.commerceml.PackageFile;
import org.catalogimport.commerceml.Text;

/**
 * The pictures of one import, all or nothing with its catalog transaction.
 *
 * <p>While the import reads, every picture a product names is checked once per path: found in the
 * package, not leaving the media folder, a picture by its signature, within the size limit
 * (otherwise a warning on the product, which keeps its data). A picture whose bytes differ from the
 * published one (SHA-256 in {@code media_file}) is copied into the import's staging area; equal
 * bytes are not copied again. Before the commit, {@link #prepare} finds what no product names any
 * more (recorded pictures, and files in the folder that are not recorded) and writes all of it,
 * with the publish journal, in the catalog's transaction. After the commit {@link #publish} puts
 * the staged pictures in place and removes the others; after a rollback (failure, cancel, check)
 * {@link #discard} throws the staging area away, so the folder stays exactly as it was. A check
 * counts what an import would do and stages nothing.
 */
final class ImportPictures {

    private static final Logger LOG = Logger.getLogger(ImportPictures.class.getName());

    private enum Outcome { NEW, REPLACED, UNCHANGED, MISSING, REFUSED, CHECKED }

    private record Seen(Outcome outcome, Text warning) {
    }

    /** Null: no media folder configured, pictures are only checked. */
    private final MediaFolder folder;
    private final long session;
    private final boolean stage;
    private final long maxBytes;
    private final Map<String, StoredPicture> published;
    private final Map<String, Seen> seen = new HashMap<>();
    private final Map<String, StoredPicture> written = new HashMap<>();
    private Set<String> removals = Set.of();
    private long removed;

    private ImportPictures(MediaFolder folder, long session, boolean stage, long maxBytes,
                           Map<String, StoredPicture> published) {
        this.folder = folder;
        this.session = session;
        this.stage = stage;
        this.maxBytes = maxBytes;
        this.published = published;
    }

    /** The default of {@code catalog.media.max-file-bytes}: 20 MiB. */
    static final long DEFAULT_MAX_BYTES = 20L << 20;

    /** Without a media folder, with the default size limit (tests and benchmarks). */
    static ImportPictures checkOnly() {
        return checkOnly(DEFAULT_MAX_BYTES);
    }

    /** Without a media folder: pictures are checked and reported, nothing is copied or counted as published. */
    static ImportPictures checkOnly(long maxBytes) {
        return new ImportPictures(null, 0, false, maxBytes, Map.of());
    }

    /**
     * @param dryRun a check: compares and counts, stages nothing
     */
    static ImportPictures open(Connection connection, MediaFolder folder, long session, boolean dryRun, long maxBytes)
            throws SQLException {
        return new ImportPictures(folder, session, !dryRun, maxBytes, MediaFiles.load(connection));
    }

    /**
     * Checks (and stages) one picture a product in {@code file} names; the warning for the product
     * when the picture is missing or refused. Called on the importing thread.
     */
    Optional<Text> check(ExchangePackage exchangePackage, PackageFile file, String picture) {
        Optional<String> relative = MediaFolder.relative(picture);
        if (relative.isEmpty()) {
            return remember(picture, Outcome.REFUSED, ImportMessage.IMAGE_OUTSIDE.with(picture));
        }
        String path = relative.get();
        Seen known = seen.get(path);
        if (known != null) {
            return Optional.ofNullable(known.warning());
        }
        Optional<Path> source = file == null ? Optional.empty() : exchangePackage.picture(file, picture);
        if (source.isEmpty()) {
            return remember(path, Outcome.MISSING, ImportMessage.IMAGE_NOT_FOUND.with(picture));
        }
        try {
            long size = Files.size(source.get());
            if (size > maxBytes) {
                return remember(path, Outcome.REFUSED, ImportMessage.IMAGE_TOO_LARGE.with(picture, size, maxBytes));
            }
            if (!PictureSignature.isPicture(source.get())) {
                return remember(path, Outcome.REFUSED, ImportMessage.IMAGE_NOT_A_PICTURE.with(picture));
            }
            return remember(path, folder == null ? Outcome.CHECKED : compareAndStage(path, source.get()), null);
        } catch (IOException e) {
            return remember(path, Outcome.REFUSED, ImportMessage.IMAGE_NOT_COPIED.with(picture, String.valueOf(e.getMessage())));
        }
    }

    private Optional<Text> remember(String path, Outcome outcome, Text warning) {
        seen.put(path, new Seen(outcome, warning));
        return Optional.ofNullable(warning);
    }

    private Outcome compareAndStage(String path, Path source) throws IOException {
        StoredPicture current = published.get(path);
        Path target = folder.file(path);
        boolean onDisk = Files.isRegularFile(target);
        if (current == null && !onDisk) {
            // why no hash first: nothing to compare with, the copy hashes on its way
            stageIfWanted(path, source);
            return Outcome.NEW;
        }
        StoredPicture incoming = MediaFolder.hash(source);
        if (current == null) {
            // a file nobody recorded (copied before V23): adopt it when it holds the same bytes
            if (incoming.equals(MediaFolder.hash(target))) {
                written.put(path, incoming);
                return Outcome.UNCHANGED;
            }
        } else if (incoming.equals(current) && onDisk && Files.size(target) == current.size()) {
            return Outcome.UNCHANGED;
        }
        stageIfWanted(path, source);
        return Outcome.REPLACED;
    }

    private void stageIfWanted(String path, Path source) throws IOException {
        if (stage) {
            written.put(path, folder.stage(session, path, source));
        }
    }

    /**
     * Before the commit, on the import's connection: finds what no product names any more, and
     * records the publish (pictures, removals, journal) in the transaction. A check only counts.
     */
    PictureCounts prepare(Connection connection) throws SQLException, IOException {
        if (folder != null) {
            Set<String> referenced = MediaFiles.referenced(connection);
            Set<String> candidates = new TreeSet<>(published.keySet());
            candidates.addAll(written.keySet());
            for (String present : folder.listing()) {
                if (!candidates.contains(present) && referenced.contains(present) && stage) {
                    // why adopt: a file from before V23 that a product names but this package did not send
                    written.put(present, MediaFolder.hash(folder.file(present)));
                }
                candidates.add(present);
            }
            candidates.removeAll(referenced);
            removals = candidates;
            removed = candidates.size();
            if (stage) {
                MediaFiles.record(connection, session, written, removals);
            }
        }
        return counts();
    }

    PictureCounts counts() {
        long[] by = new long[Outcome.values().length];
        seen.values().forEach(s -> by[s.outcome().ordinal()]++);
        return new PictureCounts(by[Outcome.NEW.ordinal()], by[Outcome.REPLACED.ordinal()],
                by[Outcome.UNCHANGED.ordinal()], by[Outcome.MISSING.ordinal()], by[Outcome.REFUSED.ordinal()], removed);
    }

    /** After the commit, on a connection outside it: the staged pictures go into place, the unnamed ones go. */
    void publish(Connection connection) throws IOException, SQLException {
        if (folder != null && stage) {
            folder.publish(session, removals);
            MediaFiles.published(connection, session);
        }
    }

    /** After a rollback: the staging area goes, the folder is as it was. Never throws: the import's outcome stands. */
    void discard() {
        if (folder != null && stage) {
            try {
                folder.discard(session);
            } catch (IOException e) {
                LOG.warning(() -> "Staged pictures of import " + session + " could not be deleted (the next import"
                        + " deletes them): " + e.getMessage());
            }
        }
    }

    /**
     * Before an import stages anything (it then runs alone: the cluster's one running import):
     * finishes every publish that committed but did not complete (the node died half-way), and
     * discards the staging areas of imports that never committed. Returns what it did, for the log.
     */
    static String recover(Connection connection, MediaFolder folder) throws SQLException, IOException {
        List<MediaFiles.Unfinished> unfinished = MediaFiles.unfinished(connection);
        Set<Long> finished = new TreeSet<>();
        for (MediaFiles.Unfinished publish : unfinished) {
            folder.publish(publish.session(), publish.removals());
            MediaFiles.published(connection, publish.session());
            finished.add(publish.session());
        }
        Set<Long> discarded = new TreeSet<>(folder.stagedSessions());
        discarded.removeAll(finished);
        for (long stale : discarded) {
            folder.discard(stale);
        }
        return finished.isEmpty() && discarded.isEmpty() ? null
                : "finished the publish of import(s) " + finished + ", discarded the staged pictures of import(s) " + discarded;
    }
}
