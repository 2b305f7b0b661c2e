package org.catalogimport.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.catalogimport.commerceml.ReadLimits;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The importer's configuration (see META-INF/microprofile-config.properties for each property). */
@ApplicationScoped
public class ImportSettings {

    @Inject
    @ConfigProperty(name = "catalog.import.dir")
    String importDir;

    @Inject
    @ConfigProperty(name = "catalog.import.work-dir")
    String workDir;

    @Inject
    @ConfigProperty(name = "catalog.media.dir")
    Optional<String> mediaDir;

    /** A picture larger than this is reported and not copied (CATALOG_MEDIA_MAX_FILE_BYTES). */
    @Inject
    @ConfigProperty(name = "catalog.media.max-file-bytes", defaultValue = "20971520")
    long mediaMaxFileBytes;

    @Inject
    @ConfigProperty(name = "catalog.import.transaction-timeout-seconds")
    int transactionTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "catalog.import.batch-size")
    int batchSize;

    @Inject
    @ConfigProperty(name = "catalog.import.zip.max-uncompressed-bytes")
    long maxUncompressedBytes;

    @Inject
    @ConfigProperty(name = "catalog.import.zip.max-entries")
    int maxZipEntries;

    @Inject
    @ConfigProperty(name = "catalog.import.max-file-bytes")
    long maxFileBytes;

    @Inject
    @ConfigProperty(name = "catalog.import.zip.max-compression-ratio")
    double maxCompressionRatio;

    /**
     * Share of the active products (or offers) that one full exchange may deactivate; more refuses
     * the import unless it was started with "allow mass deactivation".
     */
    @Inject
    @ConfigProperty(name = "catalog.import.max-deactivation-share")
    double maxDeactivationShare;

    public Path importDir() {
        return Path.of(importDir);
    }

    public Path workDir() {
        return Path.of(workDir);
    }

    public Optional<Path> mediaDir() {
        return mediaDir.filter(dir -> !dir.isBlank()).map(Path::of);
    }

    public long mediaMaxFileBytes() {
        return mediaMaxFileBytes;
    }

    public int transactionTimeoutSeconds() {
        return transactionTimeoutSeconds;
    }

    public double maxDeactivationShare() {
        return maxDeactivationShare;
    }

    public int batchSize() {
        return batchSize;
    }

    public ReadLimits readLimits() {
        return new ReadLimits(maxUncompressedBytes, maxZipEntries, maxFileBytes, maxCompressionRatio);
    }
}
