package org.catalogimport.commerceml;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A zip unpacked before its import started, by {@link GrowingZipUnpacker}: the folder its pictures
 * and other files are in, its XML files (left in the zip, to be read there: {@link ZippedXml}),
 * which zip they came from (the file, its size, a digest of its central directory), and what each
 * XML file carries.
 */
public final class UnpackedZip {

    private final Path folder;
    private final Object fileKey;
    private final long size;
    private final byte[] directoryDigest;
    private final Map<String, FileClassifier.Classification> classified;
    private final Map<String, ZippedXml.Listed> xmlInZip;

    UnpackedZip(Path folder, Object fileKey, long size, byte[] directoryDigest,
                Map<String, FileClassifier.Classification> classified, Map<String, ZippedXml.Listed> xmlInZip) {
        this.folder = folder;
        this.fileKey = fileKey;
        this.size = size;
        this.directoryDigest = directoryDigest.clone();
        this.classified = Map.copyOf(classified);
        this.xmlInZip = Map.copyOf(xmlInZip);
    }

    /** The XML files, by relative name: not in the folder, to be read in the zip. */
    Map<String, ZippedXml.Listed> xmlInZip() {
        return xmlInZip;
    }

    public Path folder() {
        return folder;
    }

    Map<String, FileClassifier.Classification> classified() {
        return classified;
    }

    /** The file it was unpacked from (its inode on Linux): a rename keeps it, a new file has another. */
    public Object fileKey() {
        return fileKey;
    }

    /**
     * Whether these are the files of {@code zip} as it is now: the same file, the same size and the
     * same central directory (which lists every entry's CRC), so a file sent again from its start
     * with other content, even of the same size, is not mistaken for it.
     */
    public boolean isOf(Path zip, ReadLimits limits) {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            BasicFileAttributes now = Files.readAttributes(zip, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return fileKey != null && Objects.equals(fileKey, now.fileKey()) && size == channel.size()
                    && Arrays.equals(directoryDigest, ZipCentralDirectory.read(channel, limits.maxZipEntries()).digest());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Deletes the folder with everything in it (links are not followed). */
    public void delete() {
        ZipUnpacker.delete(folder);
    }

    /** Deletes a folder an unpacking left behind (the server stopped while it ran), as {@link #delete}. */
    public static void deleteLeftover(Path folder) {
        ZipUnpacker.delete(folder);
    }
}
