package org.catalogimport.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.catalogimport.imports.StoredText;
import org.catalogimport.platform.persistence.CatalogDatabase;

/**
 * Every call the exchange refused: one log line each (never a secret), a row in {@code exchange_refusal}
 * that the exchange page and {@code GET /api/exchanges/refusals} list, and counts by kind for
 * {@code /api/metrics}. Why this matters: 1C shows its operator only "failure" and a line; when it is
 * the site that refuses (a wrong password sent by someone else, a size limit, a throttle), the
 * administrator must be able to see it without a shell.
 */
@ApplicationScoped
public class ExchangeRefusals {

    private static final Logger LOG = Logger.getLogger(ExchangeRefusals.class.getName());

    /** One refused call. */
    public record Refusal(Instant at, String address, String user, String mode, ExchangeRefused.Kind kind, String reason,
                          String reasonKey, String reasonArgs) {

        /** The reason in {@code locale} (English when it was recorded in English only). */
        public String reasonIn(Locale locale) {
            return StoredText.shown(reasonKey, reasonArgs, reason, locale);
        }

        // why getters: Jakarta EL 5 (EE 10) reads bean properties, not record components.
        public Instant getAt() {
            return at;
        }
        public String getAddress() {
            return address;
        }
        public String getUser() {
            return user;
        }
        public String getReason() {
            return reason;
        }
    }

    @Inject
    CatalogDatabase database;

    private final Clock clock = Clock.systemUTC();

    /**
     * Records a refused call from the client {@code address} (as {@code ClientAddress} decides it), as
     * {@code user} when the call named one: {@code exchangeId} when the caller's exchange is known (its
     * page then shows the reason instead of a bare "receiving"). Never fails the answer: a refusal that cannot
     * be stored is still logged and answered.
     */
    public void record(String address, ExchangeRequest query, ExchangeRefused refused, Long exchangeId, String user) {
        LOG.warning(() -> "1C exchange refused " + query.type() + "/" + query.mode() + " from " + address
                + (user == null ? "" : " (user '" + user + "')") + ": " + refused.kind() + ": " + refused.getMessage());
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO exchange_refusal"
                     + " (at, address, user_name, mode, kind, reason, exchange_id, reason_key, reason_args)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.from(clock.instant()));
            insert.setString(2, truncate(address, 100));
            insert.setString(3, truncate(user, 100));
            insert.setString(4, truncate(query.mode(), 32));
            insert.setString(5, refused.kind().name());
            insert.setString(6, refused.getMessage());
            insert.setObject(7, exchangeId);
            insert.setString(8, refused.text() == null ? null : refused.text().key());
            insert.setString(9, refused.text() == null ? null : StoredText.args(refused.text()));
            insert.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "The refusal could not be recorded", e);
        }
    }

    /** The newest {@code limit} refusals, newest first. */
    public List<Refusal> recent(int limit) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT at, address, user_name, mode, kind, reason,"
                     + " reason_key, reason_args FROM exchange_refusal ORDER BY at DESC, id DESC LIMIT ?")) {
            select.setInt(1, limit);
            List<Refusal> refusals = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    refusals.add(new Refusal(rows.getTimestamp(1).toInstant(), rows.getString(2), rows.getString(3),
                            rows.getString(4), ExchangeRefused.Kind.valueOf(rows.getString(5)), rows.getString(6),
                            rows.getString(7), rows.getString(8)));
                }
            }
            return refusals;
        } catch (SQLException e) {
            throw new IllegalStateException("The exchange's refusals could not be read: " + e.getMessage(), e);
        }
    }

    /** {@code catalog_exchange_refusals_total{kind="wrong_password"} 3}, for every kind, in the Prometheus text format. */
    public String prometheusText() {
        Map<ExchangeRefused.Kind, Long> counts = new EnumMap<>(ExchangeRefused.Kind.class);
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT kind, count(*) FROM exchange_refusal GROUP BY kind");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                counts.put(ExchangeRefused.Kind.valueOf(rows.getString(1)), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The exchange's refusals could not be counted: " + e.getMessage(), e);
        }
        StringBuilder text = new StringBuilder("# HELP catalog_exchange_refusals_total Calls the 1C exchange refused,"
                + " by kind (in the kept history).\n# TYPE catalog_exchange_refusals_total counter\n");
        for (ExchangeRefused.Kind kind : ExchangeRefused.Kind.values()) {
            text.append("catalog_exchange_refusals_total{kind=\"").append(kind.name().toLowerCase(Locale.ROOT))
                    .append("\"} ").append(counts.getOrDefault(kind, 0L)).append('\n');
        }
        return text.toString();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
