package org.catalogimport.testing;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An import session written straight into {@code import_session}, for the pages and answers about
 * sessions in states an import takes long to reach (a six-digit progress, a finished session with
 * problems, a node that died). Starts now, by "it"; each method sets what the test is about:
 * <pre>long id = StoredSession.of("FAILED").by("filter-it").error("for the filter test").insert();</pre>
 */
public final class StoredSession {

    /** Column name → SQL expression; parameters in {@link #parameters}, in order. */
    private final Map<String, String> columns = new LinkedHashMap<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private StoredSession(String status) {
        set("status", status);
        columns.put("started_at", "now()");
        set("triggered_by", "it");
    }

    public static StoredSession of(String status) {
        return new StoredSession(status);
    }

    public StoredSession by(String user) {
        return set("triggered_by", user);
    }

    public StoredSession onNode(String node) {
        return set("node", node);
    }

    /** Finished {@code duration} after it started. */
    public StoredSession lasting(Duration duration) {
        columns.put("finished_at", "now() + interval '" + duration.toSeconds() + " seconds'");
        return this;
    }

    /** Its node's last heartbeat, {@code fromNow} from now (negative: in the past). */
    public StoredSession heartbeat(Duration fromNow) {
        columns.put("heartbeat_at", "now() + interval '" + fromNow.toSeconds() + " seconds'");
        return this;
    }

    public StoredSession items(long total, long processed) {
        return set("total_items", total).set("processed_items", processed);
    }

    public StoredSession problems(long skipped, long warnings) {
        return set("skipped_items", skipped).set("warning_items", warnings);
    }

    public StoredSession error(String message) {
        return set("error_message", message);
    }

    public StoredSession source(String source, String reference) {
        return set("source", source).set("source_reference", reference);
    }

    /** The change report, as the importer stores it. */
    public StoredSession entityCounts(String json) {
        columns.put("entity_counts", "cast(? as jsonb)");
        parameters.put("entity_counts", json);
        return this;
    }

    /** Writes the row; returns its id. */
    public long insert() throws SQLException {
        List<Object> values = new ArrayList<>();
        for (String column : columns.keySet()) {
            if (parameters.containsKey(column)) {
                values.add(parameters.get(column));
            }
        }
        return TestDatabase.update("insert into import_session (" + String.join(", ", columns.keySet()) + ") values ("
                + String.join(", ", columns.values()) + ") returning id", values.toArray());
    }

    private StoredSession set(String column, Object value) {
        columns.put(column, "?");
        parameters.put(column, value);
        return this;
    }
}
