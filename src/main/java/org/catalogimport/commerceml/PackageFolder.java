package org.catalogimport.commerceml;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One way to look at a package folder, for every part that must agree on it: the locator (what the
 * import reads), the inspector (the console's package panel and its fingerprint), the upload check
 * and the folders the application cleans up. Before this class the panel and the import each had
 * their own "newest zip" and could name different zips for the same folder.
 *
 * <p>The rules. The newest {@code *.zip} directly in the import folder is the package (a link to a
 * zip counts, with its target's time, as a linked package folder does); on equal times the last
 * name wins. Without a zip the package is every regular {@code *.xml} below the folder. Links: the
 * import folder and a folder directly inside it may point anywhere; a link deeper inside a package
 * is followed only while it stays inside that package, and one that leads out refuses the package;
 * a link to nothing and a link loop are listed as ignored. Deleting a tree never follows a link.
 */
public final class PackageFolder {

    private PackageFolder() {
    }

    /** The entries directly in {@code importDir}, sorted by name; refuses a missing, plain-file or empty folder. */
    public static List<Path> entries(Path importDir) throws PackageException {
        if (importDir == null || !Files.exists(importDir)) {
            throw new PackageException(String.valueOf(importDir), -1, -1, PackageRefusal.FOLDER_MISSING.with(), null);
        }
        if (!Files.isDirectory(importDir)) {
            throw new PackageException(importDir.toString(), -1, -1, PackageRefusal.FOLDER_IS_FILE.with(), null);
        }
        try (Stream<Path> list = Files.list(importDir)) {
            List<Path> entries = list.sorted().toList();
            if (entries.isEmpty()) {
                throw new PackageException(importDir.toString(), -1, -1, PackageRefusal.FOLDER_EMPTY.with(), null);
            }
            return entries;
        } catch (IOException e) {
            throw new PackageException(importDir.toString(), -1, -1, PackageRefusal.FOLDER_UNREADABLE.with(e), e);
        }
    }

    /** The zip the next import reads among {@code entries} (sorted by name), if there is one. */
    public static Optional<Path> newestZip(List<Path> entries) throws PackageException {
        Path newest = null;
        FileTime newestTime = null;
        for (Path entry : entries) {
            if (!entry.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip") || !Files.isRegularFile(entry)) {
                continue;
            }
            try {
                FileTime time = Files.getLastModifiedTime(entry);
                // why ">=": entries are sorted by name, so on equal times the last name wins, deterministically.
                if (newestTime == null || time.compareTo(newestTime) >= 0) {
                    newest = entry;
                    newestTime = time;
                }
            } catch (IOException e) {
                throw new PackageException(entry.toString(), -1, -1, PackageRefusal.ARCHIVE_UNREADABLE.with(e), e);
            }
        }
        return Optional.ofNullable(newest);
    }

    /** The import folder itself with its links resolved: the root that relative names and link rules use. */
    public static Path realRoot(Path dir) throws PackageException {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new PackageException(dir.toString(), -1, -1, PackageRefusal.FOLDER_UNREADABLE.with(e), e);
        }
    }

    /**
     * Every regular {@code *.xml} below {@code root} (a {@link #realRoot}), in natural order of their
     * names, links followed as the class comment says; the names of links to nothing and of loops go
     * to {@code ignored}.
     */
    public static List<Path> xmlFiles(Path root, List<String> ignored) throws PackageException {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, Set.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    checkLink(root, dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (attributes.isSymbolicLink()) {
                        // why: with links followed, only a link whose target is missing arrives as a link.
                        ignored.add(relativeName(root, file));
                        return FileVisitResult.CONTINUE;
                    }
                    checkLink(root, file);
                    if (attributes.isRegularFile() && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof FileSystemLoopException) {
                        ignored.add(relativeName(root, file));
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (EscapingLink e) {
            throw e.refusal;
        } catch (IOException e) {
            throw new PackageException(root.toString(), -1, -1, PackageRefusal.PACKAGE_FOLDER_UNREADABLE.with(e), e);
        }
        found.sort(Comparator.comparing(p -> relativeName(root, p), NaturalOrder.INSTANCE));
        return found;
    }

    /** A file's name inside its package, with forward slashes on every system. */
    public static String relativeName(Path root, Path file) {
        return root.relativize(file).toString().replace(File.separatorChar, '/');
    }

    /** Whether {@code dir} exists and holds at least one regular file at any depth. */
    public static boolean holdsFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(Files::isRegularFile);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Deletes {@code root} and everything in it, never following a link; a missing root is no error. */
    public static void deleteTree(Path root) throws IOException {
        deleteBelow(root, true);
    }

    /** Empties {@code root} and keeps it (links are not followed). */
    public static void deleteContents(Path root) throws IOException {
        deleteBelow(root, false);
    }

    private static void deleteBelow(Path root, boolean withRoot) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        // why walk without following links: a link inside a scratch folder may point at anything.
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (withRoot || !path.equals(root)) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /**
     * A link directly in the import folder is a package of its own and may point anywhere; below
     * that, a link must stay inside the package it is in (the import folder, or that linked folder).
     */
    private static void checkLink(Path root, Path path) throws IOException {
        if (path.equals(root) || !Files.isSymbolicLink(path)) {
            return;
        }
        Path top = root.resolve(root.relativize(path).getName(0));
        if (top.equals(path) && Files.isDirectory(path)) {
            return;
        }
        Path packageRoot = Files.isSymbolicLink(top) && Files.isDirectory(top) ? top.toRealPath() : root;
        Path target = path.toRealPath();
        if (!target.startsWith(packageRoot)) {
            throw new EscapingLink(new PackageException(relativeName(root, path), -1, -1,
                    PackageRefusal.LINK_ESCAPES.with(target), null));
        }
    }

    /** Thrown out of the tree walk when a link leads out of its package. */
    private static final class EscapingLink extends IOException {
        private final transient PackageException refusal;

        EscapingLink(PackageException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }
    }
}
