package org.catalogimport.commerceml;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One CommerceML file of a package.
 *
 * @param path         where it is
 * @param relativeName its path inside the package with {@code /} separators; records and problems
 *                     name their file by this
 * @param contents     what it carries, recognised from its elements
 */
public record PackageFile(Path path, String relativeName, Set<Content> contents) {

    public PackageFile {
        contents = contents.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(contents));
    }
}
