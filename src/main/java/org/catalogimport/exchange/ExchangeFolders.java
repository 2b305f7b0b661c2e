package org.catalogimport.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where an exchange's files live: {@code <exchange dir>/<id>/incoming/} while they are received,
 * {@code <exchange dir>/<id>/batch-<n>/} once an import session took them. A file received after a
 * session started lands in {@code incoming/} again and goes to the next session; nothing an earlier
 * cycle of the exchange received is ever deleted by {@code init}.
 */
public record ExchangeFolders(Path root) {

    /** In a received zip whose entries could not be listed: stands for "any name". */
    static final String ANY_ENTRY = "*";

    public Path exchange(long exchangeId) {
        return root.resolve(Long.toString(exchangeId));
    }

    public Path incoming(long exchangeId) {
        return exchange(exchangeId).resolve("incoming");
    }

    public Path batch(long exchangeId, long batchId) {
        return exchange(exchangeId).resolve("batch-" + batchId);
    }

    /**
     * Moves received files into a batch's folder (a rename on the same storage) and lists the
     * entries of the zips among them: 1C then names those entries in {@code import&filename=}.
     */
    public List<String> move(long exchangeId, List<ExchangeStore.StagedFile> files, Path batchFolder) throws IOException {
        List<String> entries = new ArrayList<>();
        Files.createDirectories(batchFolder);
        for (ExchangeStore.StagedFile file : files) {
            StagedName name = StagedName.of(file.name());
            Path from = name.under(incoming(exchangeId));
            Path to = name.under(batchFolder);
            Files.createDirectories(to.getParent());
            if (Files.exists(from)) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
            if (name.isZip()) {
                entries.addAll(zipEntries(to));
            }
        }
        return entries;
    }

    private static List<String> zipEntries(Path zip) {
        List<String> names = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> all = file.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (!entry.isDirectory()) {
                    names.add(entry.getName().replace('\\', '/'));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // why: a broken zip is the import's to report (with its file name); here it only means
            // that any name 1C asks about may be inside it.
            return List.of(ANY_ENTRY);
        }
        return names;
    }

    /** Whether {@code name} (with or without its folder part) is one of {@code entries}. */
    static boolean namesEntry(List<String> entries, StagedName name) {
        if (entries == null) {
            return false;
        }
        for (String entry : entries) {
            if (entry.equals(ANY_ENTRY) || entry.equals(name.relative()) || entry.endsWith("/" + name.relative())
                    || entry.equals(name.baseName())) {
                return true;
            }
        }
        return false;
    }
}
