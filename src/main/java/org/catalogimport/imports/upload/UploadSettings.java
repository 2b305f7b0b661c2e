package org.catalogimport.imports.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.catalogimport.imports.ImportSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Limits and place of console uploads (see META-INF/microprofile-config.properties). */
@ApplicationScoped
public class UploadSettings {

    @Inject
    @ConfigProperty(name = "catalog.upload.max-file-size")
    long maxFileBytes;

    @Inject
    @ConfigProperty(name = "catalog.upload.max-total-size")
    long maxTotalBytes;

    @Inject
    ImportSettings importSettings;

    public long maxFileBytes() {
        return maxFileBytes;
    }

    public long maxTotalBytes() {
        return maxTotalBytes;
    }

    /** {@code <catalog.import.work-dir>/uploads}: shared storage when several nodes serve the console. */
    public Path folder() {
        return importSettings.workDir().resolve("uploads");
    }
}
