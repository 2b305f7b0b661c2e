package org.catalogimport.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.catalogimport.dev.DemoPackageWriter;

/**
 * Puts another demo package into the shared server's import folder for one test and the usual one
 * back afterwards: a package the catalog has not seen, so an import of it would change the catalog.
 */
public final class SwappedImportFolder implements AutoCloseable {

    private final Path importDir;
    private final Path other;
    private final Path parked;

    private SwappedImportFolder(Path importDir, Path other, Path parked) {
        this.importDir = importDir;
        this.other = other;
        this.parked = parked;
    }

    /** The demo package with {@code products} products and {@code seed} (written once, then reused). */
    public static SwappedImportFolder withDemoPackage(int products, long seed) throws IOException {
        Path importDir = IntegrationTestSettings.importDir();
        Path other = importDir.resolveSibling("it-import-" + products + "-" + seed);
        if (!Files.isDirectory(other.resolve("goods"))) {
            DemoPackageWriter.write(other, products, seed);
        }
        Path parked = importDir.resolveSibling("it-import-parked-" + seed);
        Files.move(importDir, parked);
        Files.move(other, importDir);
        return new SwappedImportFolder(importDir, other, parked);
    }

    /** The package {@code writer} writes into a folder of its own, in place of the usual one until closed. */
    public static SwappedImportFolder withPackage(String name, PackageWriter writer) throws IOException {
        Path importDir = IntegrationTestSettings.importDir();
        Path other = importDir.resolveSibling("it-import-" + name);
        if (!Files.isDirectory(other)) {
            writer.write(other);
        }
        Path parked = importDir.resolveSibling("it-import-parked-" + name);
        Files.move(importDir, parked);
        Files.move(other, importDir);
        return new SwappedImportFolder(importDir, other, parked);
    }

    /** Writes a package into a folder. */
    public interface PackageWriter {
        void write(Path dir) throws IOException;
    }

    /** {@code prepared} (a package folder next to the import folder, or anywhere on its file system) for one test; moved back on close. */
    public static SwappedImportFolder with(Path prepared) throws IOException {
        Path importDir = IntegrationTestSettings.importDir();
        Path parked = importDir.resolveSibling("it-import-parked-" + prepared.getFileName());
        Files.move(importDir, parked);
        Files.move(prepared, importDir);
        return new SwappedImportFolder(importDir, prepared, parked);
    }

    @Override
    public void close() throws IOException {
        Files.move(importDir, other);
        Files.move(parked, importDir);
    }
}
