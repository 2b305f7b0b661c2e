package org.catalogimport.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an import did per entity: rows inserted, updated, left unchanged, and items that failed. */
public final class EntityCounts {

    /** Rows inserted, updated, unchanged (skipped), deactivated by a full exchange, and items that failed. */
    public record Count(long inserted, long updated, long unchanged, long deactivated, long failed) {
        Count plus(Count other) {
            return new Count(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged,
                    deactivated + other.deactivated, failed + other.failed);
        }
    }

    private final Map<String, Count> counts = new LinkedHashMap<>();

    void written(String entity, long batchSize, long inserted, long updated) {
        counts.merge(entity, new Count(inserted, updated, batchSize - inserted - updated, 0, 0), Count::plus);
    }

    void deactivated(String entity, long rows) {
        counts.merge(entity, new Count(0, 0, 0, rows, 0), Count::plus);
    }

    void failed(String entity, long failedItems) {
        counts.merge(entity, new Count(0, 0, 0, 0, failedItems), Count::plus);
    }

    public Count get(String entity) {
        return counts.getOrDefault(entity, new Count(0, 0, 0, 0, 0));
    }

    public Map<String, Count> asMap() {
        return Map.copyOf(counts);
    }

    /** {"products":{"inserted":1,"updated":0,"unchanged":0,"failed":0},...} for import_session.entity_counts. */
    public String toJson() {
        StringBuilder json = new StringBuilder("{");
        counts.forEach((entity, c) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            Json.string(json, entity).append(":{\"inserted\":").append(c.inserted())
                    .append(",\"updated\":").append(c.updated())
                    .append(",\"unchanged\":").append(c.unchanged())
                    .append(",\"deactivated\":").append(c.deactivated())
                    .append(",\"failed\":").append(c.failed()).append('}');
        });
        return json.append('}').toString();
    }
}
