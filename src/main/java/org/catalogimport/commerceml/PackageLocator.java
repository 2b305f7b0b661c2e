package org.catalogimport.commerceml;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Finds the package in an import folder and tells what each file is and in which order to read them.
 *
 * <p>The folder holds either the XML files (flat, as 2.x and UT 11 upload them, or in the folders of
 * a 3.1 split export) or a zip; with several zips the newest wins and the others are listed as
 * ignored. A zip is unpacked into a new folder inside {@code workDir}; the caller deletes it when done.
 * Files are recognised by their elements, so a renamed file still lands in the right stage. Files
 * that carry no catalog data (orders, {@code contragents/}) and broken symbolic links are listed in
 * {@link ExchangePackage#ignored()}.
 *
 * <p>Symbolic links: the import folder itself may be a link (the usual way to switch a "current"
 * export, and what volume mounts often are), and so may a package folder directly inside it; both
 * are followed wherever they point. A link deeper inside a package is followed only while it stays
 * inside that package; one that leads out of it refuses the whole package, as a link inside a zip does.
 */
public final class PackageLocator {

    private final ReadLimits limits;
    private final XmlParsers parsers = new XmlParsers();

    public PackageLocator(ReadLimits limits) {
        this.limits = limits;
    }

    /**
     * @param importDir where 1C's files were uploaded
     * @param workDir   where a zip may be unpacked (created if absent); unused for a folder of files
     */
    public ExchangePackage locate(Path importDir, Path workDir) throws PackageException {
        return locate(importDir, workDir, Thread::new, () -> false);
    }

    /**
     * The same; a zip's files are classified and their items counted on a thread from {@code threads}
     * while it is unpacked ({@link UnpackedFilesScan}), so its package comes with
     * {@link ExchangePackage#items()}.
     *
     * @param stop says when to give up counting (a cancelled import)
     */
    public ExchangePackage locate(Path importDir, Path workDir, ThreadFactory threads, BooleanSupplier stop)
            throws PackageException {
        return locate(importDir, workDir, threads, stop, ZipsUnpackedAhead.NONE);
    }

    /**
     * The same, taking a zip's files from {@code ahead} when they were unpacked (and counted) there
     * before the import started and are still the zip's; otherwise the zip is unpacked here.
     */
    public ExchangePackage locate(Path importDir, Path workDir, ThreadFactory threads, BooleanSupplier stop,
                                  ZipsUnpackedAhead ahead) throws PackageException {
        List<Path> entries = topLevel(importDir);
        List<String> ignored = new ArrayList<>();
        Path zip = newestZip(entries);
        Path root = realPath(importDir);
        if (zip != null) {
            for (Path entry : entries) {
                if (!entry.equals(zip)) {
                    ignored.add(entry.getFileName().toString());
                }
            }
            root = unpackDirectory(workDir, zip);
            try {
                Optional<UnpackedZip> unpacked = ahead.take(zip, stop);
                if (unpacked.isPresent() && adopt(unpacked.get(), zip, root)) {
                    return recognise(importDir, zip, root, ignored, unpacked.get().scanned());
                }
                try (UnpackedFilesScan scan = new UnpackedFilesScan(threads, stop)) {
                    new ZipUnpacker(limits).unpack(zip, root, scan::unpacked);
                    return recognise(importDir, zip, root, ignored, scan.finish());
                }
            } catch (PackageException | RuntimeException e) {
                // why: the caller never learns where a failed package was unpacked, so it cannot clean up.
                ZipUnpacker.delete(root);
                throw e;
            }
        }
        return recognise(importDir, null, root, ignored, Map.of());
    }

    /**
     * Moves files unpacked ahead into {@code root} (empty, in the work folder) when they are the
     * zip's as it is now; otherwise deletes them. False: the zip is to be unpacked here.
     */
    private boolean adopt(UnpackedZip unpacked, Path zip, Path root) {
        if (!unpacked.isOf(zip, limits)) {
            unpacked.delete();
            return false;
        }
        try {
            Files.delete(root);
            // why atomic: a rename within one file system; anything else is not worth a copy of 1 GB
            Files.move(unpacked.folder(), root, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            unpacked.delete();
            // why: the zip is unpacked here instead, into the folder it expects
            root.toFile().mkdirs();
            return false;
        }
    }

    /**
     * @param scanned the files a scan already classified and counted, by relative name: the package
     *                has its item count when every file it reads is among them
     */
    private ExchangePackage recognise(Path importDir, Path zip, Path root, List<String> ignored,
                                      Map<String, UnpackedFilesScan.Scanned> scanned) throws PackageException {
        List<ProcessingOrder.Ranked> files = new ArrayList<>();
        FileClassifier classifier = new FileClassifier(parsers);
        int xmlFiles = 0;
        long items = 0;
        boolean counted = !scanned.isEmpty();
        for (Path candidate : candidates(root, ignored)) {
            xmlFiles++;
            String name = relativeName(root, candidate);
            UnpackedFilesScan.Scanned scan = scanned.get(name);
            FileClassifier.Classification kind = scan != null ? scan.kind() : classifier.classify(candidate, name);
            boolean catalogData = kind.contents().stream().anyMatch(content -> content != Content.DOCUMENTS);
            if (!kind.commerceMl() || !catalogData) {
                ignored.add(name);
            } else {
                files.add(new ProcessingOrder.Ranked(new PackageFile(candidate, name, kind.contents()), kind.dictionaryRank()));
                counted &= scan != null;
                items += scan != null ? scan.items() : 0;
            }
        }
        if (files.isEmpty()) {
            throw new PackageException(displayName(importDir, zip), -1, -1, xmlFiles == 0
                    ? PackageRefusal.NO_XML.with()
                    : ignored.isEmpty() ? PackageRefusal.NO_CATALOG_FILE.with(xmlFiles)
                    : PackageRefusal.NO_CATALOG_FILE_FOUND.with(xmlFiles, String.join(", ", ignored)), null);
        }
        files.sort(ProcessingOrder.COMPARATOR);
        return new ExchangePackage(root, files.stream().map(ProcessingOrder.Ranked::file).toList(), ignored,
                counted ? OptionalLong.of(items) : OptionalLong.empty());
    }

    private static List<Path> topLevel(Path importDir) throws PackageException {
        if (importDir == null || !Files.exists(importDir)) {
            throw new PackageException(String.valueOf(importDir), -1, -1, PackageRefusal.FOLDER_MISSING.with(), null);
        }
        if (!Files.isDirectory(importDir)) {
            throw new PackageException(importDir.toString(), -1, -1, PackageRefusal.FOLDER_IS_FILE.with(), null);
        }
        try (Stream<Path> list = Files.list(importDir)) {
            List<Path> entries = list.sorted().toList();
            if (entries.isEmpty()) {
                throw new PackageException(importDir.toString(), -1, -1,
                        PackageRefusal.FOLDER_EMPTY.with(), null);
            }
            return entries;
        } catch (IOException e) {
            throw new PackageException(importDir.toString(), -1, -1, PackageRefusal.FOLDER_UNREADABLE.with(e), e);
        }
    }

    private static Path newestZip(List<Path> entries) throws PackageException {
        Path newest = null;
        FileTime newestTime = null;
        for (Path entry : entries) {
            if (!entry.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")
                    || !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                FileTime time = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS);
                // why ">= ": entries are sorted by name, so on equal times the last name wins, deterministically.
                if (newestTime == null || time.compareTo(newestTime) >= 0) {
                    newest = entry;
                    newestTime = time;
                }
            } catch (IOException e) {
                throw new PackageException(entry.toString(), -1, -1, PackageRefusal.ARCHIVE_UNREADABLE.with(e), e);
            }
        }
        return newest;
    }

    private static Path unpackDirectory(Path workDir, Path zip) throws PackageException {
        try {
            Files.createDirectories(workDir);
            // why a new folder each time: files of an earlier package must never mix with this one.
            return Files.createTempDirectory(workDir, "package-");
        } catch (IOException | RuntimeException e) {
            throw new PackageException(zip.getFileName().toString(), -1, -1,
                    PackageRefusal.NO_UNPACK_FOLDER.with(workDir, e), e);
        }
    }

    private static Path realPath(Path dir) throws PackageException {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new PackageException(dir.toString(), -1, -1, PackageRefusal.FOLDER_UNREADABLE.with(e), e);
        }
    }

    /** Thrown out of the tree walk when a link leads out of its package. */
    private static final class EscapingLink extends IOException {
        private final PackageException refusal;

        EscapingLink(PackageException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }
    }

    /** Every regular {@code *.xml} under root, links followed as the class comment says. */
    private static List<Path> candidates(Path root, List<String> ignored) throws PackageException {
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
                    if (attributes.isRegularFile()
                            && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")) {
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

    static String relativeName(Path root, Path file) {
        return root.relativize(file).toString().replace(File.separatorChar, '/');
    }

    private static String displayName(Path importDir, Path zip) {
        return zip != null ? zip.getFileName().toString() : importDir.toString();
    }
}
