package org.catalogimport.commerceml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Decides whether a folder of uploaded files may become the next package, before it is accepted:
 * one zip, or one or more XML files (nothing else, no sub-folders), that pass the importer's own
 * rules. A zip goes through every rule of {@link ZipUnpacker} (entries that escape the folder,
 * links, entry count, bytes and ratio actually inflated) without being written out; then the
 * first elements of its XML entries, or of the XML files, must show at least one CommerceML
 * catalog, offers, prices or stock file. Reading stops after the root and first sections of at most
 * {@link #FILES_PEEKED} files, so the CommerceML check costs milliseconds whatever the size.
 */
public final class UploadedPackageCheck {

    /** XML files whose first elements are read to find a CommerceML one. */
    static final int FILES_PEEKED = 200;

    private final ReadLimits limits;
    private final XmlParsers parsers = new XmlParsers();

    public UploadedPackageCheck(ReadLimits limits) {
        this.limits = limits;
    }

    /**
     * A file name as a browser sent it, reduced to a safe name for the upload folder, or a refusal:
     * only {@code .zip} and {@code .xml}, no path, no control characters.
     */
    public static String safeName(String submitted) throws PackageException {
        String name = submitted == null ? "" : submitted.replace('\\', '/');
        // why the last segment: some browsers (old Edge, IE) send the client's whole path.
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                || name.getBytes(StandardCharsets.UTF_8).length > 200) {
            throw new PackageException(String.valueOf(submitted), -1, -1, PackageRefusal.NAME_NOT_STORABLE.with(), null);
        }
        if (!lower.endsWith(".zip") && !lower.endsWith(".xml")) {
            throw new PackageException(name, -1, -1,
                    PackageRefusal.NOT_ZIP_OR_XML.with(), null);
        }
        return name;
    }

    /**
     * Checks the files in {@code folder} (as stored by the upload) and returns the preview the
     * package panel shows.
     *
     * @throws PackageException naming the file and the rule it breaks
     */
    public PackagePreview check(Path folder) throws PackageException {
        List<Path> files = files(folder);
        List<Path> zips = files.stream().filter(f -> lowerName(f).endsWith(".zip")).toList();
        if (!zips.isEmpty() && files.size() > 1) {
            throw new PackageException(zips.get(0).getFileName().toString(), -1, -1,
                    PackageRefusal.ZIP_NOT_ALONE.with(), null);
        }
        if (zips.isEmpty()) {
            checkXmlFiles(files);
        } else {
            new ZipUnpacker(limits).verify(zips.get(0));
            checkZipContents(zips.get(0));
        }
        return new PackageInspector().inspect(folder);
    }

    private static List<Path> files(Path folder) throws PackageException {
        try (Stream<Path> list = Files.list(folder)) {
            List<Path> files = new ArrayList<>();
            for (Path path : list.sorted().toList()) {
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    throw new PackageException(path.getFileName().toString(), -1, -1, PackageRefusal.NOT_PLAIN_FILE.with(), null);
                }
                safeName(path.getFileName().toString());
                files.add(path);
            }
            if (files.isEmpty()) {
                throw new PackageException(folder.getFileName().toString(), -1, -1, PackageRefusal.NOTHING_UPLOADED.with(), null);
            }
            return files;
        } catch (IOException e) {
            throw new PackageException(folder.toString(), -1, -1, PackageRefusal.UPLOAD_UNREADABLE.with(e), e);
        }
    }

    private void checkXmlFiles(List<Path> files) throws PackageException {
        List<String> other = new ArrayList<>();
        for (Path file : files) {
            if (file.toFile().length() > limits.maxFileBytes()) {
                throw new PackageException(file.getFileName().toString(), -1, -1, PackageRefusal.FILE_TOO_LARGE.with(limits.maxFileBytes()), null);
            }
        }
        FileClassifier classifier = new FileClassifier(parsers);
        int peeked = 0;
        for (Path file : files) {
            if (peeked++ >= FILES_PEEKED) {
                break;
            }
            String name = file.getFileName().toString();
            if (catalogData(classifier.classify(file, name))) {
                return;
            }
            other.add(name);
        }
        throw notCommerceMl(files.size() == 1 ? files.get(0).getFileName().toString() : null, other);
    }

    private void checkZipContents(Path zip) throws PackageException {
        String zipName = zip.getFileName().toString();
        FileClassifier classifier = new FileClassifier(parsers);
        List<String> other = new ArrayList<>();
        try (ZipFile archive = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            int peeked = 0;
            for (Enumeration<? extends ZipEntry> entries = archive.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().toLowerCase(Locale.ROOT).endsWith(".xml")) {
                    continue;
                }
                if (peeked++ >= FILES_PEEKED) {
                    break;
                }
                InputStream in = archive.getInputStream(entry);
                if (catalogData(classifier.classify(in, zipName + "/" + entry.getName()))) {
                    return;
                }
                other.add(entry.getName());
            }
        } catch (IOException e) {
            throw new PackageException(zipName, -1, -1, PackageRefusal.ZIP_ARCHIVE_UNREADABLE.with(e.getMessage()), e);
        }
        throw notCommerceMl(zipName, other);
    }

    private static boolean catalogData(FileClassifier.Classification kind) {
        return kind.commerceMl() && kind.contents().stream().anyMatch(content -> content != Content.DOCUMENTS);
    }

    private static PackageException notCommerceMl(String what, List<String> xmlFiles) {
        String read = String.join(", ", xmlFiles.subList(0, Math.min(5, xmlFiles.size())))
                + (xmlFiles.size() > 5 ? ", …" : "");
        if (what == null) {
            // why no file name: several files were uploaded, none of them is the one to blame
            return new PackageException(xmlFiles.isEmpty() ? PackageRefusal.NO_XML_IN_UPLOAD.with()
                    : PackageRefusal.NO_CATALOG_IN_UPLOAD.with(read), null);
        }
        return new PackageException(what, -1, -1, xmlFiles.isEmpty() ? PackageRefusal.NO_XML_IN_IT.with()
                : PackageRefusal.NO_CATALOG_IN_IT.with(read), null);
    }

    private static String lowerName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
