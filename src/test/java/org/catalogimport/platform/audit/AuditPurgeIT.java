package org.catalogimport.platform.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.catalogimport.testing.RolledBackTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit retention on real PostgreSQL with a clock the test sets: rows older than a year go, in
 * batches, the rest stay; a day later the next oldest goes.
 */
class AuditPurgeIT {

    private static final Instant NOW = Instant.parse("2031-03-01T03:17:00Z");
    private static final Duration YEAR = Duration.ofDays(365);

    @RegisterExtension
    final RolledBackTransaction database = new RolledBackTransaction();

    @BeforeEach
    void trail() throws SQLException {
        try (Statement statement = database.connection().createStatement()) {
            // why: other tests' rows are recent and would only add noise; this transaction is rolled back.
            statement.executeUpdate("delete from audit_event");
        }
        // Row i was recorded 360 + i days before NOW: rows 0..5 are within the year, 6..19 are older.
        try (PreparedStatement insert = database.connection().prepareStatement(
                "insert into audit_event (at, user_name, address, action, target) values (?, 'it-admin', '192.0.2.1', 'IMPORT_STARTED', ?)")) {
            for (int i = 0; i < 20; i++) {
                insert.setTimestamp(1, Timestamp.from(NOW.minus(Duration.ofDays(360 + i))));
                insert.setString(2, "import " + i);
                insert.executeUpdate();
            }
        }
    }

    @Test
    void rowsOlderThanTheRetentionGoInBatchesAndTheRestStays() throws SQLException {
        AuditPurge purge = new AuditPurge(database.connection());

        int deleted = 0;
        int batch;
        int batches = 0;
        do {
            batch = purge.deleteBatch(NOW.minus(YEAR), 4);
            deleted += batch;
            batches++;
        } while (batch == 4);

        assertEquals(14, deleted);
        assertEquals(4, batches, "14 rows in batches of 4: 4, 4, 4, 2");
        assertEquals(List.of("import 0", "import 1", "import 2", "import 3", "import 4", "import 5"), targets());

        // A day later, the next oldest row goes too
        assertEquals(1, purge.deleteBatch(NOW.plus(Duration.ofDays(1)).minus(YEAR), 4));
        assertEquals(List.of("import 0", "import 1", "import 2", "import 3", "import 4"), targets());
    }

    private List<String> targets() throws SQLException {
        List<String> targets = new ArrayList<>();
        try (Statement statement = database.connection().createStatement();
             ResultSet rows = statement.executeQuery("select target from audit_event order by at desc")) {
            while (rows.next()) {
                targets.add(rows.getString(1));
            }
        }
        return targets;
    }
}
