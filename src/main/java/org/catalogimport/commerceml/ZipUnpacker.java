package org.catalogimport.commerceml;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks an uploaded zip without trusting it: every entry must stay inside the target folder
 * (no {@code ..}, no absolute or drive paths, no symbolic links), and the limits of
 * {@link ReadLimits} are checked against the bytes actually inflated, while inflating, so that a
 * zip bomb is stopped after at most one buffer past a limit whatever its headers claim.
 */
final class ZipUnpacker {

    private static final int BUFFER_BYTES = 1 << 16;

    private final ReadLimits limits;

    ZipUnpacker(ReadLimits limits) {
        this.limits = limits;
    }

    /** Told of each file once it is unpacked and closed. */
    interface Unpacked {
        /** @param name the file's path below the target folder, with '/' */
        void file(String name, Path file);
    }

    /**
     * Unpacks {@code zip} into {@code target}, which must be an empty folder. On failure whatever was
     * unpacked is deleted again.
     */
    void unpack(Path zip, Path target) throws PackageException {
        unpack(zip, target, (name, file) -> { });
    }

    /** The same, telling {@code unpacked} of each file as soon as it is complete. */
    void unpack(Path zip, Path target, Unpacked unpacked) throws PackageException {
        String zipName = zip.getFileName().toString();
        try {
            checkDirectory(zip, zipName);
            extract(zip, zipName, target, unpacked);
        } catch (PackageException e) {
            deleteContents(target);
            throw e;
        } catch (IOException e) {
            deleteContents(target);
            throw new PackageException(zipName, -1, -1, PackageRefusal.ZIP_NOT_UNPACKED.with(e.getMessage()), e);
        }
    }

    /**
     * Applies every rule of {@link #unpack} to {@code zip} without writing anything: entries are
     * inflated and counted, then dropped. For an upload, which must pass before it is stored.
     */
    void verify(Path zip) throws PackageException {
        String zipName = zip.getFileName().toString();
        try {
            checkDirectory(zip, zipName);
            extract(zip, zipName, null, null);
        } catch (IOException e) {
            throw new PackageException(zipName, -1, -1, PackageRefusal.ZIP_NOT_UNPACKED.with(e.getMessage()), e);
        }
    }

    private void checkDirectory(Path zip, String zipName) throws PackageException {
        ZipCentralDirectory.Summary summary;
        try {
            summary = ZipCentralDirectory.read(zip, limits.maxZipEntries());
        } catch (IOException e) {
            throw new PackageException(zipName, -1, -1, PackageRefusal.ZIP_UNREADABLE.with(e.getMessage()), e);
        }
        if (summary.entries() > limits.maxZipEntries()) {
            throw tooManyEntries(zipName, summary.entries());
        }
        if (!summary.symlinks().isEmpty()) {
            throw new PackageException(zipName, -1, -1, PackageRefusal.ZIP_SYMLINK.with(summary.symlinks().get(0)), null);
        }
    }

