package org.catalogimport.imports;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * PostgreSQL's own account of an import's statements, for the import benchmark
 * ({@code -Dbench.statements=N}): what each statement cost the server, summed over its calls, from
 * {@code pg_stat_statements}. Why this and not {@code log_min_duration_statement}: the writer's
 * statements are short and many (a few per 2,000 records), so a log of each is gigabytes and its
 * writing slows the import it describes; the extension sums them in shared memory.
 *
 * <p>Needs {@code shared_preload_libraries = 'pg_stat_statements'} in the server's configuration (a
 * restart), so a PostgreSQL of one's own through {@code CATALOG_DB_URL} (the embedded one does not
 * preload it); without it, says so once and prints nothing else.
 */
final class StatementProfile {

    private final int top;
    private boolean available = true;

    StatementProfile(int top) {
        this.top = top;
    }

    boolean enabled() {
        return top > 0 && available;
    }

    /** Forgets what was counted so far, so that {@link #print} describes one import. */
    void reset(Connection connection) throws SQLException {
        if (!enabled()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("SELECT pg_stat_statements_reset()");
        } catch (SQLException e) {
            available = false;
            System.out.println("  (no statement profile: " + e.getMessage().lines().findFirst().orElse("")
                    + "; set shared_preload_libraries = 'pg_stat_statements' and restart PostgreSQL)");
        }
    }

    /** The {@code top} statements by server time since {@link #reset}, and the total of all of them. */
    void print(Connection connection, double importSeconds) throws SQLException {
        if (!enabled()) {
            return;
        }
        String mine = "dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND query NOT LIKE '%pg_stat_statements%'";
        try (Statement statement = connection.createStatement()) {
            try (ResultSet total = statement.executeQuery("SELECT coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0),"
                    + " count(*), current_setting('pg_stat_statements.track_utility')::boolean FROM pg_stat_statements WHERE " + mine)) {
                total.next();
                System.out.printf(Locale.ROOT, "  statements: %,d calls of %d kinds, %.1f s in PostgreSQL (%.0f %% of the import's"
                                + " %.1f s; %s)%n", total.getLong(1), total.getLong(3), total.getDouble(2) / 1000,
                        total.getDouble(2) / 10 / importSeconds, importSeconds, total.getBoolean(4)
                                ? "COPY and COMMIT, with its deferred foreign key checks, included"
                                : "COPY and COMMIT not counted: pg_stat_statements.track_utility is off");
            }
            try (ResultSet rows = statement.executeQuery("SELECT calls, total_exec_time, rows, query FROM pg_stat_statements"
                    + " WHERE " + mine + " ORDER BY total_exec_time DESC LIMIT " + top)) {
                System.out.println("     calls   server s   ms/call        rows  statement");
                while (rows.next()) {
                    long calls = rows.getLong(1);
                    double millis = rows.getDouble(2);
                    System.out.printf(Locale.ROOT, "  %8d %10.2f %9.2f %11d  %s%n", calls, millis / 1000, millis / Math.max(1, calls),
                            rows.getLong(3), shorten(rows.getString(4)));
                }
            }
        }
    }

    private static String shorten(String query) {
        String oneLine = query.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 150 ? oneLine.substring(0, 147) + "..." : oneLine;
    }
}
