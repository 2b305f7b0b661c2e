package org.catalogimport.commerceml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A located 1C package.
 *
 * @param root    the folder the files are in (the import folder, or where the zip was unpacked)
 * @param files   the CommerceML files to read, in the order to read them: dictionaries, products,
 *                offers, prices, stock
 * @param ignored paths (relative to the root, or names in the import folder) that were left out:
 *                documents, contractors, non-CommerceML XML, symbolic links, older zips
 * @param unpackedCopy whether {@code root} is the import's own copy of a zip, unpacked into its work
 *                folder: its files are read once and may then be deleted (the zip stays where it was)
 * @param zipped  the zip its XML files are read from in place ({@link ZippedXml}), or null when
 *                they are all on disk; closed with the package
 */
public record ExchangePackage(Path root, List<PackageFile> files, List<String> ignored, boolean unpackedCopy,
                              ZippedXml zipped) implements AutoCloseable {

    public ExchangePackage {
        files = List.copyOf(files);
        ignored = List.copyOf(ignored);
    }

    /** A package whose files are all on disk. */
    public ExchangePackage(Path root, List<PackageFile> files, List<String> ignored, boolean unpackedCopy) {
        this(root, files, ignored, unpackedCopy, null);
    }

    /** A package read where it lies. */
    public ExchangePackage(Path root, List<PackageFile> files, List<String> ignored) {
        this(root, files, ignored, false);
    }

    /** Closes the zip its files are read from, if any; the files on disk are the caller's to delete. */
    @Override
    public void close() throws IOException {
        if (zipped != null) {
            zipped.close();
        }
    }

    /**
     * Where a picture that {@code source} references ({@code Товар/Картинка}) lies, if it is there.
     * 1C writes picture paths relative to different folders depending on the format version (next to
     * {@code import.xml} in 2.x, relative to {@code goods/} for {@code goods/import_files/goods.xml}
     * in 3.1), so this tries the file's folder and then each folder above it up to the root. A path
     * that would leave the root is never resolved.
     */
    public Optional<Path> picture(PackageFile source, String picturePath) {
        if (picturePath == null || picturePath.isBlank()) {
            return Optional.empty();
        }
        Path normalizedRoot = root.toAbsolutePath().normalize();
        String relative = picturePath.strip().replace('\\', '/');
        for (Path dir = source.path().toAbsolutePath().normalize().getParent();
             dir != null && dir.startsWith(normalizedRoot); dir = dir.getParent()) {
            Path candidate = dir.resolve(relative).normalize();
            if (candidate.startsWith(normalizedRoot) && Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