    private void extract(Path zip, String zipName, Path target, Unpacked unpacked) throws IOException, PackageException {
        long archiveBytes = Math.max(1, Files.size(zip));
        // why a made-up root when verifying: the names are judged exactly as for a real unpack.
        boolean writing = target != null;
        Path root = (writing ? target : zip.resolveSibling("verify")).toAbsolutePath().normalize();
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        long entries = 0;
        Set<String> names = new HashSet<>();
        try (ZipFile archive = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            Enumeration<? extends ZipEntry> all = archive.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++entries > limits.maxZipEntries()) {
                    throw tooManyEntries(zipName, entries);
                }
                Path destination = destination(zipName, root, entry.getName());
                if (destination.equals(root)) {
                    if (entry.isDirectory()) {
                        continue; // "./": the folder itself
                    }
                    throw outside(zipName, entry.getName());
                }
                if (!names.add(destination.toString())) {
                    throw new PackageException(zipName, -1, -1, PackageRefusal.ZIP_DUPLICATE.with(entry.getName()), null);
                }
                if (entry.isDirectory()) {
                    if (writing) {
                        Files.createDirectories(destination);
                    }
                    continue;
                }
                if (writing) {
                    Files.createDirectories(destination.getParent());
                }
                long compressed = Math.min(Math.max(1, entry.getCompressedSize()), archiveBytes);
                long written = 0;
                try (InputStream in = archive.getInputStream(entry);
                     OutputStream out = writing ? Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW,
                             StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS) : OutputStream.nullOutputStream()) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        written += n;
                        total += n;
                        checkLimits(zipName, entry.getName(), written, compressed, total, archiveBytes);
                        out.write(buffer, 0, n);
                    }
                } catch (FileAlreadyExistsException e) {
                    throw new PackageException(zipName, -1, -1, PackageRefusal.ZIP_DUPLICATE_SPELLING.with(entry.getName()), e);
                } catch (ZipException e) {
                    throw new PackageException(zipName, -1, -1, PackageRefusal.ZIP_ENTRY_DAMAGED.with(entry.getName(), e.getMessage()), e);
                }
                if (writing) {
                    unpacked.file(root.relativize(destination).toString().replace(File.separatorChar, '/'), destination);
                }
            }
        }
    }

    void checkLimits(String zipName, String entry, long written, long compressed, long total,
                             long archiveBytes) throws PackageException {
        if (written > limits.maxFileBytes()) {
            throw new PackageException(zipName, -1, -1, PackageRefusal.ZIP_ENTRY_TOO_LARGE.with(entry, limits.maxFileBytes()), null);
        }
        if (total > limits.maxUncompressedBytes()) {
            throw new PackageException(zipName, -1, -1, PackageRefusal.ZIP_TOO_LARGE.with(limits.maxUncompressedBytes()), null);
        }
        if (written > ReadLimits.RATIO_CHECK_THRESHOLD_BYTES && written > limits.maxCompressionRatio() * compressed) {
            throw bomb(zipName, entry, written, compressed);
        }
        if (total > ReadLimits.RATIO_CHECK_THRESHOLD_BYTES && total > limits.maxCompressionRatio() * archiveBytes) {
            throw bomb(zipName, null, total, archiveBytes);
        }
    }

    /** {@code entry} null: the archive as a whole inflates too much. */
    private PackageException bomb(String zipName, Object entry, long inflated, long compressed) {
        long ratio = Math.round(limits.maxCompressionRatio());
        return new PackageException(zipName, -1, -1, entry == null
                ? PackageRefusal.ZIP_BOMB.with(ratio, inflated, compressed)
                : PackageRefusal.ZIP_BOMB_ENTRY.with(entry, ratio, inflated, compressed), null);
    }

    private PackageException tooManyEntries(String zipName, long entries) {
        return new PackageException(zipName, -1, -1, entries == Long.MAX_VALUE
                ? PackageRefusal.ZIP_COUNTLESS_ENTRIES.with(limits.maxZipEntries())
                : PackageRefusal.ZIP_TOO_MANY_ENTRIES.with(entries, limits.maxZipEntries()), null);
    }

    /** Where an entry goes; refuses names that would leave {@code root}. */
    static Path destination(String zipName, Path root, String name) throws PackageException {
        String normalized = name.replace('\\', '/');
        boolean unsafe = normalized.isEmpty() || normalized.startsWith("/") || normalized.indexOf('\0') >= 0
                || (normalized.length() > 1 && normalized.charAt(1) == ':');
        if (!unsafe) {
            for (String segment : normalized.split("/")) {
                if (segment.equals("..")) {
                    unsafe = true;
                    break;
                }
            }
        }
        Path destination = unsafe ? null : root.resolve(normalized).normalize();
        if (destination == null || !destination.startsWith(root)) {
            throw outside(zipName, name);
        }
        return destination;
    }

    private static PackageException outside(String zipName, String name) {
        return new PackageException(zipName, -1, -1, PackageRefusal.ZIP_ENTRY_OUTSIDE.with(name), null);
    }

    /** Removes what an aborted unpack left; the folder is ours (created empty by the locator), links are not followed. */
    private static void deleteContents(Path target) {
        try {
            PackageFolder.deleteContents(target);
        } catch (IOException | RuntimeException e) {
            // best effort: the folder is a scratch folder of this import
        }
    }

    /** Removes an unpack folder with everything in it (links are not followed). */
    static void delete(Path unpacked) {
        try {
            PackageFolder.deleteTree(unpacked);
        } catch (IOException | RuntimeException e) {
            // best effort: the folder is a scratch folder of this import
        }
    }
}
