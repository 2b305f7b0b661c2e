package org.catalogimport.api;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import org.catalogimport.imports.ImportStatus;

/**
 * The import figures a monitoring system scrapes, in the Prometheus text format.
 *
 * <p>Why from PostgreSQL and not per-node counters (MicroProfile Metrics, Micrometer): imports run
 * on any node of the cluster, nodes restart, and the figure an operator alerts on ("no successful
 * import for 26 h") must be the cluster's, whichever node is scraped. The session table already
 * holds every figure, and this runs unchanged on Payara and WildFly (WildFly 39 no longer ships
 * MicroProfile Metrics; Payara ships no Micrometer).
 */
@Stateless
public class ImportMetrics {

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

    public String prometheusText() {
        StringBuilder text = new StringBuilder();
        help(text, "catalog_import_sessions", "gauge",
                "Import sessions in the kept history by status (dry runs included; history is trimmed by retention).");
        @SuppressWarnings("unchecked")
        List<Object[]> byStatus = entityManager.createNativeQuery(
                "select status, count(*) from import_session group by status").getResultList();
        for (ImportStatus status : ImportStatus.values()) {
            long count = byStatus.stream().filter(r -> status.name().equals(r[0]))
                    .mapToLong(r -> ((Number) r[1]).longValue()).sum();
            text.append("catalog_import_sessions{status=\"").append(status.name().toLowerCase(Locale.ROOT))
                    .append("\"} ").append(count).append('\n');
        }
        Object[] last = (Object[]) entityManager.createNativeQuery("""
                select extract(epoch from (select max(finished_at) from import_session
                                            where status = 'COMPLETED' and not dry_run)),
                       extract(epoch from finished_at - started_at), processed_items, skipped_items + warning_items,
                       (select count(*) from import_session where status = 'RUNNING')
                  from (select 1) one
                  left join lateral (select * from import_session
                                      where status in ('COMPLETED', 'FAILED', 'CANCELLED') and not dry_run
                                      order by finished_at desc limit 1) s on true""").getSingleResult();
        gauge(text, "catalog_import_last_success_timestamp_seconds",
                "When the last successful import (not a dry run) finished, Unix time; 0 if none.", last[0]);
        gauge(text, "catalog_import_last_duration_seconds", "Duration of the last finished import.", last[1]);
        double seconds = last[1] == null ? 0 : ((Number) last[1]).doubleValue();
        double items = last[2] == null ? 0 : ((Number) last[2]).doubleValue();
        gauge(text, "catalog_import_last_items_per_second", "Items per second of the last finished import.",
                seconds > 0 ? items / seconds : 0);
        gauge(text, "catalog_import_last_problems", "Problems the last finished import reported: items skipped plus items stored with a warning.", last[3]);
        gauge(text, "catalog_import_running", "1 while an import runs anywhere in the cluster.", last[4]);
        return text.toString();
    }

    private static void gauge(StringBuilder text, String name, String help, Object value) {
        help(text, name, "gauge", help);
        double number = value == null ? 0 : ((Number) value).doubleValue();
        text.append(name).append(' ').append(number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number))
                .append('\n');
    }

    private static void help(StringBuilder text, String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
