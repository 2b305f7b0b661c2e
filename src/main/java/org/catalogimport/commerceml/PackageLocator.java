package org.catalogimport.commerceml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;

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
 * <p>Which zip, which files and how links are followed is {@link PackageFolder}'s to say, so that
 * the console's package panel names exactly what this class reads.
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
     * The same; a zip's files are classified on a thread from {@code threads} while it is unpacked
     * ({@link UnpackedFilesScan}).
     *
     * @param stop says when to give up classifying (a cancelled import)
     */
    public ExchangePackage locate(Path importDir, Path workDir, ThreadFactory threads, BooleanSupplier stop)
            throws PackageException {
        return locate(importDir, workDir, threads, stop, ZipsUnpackedAhead.NONE);
    }

    /**
     * The same, taking a zip's files from {@code ahead} when they were unpacked (and classified) there
     * before the import started and are still the zip's; otherwise the zip is unpacked here.
     */
    public ExchangePackage locate(Path importDir, Path workDir, ThreadFactory threads, BooleanSupplier stop,
                                  ZipsUnpackedAhead ahead) throws PackageException {
        List<Path> entries = PackageFolder.entries(importDir);
        List<String> ignored = new ArrayList<>();
        Path zip = PackageFolder.newestZip(entries).orElse(null);
        Path root = PackageFolder.realRoot(importDir);
        if (zip != null) {
            for (Path entry : entries) {
                if (!entry.equals(zip)) {
                    ignored.add(entry.getFileName().toString());
                }
            }
            root = unpackDirectory(workDir, zip);
            try {
                Optional<UnpackedZip> unpacked = ahead.take(zip, stop);
                Optional<ZippedXml> zipped = unpacked.isPresent() ? adopt(unpacked.get(), zip, root) : Optional.empty();
                if (zipped.isPresent()) {
                    return inZip(importDir, zip, root, ignored, unpacked.get(), zipped.get());
                }
                try (UnpackedFilesScan scan = new UnpackedFilesScan(threads, stop)) {
                    new ZipUnpacker(limits).unpack(zip, root, scan::unpacked);
                    return recognise(importDir, zip, root, ignored, scan.finish(), Map.of(), null);
                }
            } catch (PackageException | RuntimeException e) {
                // why: the caller never learns where a failed package was unpacked, so it cannot clean up.
                ZipUnpacker.delete(root);
                throw e;
            }
        }
        return recognise(importDir, null, root, ignored, Map.of(), Map.of(), null);
    }

    /**
     * Moves the files unpacked ahead (pictures and the like) into {@code root} (empty, in the work
     * folder) and opens the zip to read its XML files in, when they are the zip's as it is now;
     * otherwise deletes them. Empty: the zip is to be unpacked here.
     */
    private Optional<ZippedXml> adopt(UnpackedZip unpacked, Path zip, Path root) {
        if (!unpacked.isOf(zip, limits)) {
            unpacked.delete();
            return Optional.empty();
        }
        try {
            ZippedXml zipped = ZippedXml.open(zip);
            try {
                Files.delete(root);
                // why atomic: a rename within one file system; anything else is not worth a copy
                Files.move(unpacked.folder(), root, StandardCopyOption.ATOMIC_MOVE);
                return Optional.of(zipped);
            } catch (IOException e) {
                zipped.close();
                throw e;
            }
        } catch (IOException e) {
            unpacked.delete();
            // why: the zip is unpacked here instead, into the folder it expects
            root.toFile().mkdirs();
            return Optional.empty();
        }
    }

    /** The package of a zip unpacked ahead: its XML files read in the zip, the others in {@code root}. */
    private ExchangePackage inZip(Path importDir, Path zip, Path root, List<String> ignored, UnpackedZip unpacked,
                                  ZippedXml zipped) throws PackageException {
        try {
            return recognise(importDir, zip, root, ignored, unpacked.classified(), unpacked.xmlInZip(), zipped);
        } catch (PackageException | RuntimeException e) {
            closeQuietly(zipped);
            throw e;
        }
    }

    /**
     * @param classified the files a scan already classified, by relative name; the others are
     *                   classified here
     * @param xmlInZip   XML files not in {@code root} but in {@code zipped}, by relative name
     */
    private ExchangePackage recognise(Path importDir, Path zip, Path root, List<String> ignored,
                                      Map<String, FileClassifier.Classification> classified,
                                      Map<String, ZippedXml.Listed> xmlInZip, ZippedXml zipped) throws PackageException {
        List<PackageFile> candidates = new ArrayList<>();
        for (Path onDisk : PackageFolder.xmlFiles(root, ignored)) {
            candidates.add(new PackageFile(onDisk, PackageFolder.relativeName(root, onDisk), Set.of()));
        }
        // why in this order: the files on disk are walked in it, so the ignored ones are listed alike
        xmlInZip.keySet().stream().sorted(NaturalOrder.INSTANCE).forEach(name -> candidates.add(
                new PackageFile(root.resolve(name), name, Set.of(), zipped.entry(xmlInZip.get(name)))));
        List<ProcessingOrder.Ranked> files = new ArrayList<>();
        FileClassifier classifier = new FileClassifier(parsers);
        int xmlFiles = 0;
        for (PackageFile candidate : candidates) {
            xmlFiles++;
            String name = candidate.relativeName();
            FileClassifier.Classification kind = classified.get(name);
            if (kind == null) {
                kind = classifier.classify(candidate);
            }
            boolean catalogData = kind.contents().stream().anyMatch(content -> content != Content.DOCUMENTS);
            if (!kind.commerceMl() || !catalogData) {
                ignored.add(name);
            } else {
                files.add(new ProcessingOrder.Ranked(new PackageFile(candidate.path(), name, kind.contents(),
                        candidate.zipped()), kind.dictionaryRank()));
            }
        }
        if (files.isEmpty()) {
            throw new PackageException(displayName(importDir, zip), -1, -1, xmlFiles == 0
                    ? PackageRefusal.NO_XML.with()
                    : ignored.isEmpty() ? PackageRefusal.NO_CATALOG_FILE.with(xmlFiles)
                    : PackageRefusal.NO_CATALOG_FILE_FOUND.with(xmlFiles, String.join(", ", ignored)), null);
        }
        files.sort(ProcessingOrder.COMPARATOR);
        return new ExchangePackage(root, files.stream().map(ProcessingOrder.Ranked::file).toList(), ignored, zip != null,
                zipped);
    }

    private static void closeQuietly(ZippedXml zipped) {
        try {
            zipped.close();
        } catch (IOException e) {
            // the package was refused; closing is only tidying up
        }
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

    private static String displayName(Path importDir, Path zip) {
        return zip != null ? zip.getFileName().toString() : importDir.toString();
    }
}
