package org.catalogimport.commerceml;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the next import would read, from file headers and sizes (not a parse): shown above the
 * sessions table and in the start confirmation.
 *
 * @param location      the folder, or the zip inside it that would be imported
 * @param zip           whether that is a zip
 * @param xmlFiles      XML files in the package (inside the zip for a zip)
 * @param totalBytes    their size (uncompressed for a zip)
 * @param layouts       how the files are laid out: "CommerceML 2.x", "UT 11", "CommerceML 3.1 split"
 * @param schemaVersions {@code ВерсияСхемы} values seen
 * @param createdAt     the export's {@code ДатаФормирования} as written (local time of 1C), if read
 * @param fullExchange  a section says {@code СодержитТолькоИзменения="false"}: unmentioned items will
 *                      be deactivated; empty when not known without unpacking (a zip)
 * @param fingerprint   SHA-256 of the package's names, sizes and content samples (a zip: entry names,
 *                      sizes and CRCs): equal fingerprints are the same package
 * @param modifiedAt    the newest modification time among the files
 */
public record PackagePreview(String location, boolean zip, int xmlFiles, long totalBytes, List<String> layouts,
                             List<String> schemaVersions, Optional<String> createdAt, Optional<Boolean> fullExchange,
                             String fingerprint, Instant modifiedAt) {

    public PackagePreview {
        layouts = List.copyOf(layouts);
        schemaVersions = List.copyOf(schemaVersions);
    }
}
