package org.catalogimport.imports.upload;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * An accepted upload: its files, what the check saw, who uploaded it and when, and whether it was
 * discarded. Getters, because Jakarta EL 5 reads bean properties, not record components.
 */
public record PackageUpload(long id, Path folder, List<String> fileNames, long totalBytes, boolean zip, int xmlFiles,
                            String layouts, String createdAt, Boolean fullExchange, String fingerprint,
                            String uploadedBy, Instant uploadedAt, String discardedBy, Instant discardedAt) {

    /** The stored form of the names: '/' never occurs in a stored name. */
    static String joinNames(List<String> names) {
        return String.join("/", names);
    }

    static List<String> splitNames(String joined) {
        return Arrays.asList(joined.split("/"));
    }

    public long getId() {
        return id;
    }

    public String getNames() {
        return String.join(", ", fileNames);
    }

    public long getTotalBytes() {
        return totalBytes;
    }

    public boolean isZip() {
        return zip;
    }

    public int getXmlFiles() {
        return xmlFiles;
    }

    public String getLayouts() {
        return layouts;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public Boolean getFullExchange() {
        return fullExchange;
    }

    public String getUploadedBy() {
        return uploadedBy;
    }

    public Instant getUploadedAt() {
        return uploadedAt;
    }
}
