package org.catalogimport.commerceml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Tells what the next import would read without importing it: the package's files, sizes, layout,
 * schema versions, export date and whether it is a full exchange, read from file headers (the
 * first elements of at most {@link #FILES_PEEKED} files), plus a fingerprint that identifies the
 * package. For a zip only its central directory is read.
 */
public final class PackageInspector {

    /** Files whose first elements are read for the date, versions and full/changes flag. */
    static final int FILES_PEEKED = 200;
    /** Bytes of each file's start and end that go into a folder package's fingerprint. */
    private static final int SAMPLE_BYTES = 64 * 1024;

    private final XmlParsers parsers = new XmlParsers();

    /** The preview of what {@link PackageLocator#locate} would import from {@code importDir}. */
    public PackagePreview inspect(Path importDir) throws PackageException {
        if (importDir == null || !Files.isDirectory(importDir)) {
            throw new PackageException(String.valueOf(importDir), -1, -1, PackageRefusal.FOLDER_MISSING.with(), null);
        }
        try {
            Optional<Path> zip = PackageFolder.newestZip(PackageFolder.entries(importDir));
            return zip.isPresent() ? zip(zip.get()) : folder(importDir);
        } catch (IOException e) {
            throw new PackageException(importDir.toString(), -1, -1, PackageRefusal.FOLDER_UNREADABLE.with(e), e);
        }
    }

    private PackagePreview folder(Path importDir) throws IOException, PackageException {
        Path root = PackageFolder.realRoot(importDir);
        // why sorted by path here: the fingerprint's order, unchanged since sessions first stored it.
        List<Path> xml = PackageFolder.xmlFiles(root, new ArrayList<>()).stream().sorted().toList();
        MessageDigest digest = sha256();
        long bytes = 0;
        Instant newest = Instant.EPOCH;
        Header header = new Header();
        int peeked = 0;
        for (Path file : xml) {
            String name = PackageFolder.relativeName(root, file);
            long size = Files.size(file);
            bytes += size;
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            newest = modified.isAfter(newest) ? modified : newest;
            digest.update((name + "\u0000" + size + "\u0000").getBytes(StandardCharsets.UTF_8));
            sample(file, size, digest);
            header.layout(name);
            if (peeked++ < FILES_PEEKED) {
                header.peek(parsers, file, name);
            }
        }
        return new PackagePreview(importDir.toString(), false, xml.size(), bytes, header.layouts(), List.copyOf(header.versions),
                Optional.ofNullable(header.createdAt), header.full(), HexFormat.of().formatHex(digest.digest()), newest);
    }

    private static PackagePreview zip(Path zip) throws IOException {
        MessageDigest digest = sha256();
        Header header = new Header();
        int xmlFiles = 0;
        long bytes = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
                entries.add(e.nextElement());
            }
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (ZipEntry entry : entries) {
                digest.update((entry.getName() + "\u0000" + entry.getSize() + "\u0000" + entry.getCrc() + "\u0000")
                        .getBytes(StandardCharsets.UTF_8));
                if (!entry.isDirectory() && entry.getName().toLowerCase(Locale.ROOT).endsWith(".xml")) {
                    xmlFiles++;
                    bytes += Math.max(0, entry.getSize());
                    header.layout(entry.getName());
                }
            }
        }
        return new PackagePreview(zip.toString(), true, xmlFiles, bytes, header.layouts(), List.of(), Optional.empty(),
                Optional.empty(), HexFormat.of().formatHex(digest.digest()), Files.getLastModifiedTime(zip).toInstant());
    }

    /** The first and last bytes of a file: enough to tell packages apart without reading a gigabyte. */
    private static void sample(Path file, long size, MessageDigest digest) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, SAMPLE_BYTES));
            channel.read(buffer, 0);
            digest.update(buffer.flip());
            if (size > 2L * SAMPLE_BYTES) {
                buffer.clear();
                channel.read(buffer, size - SAMPLE_BYTES);
                digest.update(buffer.flip());
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the headers and names of a package's files say. */
    private static final class Header {
        final TreeSet<String> versions = new TreeSet<>();
        boolean ut11;
        boolean split;
        boolean classic;
        String createdAt;
        Boolean full;

        void layout(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            String file = lower.substring(lower.lastIndexOf('/') + 1);
            if (file.contains("___")) {
                ut11 = true;
            } else if (lower.contains("/") || file.matches("(goods|offers|prices|rests|groups|properties\\w*|storages|units|pricelists)_.*")) {
                split = true;
            } else {
                classic = true;
            }
        }

        List<String> layouts() {
            List<String> layouts = new ArrayList<>();
            if (classic) {
                layouts.add("CommerceML 2.x");
            }
            if (ut11) {
                layouts.add("UT 11");
            }
            if (split) {
                layouts.add("CommerceML 3.1 split");
            }
            return layouts;
        }

        Optional<Boolean> full() {
            return Optional.of(Boolean.TRUE.equals(full));
        }

        /** Reads the root's attributes and the first section's СодержитТолькоИзменения. */
        void peek(XmlParsers parsers, Path path, String name) {
            try (XmlCursor cursor = XmlCursor.open(parsers, path, name)) {
                if (!CommerceMlReader.ROOT.equals(cursor.root())) {
                    return;
                }
                String version = cursor.attribute("ВерсияСхемы");
                if (version != null) {
                    versions.add(version);
                }
                String date = cursor.attribute("ДатаФормирования");
                if (date != null && (createdAt == null || date.compareTo(createdAt) > 0)) {
                    createdAt = date;
                }
                while (cursor.nextChild()) {
                    switch (cursor.name()) {
                        case "Каталог", "ПакетПредложений", "ИзмененияПакетаПредложений" -> {
                            if ("false".equalsIgnoreCase(String.valueOf(cursor.attribute("СодержитТолькоИзменения")).strip())) {
                                full = true;
                            }
                            return;
                        }
                        default -> cursor.skip();
                    }
                }
            } catch (PackageException e) {
                // a broken file is the import's to report, with its line; the preview just says less
            }
        }
    }
}
