package org.catalogimport.catalog.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The media folder on disk: where a picture of the catalog lives, how an import stages its pictures
 * and how they are published.
 *
 * <p>An import copies new and changed pictures into its staging area,
 * {@code .catalog-import/staging/session-<id>/}, inside the media folder (so that publishing is a
 * rename on the same file system), each file written completely before the catalog commits. Publishing moves each staged file onto its place with an atomic rename: a reader
 * of the folder (the shop's web server) sees the old picture or the new one, never a part of one.
 * Publishing and discarding can be repeated after a crash at any point: a file already moved is no
 * longer in the staging area, a removal already done finds nothing.
 *
 * <p>The work area's name starts with a dot: web servers are told not to serve it (README).
 */
public final class MediaFolder {

    /** Our work area inside the media folder; never a picture's place. */
    static final String WORK_AREA = ".catalog-import";

    private final Path root;

    public MediaFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Where a picture named {@code Картинка} goes inside the folder ('/' separators), as 1C wrote it,
     * normalized; empty when it is absolute, leaves the folder or names our work area.
     */
    public static Optional<String> relative(String picturePath) {
        if (picturePath == null) {
            return Optional.empty();
        }
        String slashed = picturePath.strip().replace('\\', '/');
        if (slashed.isEmpty() || slashed.startsWith("/") || slashed.contains(":")) {
            return Optional.empty();
        }
        try {
            Path normalized = Path.of(slashed).normalize();
            if (normalized.toString().isEmpty() || normalized.startsWith("..")
                    || normalized.getName(0).toString().equals(WORK_AREA)) {
                return Optional.empty();
            }
            return Optional.of(normalized.toString().replace('\\', '/'));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    public Path file(String relative) {
        return root.resolve(relative);
    }

    Path staging(long session) {
        return root.resolve(WORK_AREA).resolve("staging").resolve("session-" + session);
    }

    /**
     * Copies {@code source} into the session's staging area, hashing it on the way. Not forced to
     * disk file by file: that cost 2.8 ms per picture here (+56 s for 20,000), more than the rest of
     * the import; a crash of the process or the node cannot show part of a picture (the rename comes
     * after the complete write), a power cut of the storage before the kernel wrote it back can.
     */
    public StoredPicture stage(long session, String relative, Path source) throws IOException {
        Path staged = staging(session).resolve(relative);
        Files.createDirectories(staged.getParent());
        MessageDigest sha = sha256();
        long size = 0;
        try (InputStream in = Files.newInputStream(source);
             FileChannel out = FileChannel.open(staged, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                sha.update(buffer, 0, n);
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
        }
        return new StoredPicture(HexFormat.of().formatHex(sha.digest()), size);
    }

    /** SHA-256 and size of a file. */
    public static StoredPicture hash(Path file) throws IOException {
        MessageDigest sha = sha256();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                sha.update(buffer, 0, n);
            }
        }
        return new StoredPicture(HexFormat.of().formatHex(sha.digest()), size);
    }

    /**
     * Moves every file of the session's staging area onto its place, deletes {@code removals}, and
     * removes the staging area. Safe to run again after it stopped half-way.
     */
    public void publish(long session, Collection<String> removals) throws IOException {
        Path staging = staging(session);
        if (Files.isDirectory(staging)) {
            List<Path> staged;
            try (Stream<Path> files = Files.walk(staging)) {
                staged = files.filter(Files::isRegularFile).toList();
            }
            for (Path file : staged) {
                moveIntoPlace(file, root.resolve(staging.relativize(file).toString()));
            }
        }
        for (String removal : removals) {
            Path file = root.resolve(removal).normalize();
            if (file.startsWith(root) && Files.deleteIfExists(file)) {
                pruneEmptyFolders(file.getParent(), root);
            }
        }
        discard(session);
    }

    private static void moveIntoPlace(Path staged, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // why: a sub-folder on another file system; copy next to the target, then rename there
            Path temporary = target.resolveSibling("." + target.getFileName() + ".publishing");
            Files.copy(staged, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(staged);
        }
    }

    /** Deletes the session's staging area, and the work area when nothing else is in it. */
    public void discard(long session) throws IOException {
        Path staging = staging(session);
        if (Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> paths = Files.walk(staging)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        pruneEmptyFolders(staging.getParent(), root);
    }

    /** The sessions that have a staging area. */
    public Set<Long> stagedSessions() throws IOException {
        Path staging = root.resolve(WORK_AREA).resolve("staging");
        Set<Long> sessions = new HashSet<>();
        if (Files.isDirectory(staging)) {
            try (Stream<Path> folders = Files.list(staging)) {
                folders.map(folder -> folder.getFileName().toString())
                        .filter(name -> name.matches("session-\\d+"))
                        .forEach(name -> sessions.add(Long.parseLong(name.substring("session-".length()))));
            }
        }
        return sessions;
    }

    /** Every file in the folder outside the work area, as {@link #relative} paths. */
    public Set<String> listing() throws IOException {
        Set<String> files = new HashSet<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        Path work = root.resolve(WORK_AREA);
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(path -> !path.startsWith(work) && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .forEach(path -> files.add(root.relativize(path).toString().replace('\\', '/')));
        }
        return files;
    }

    /** Removes empty folders from {@code folder} up to (not including) {@code top}. */
    private static void pruneEmptyFolders(Path folder, Path top) throws IOException {
        for (Path dir = folder; dir != null && dir.startsWith(top) && !dir.equals(top); dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                if (e instanceof DirectoryNotEmptyException) {
                    return;
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
