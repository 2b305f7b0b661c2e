package org.catalogimport.catalog.media;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The media folder's record in PostgreSQL (V23): {@code media_file}, what was published with its
 * hash, and {@code media_publish}, the journal of publishes not yet finished. Every write here runs
 * on the import's connection, inside its transaction, except {@link #published}, which runs after it.
 */
public final class MediaFiles {

    private MediaFiles() {
    }

    /** Everything published, by path. */
    public static Map<String, StoredPicture> load(Connection connection) throws SQLException {
        Map<String, StoredPicture> files = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT path, sha256, size FROM media_file")) {
            while (rows.next()) {
                files.put(rows.getString(1), new StoredPicture(rows.getString(2), rows.getLong(3)));
            }
        }
        return files;
    }

    /**
     * The pictures the catalog names: every product's, active or not (an inactive product is still
     * in the catalog and comes back when 1C sends it again), as paths inside the media folder.
     */
    public static Set<String> referenced(Connection connection) throws SQLException {
        Set<String> paths = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT DISTINCT unnest(images) FROM product")) {
            while (rows.next()) {
                MediaFolder.relative(rows.getString(1)).ifPresent(paths::add);
            }
        }
        return paths;
    }

    /**
     * Records what the import publishes: the new and replaced (or adopted) pictures, the removed
     * ones, and the journal row that makes the publish finishable after a crash.
     */
    public static void record(Connection connection, long session, Map<String, StoredPicture> written,
                              Collection<String> removed) throws SQLException {
        if (!written.isEmpty()) {
            List<String> paths = new ArrayList<>(written.keySet());
            String[] hashes = new String[paths.size()];
            Long[] sizes = new Long[paths.size()];
            for (int i = 0; i < paths.size(); i++) {
                hashes[i] = written.get(paths.get(i)).sha256();
                sizes[i] = written.get(paths.get(i)).size();
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO media_file (path, sha256, size, session_id, updated_at)
                    SELECT p, h, s, ?, now() FROM unnest(?::varchar[], ?::char(64)[], ?::bigint[]) AS u(p, h, s)
                    ON CONFLICT (path) DO UPDATE SET sha256 = EXCLUDED.sha256, size = EXCLUDED.size,
                        session_id = EXCLUDED.session_id, updated_at = EXCLUDED.updated_at""")) {
                upsert.setLong(1, session);
                upsert.setArray(2, connection.createArrayOf("varchar", paths.toArray()));
                upsert.setArray(3, connection.createArrayOf("varchar", hashes));
                upsert.setArray(4, connection.createArrayOf("bigint", sizes));
                upsert.executeUpdate();
            }
        }
        Array removals = connection.createArrayOf("text", removed.toArray());
        if (!removed.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM media_file WHERE path = ANY (?)")) {
                delete.setArray(1, removals);
                delete.executeUpdate();
            }
        }
        try (PreparedStatement journal = connection.prepareStatement(
                "INSERT INTO media_publish (session_id, removals) VALUES (?, ?)")) {
            journal.setLong(1, session);
            journal.setArray(2, removals);
            journal.executeUpdate();
        }
    }

    /** A committed publish that did not finish. */
    public record Unfinished(long session, List<String> removals) {
    }

    public static List<Unfinished> unfinished(Connection connection) throws SQLException {
        List<Unfinished> journal = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT session_id, removals FROM media_publish ORDER BY session_id")) {
            while (rows.next()) {
                journal.add(new Unfinished(rows.getLong(1), List.of((String[]) rows.getArray(2).getArray())));
            }
        }
        return journal;
    }

    /** The publish of {@code session} is complete: its journal row goes. */
    public static void published(Connection connection, long session) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM media_publish WHERE session_id = ?")) {
            delete.setLong(1, session);
            delete.executeUpdate();
        }
    }
}
