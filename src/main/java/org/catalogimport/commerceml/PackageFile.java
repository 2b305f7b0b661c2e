package org.catalogimport.commerceml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One CommerceML file of a package.
 *
 * @param path         where it is; for a file read in its zip ({@code zipped}), where it would be
 *                     unpacked, so that pictures next to it are found relative to it
 * @param relativeName its path inside the package with {@code /} separators; records and problems
 *                     name their file by this
 * @param contents     what it carries, recognised from its elements
 * @param zipped       the zip's entry it is read from, or null for a file on disk
 */
public record PackageFile(Path path, String relativeName, Set<Content> contents, ZippedXml.Entry zipped) {

    public PackageFile {
        contents = contents.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(contents));
    }

    /** A file on disk. */
    public PackageFile(Path path, String relativeName, Set<Content> contents) {
        this(path, relativeName, contents, null);
    }

    /** Its bytes: from disk, or inflated from its zip while read. Every reader of a package file opens it here. */
    public InputStream open() throws IOException {
        return zipped == null ? Files.newInputStream(path) : zipped.open();
    }
}
