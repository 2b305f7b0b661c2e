package org.catalogimport.catalog;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.catalogimport.commerceml.Content;
import org.catalogimport.commerceml.PackageFile;

/**
 * Decides, file by file in reading order, which files of a package need not be read: same content
 * at the same place as a file the last committed import read without a problem, and no file read
 * earlier in this import could have overwritten what it wrote. (Records are applied in package
 * order, the last one wins: when an earlier file of the same kind is read again, a later one is
 * read again too, so it still wins. Offer files and stock files both write an offer's total
 * quantity, so they count as one kind here.) Used on the parser thread.
 */
public final class UnchangedFiles {

    private final Map<String, FileState> states;
    private final Set<Content> kindsRead = EnumSet.noneOf(Content.class);

    /** @param states what {@link CatalogWriter#loadFileStates} returned */
    public UnchangedFiles(Map<String, FileState> states) {
        this.states = states;
    }

    /**
     * Whether the file could be skipped if its fingerprint matched: an earlier import read a file of
     * that name at that place, and no file of its kind was read before it in this import. When not,
     * the file is read whatever its fingerprint, which can then be taken while it is read.
     */
    public boolean couldBeSkipped(PackageFile file, int position) {
        FileState state = states.get(file.relativeName());
        return state != null && state.position() == position
                && widened(file.contents()).stream().noneMatch(kindsRead::contains);
    }

    /**
     * The file's state when it may be skipped; otherwise empty, and the file counts as read.
     *
     * @param fingerprint {@link FileFingerprint} of the file, null when it could not be taken
     */
    public Optional<FileState> skippable(PackageFile file, String fingerprint, int position) {
        FileState state = states.get(file.relativeName());
        if (fingerprint != null && couldBeSkipped(file, position) && state.unchanged(fingerprint, position)) {
            return Optional.of(state);
        }
        kindsRead.addAll(widened(file.contents()));
        return Optional.empty();
    }

    private static Set<Content> widened(Set<Content> contents) {
        Set<Content> kinds = contents.isEmpty() ? EnumSet.noneOf(Content.class) : EnumSet.copyOf(contents);
        if (kinds.contains(Content.OFFERS) || kinds.contains(Content.STOCK)) {
            kinds.add(Content.OFFERS);
            kinds.add(Content.STOCK);
        }
        return kinds;
    }
}
