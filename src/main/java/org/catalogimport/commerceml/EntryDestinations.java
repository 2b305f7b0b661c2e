package org.catalogimport.commerceml;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;

/**
 * Where each entry of a zip {@link GrowingZipUnpacker} follows goes, for either of its ends: the
 * names {@link ZipUnpacker} refuses are refused here too, two entries never take one place, and a
 * file never takes a folder's. Why the folders: an XML file is not written (the import reads it in
 * the zip), so the file system no longer refuses a file and a folder of one name, and ZipUnpacker,
 * which writes every entry, could not unpack such a zip. The reasons are only logged ("not unpacked
 * ahead (why)"): a zip given up on is unpacked by the import, which refuses it with the usual
 * message when it is hostile.
 */
final class EntryDestinations {

    private final String zipName;
    private final Path root;
    private final Set<String> names = new HashSet<>();
    /** Files taken, and folders their paths and the folder entries make. */
    private final Set<String> files = new HashSet<>();
    private final Set<String> folders = new HashSet<>();

    /** @param root the target folder, absolute and normalised */
    EntryDestinations(String zipName, Path root) {
        this.zipName = zipName;
        this.root = root;
    }

    /** Where {@code entry} goes, its folder created; null for a folder entry (created). */
    Path of(ZipEntry entry) throws IOException, PackageException {
        String name = entry.getName();
        Path destination = ZipUnpacker.destination(zipName, root, name);
        if (!destination.equals(root)) {
            take(destination, entry.isDirectory(), name);
        }
        if (entry.isDirectory() || destination.equals(root)) {
            if (!entry.isDirectory()) {
                throw new IOException("an entry that is the folder itself: " + name);
            }
            Files.createDirectories(destination);
            return null;
        }
        Files.createDirectories(destination.getParent());
        return destination;
    }

    /** Its path inside the package, with '/'. */
    String relativeName(Path destination) {
        return root.relativize(destination).toString().replace(File.separatorChar, '/');
    }

    /** One place per entry, by either end's thread. */
    private synchronized void take(Path destination, boolean folder, String name) throws IOException {
        String path = destination.toString();
        if (!names.add(path)) {
            throw new IOException("two entries named " + name);
        }
        if (folder ? files.contains(path) : folders.contains(path)) {
            throw new IOException("an entry that is both a file and a folder: " + name);
        }
        (folder ? folders : files).add(path);
        for (Path parent = destination.getParent(); parent != null && !parent.equals(root); parent = parent.getParent()) {
            if (files.contains(parent.toString())) {
                throw new IOException("an entry that is both a file and a folder: " + name);
            }
            folders.add(parent.toString());
        }
    }
}
