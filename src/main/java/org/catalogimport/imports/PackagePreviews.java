package org.catalogimport.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.catalogimport.commerceml.PackageException;
import org.catalogimport.commerceml.PackageInspector;
import org.catalogimport.commerceml.PackagePreview;
import org.catalogimport.commerceml.Text;

/**
 * What the next "Start import" would read (the console's package panel and start confirmation, and
 * the fingerprint each session records), cached until the import folder changes: the folder's
 * listing (names, sizes, times) is checked at most every few seconds, and only a changed listing is
 * inspected again.
 */
@ApplicationScoped
public class PackagePreviews {

    /** How long a listing is trusted before the folder is listed again. */
    static final Duration RECHECK = Duration.ofSeconds(5);

    /** The preview, or why there is none (no folder, nothing readable). */
    public record Current(Optional<PackagePreview> preview, Text problem, Optional<Long> importedBy) {
    }

    @Inject
    ImportSettings settings;

    @Inject
    ImportSessions sessions;

    private final PackageInspector inspector = new PackageInspector();
    private final Clock clock = Clock.systemUTC();
    private String listing;
    private Instant listedAt = Instant.EPOCH;
    private Optional<PackagePreview> preview = Optional.empty();
    private Text problem;
    private Current current;
    private Instant currentAt = Instant.EPOCH;

    /**
     * The preview of the configured import folder, and the completed session that imported this
     * exact package; both cached for {@link #RECHECK} (the page and its poll ask on every render).
     */
    public synchronized Current current() {
        Instant now = clock.instant();
        if (current == null || Duration.between(currentAt, now).compareTo(RECHECK) >= 0) {
            Optional<PackagePreview> read = preview();
            current = new Current(read, problem, read.flatMap(p -> sessions.lastCompletedWith(p.fingerprint())));
            currentAt = now;
        }
        return current;
    }

    /** The fingerprint of the package in the import folder now, if it can be read. */
    public Optional<String> fingerprint() {
        return preview().map(PackagePreview::fingerprint);
    }

    /**
     * The fingerprint of the package in {@code dir} (a folder an exchange or an upload staged), read
     * now: such a folder is read once, when its import starts.
     */
    public Optional<String> fingerprintOf(Path dir) {
        try {
            return Optional.of(inspector.inspect(dir).fingerprint());
        } catch (PackageException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private synchronized Optional<PackagePreview> preview() {
        Instant now = clock.instant();
        if (Duration.between(listedAt, now).compareTo(RECHECK) < 0) {
            return preview;
        }
        listedAt = now;
        Path dir = settings.importDir();
        String newListing = listing(dir);
        // why a failure is inspected again even with the same listing: it may have been transient
        // (a file read while being replaced), and nothing else would ever clear it
        if (newListing.equals(listing) && problem == null) {
            return preview;
        }
        listing = newListing;
        try {
            preview = Optional.of(inspector.inspect(dir));
            problem = null;
        } catch (PackageException e) {
            preview = Optional.empty();
            problem = e.text();
        }
        return preview;
    }

    /** Names, sizes and times of every file below {@code dir}: a change means a new package. */
    private static String listing(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "missing";
        }
        StringBuilder listing = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            files.filter(Files::isRegularFile).sorted().forEach(file -> {
                try {
                    listing.append(file).append('|').append(Files.size(file)).append('|')
                            .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
                } catch (IOException e) {
                    listing.append(file).append("|unreadable\n");
                }
            });
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e.getMessage();
        }
        return listing.toString();
    }
}
