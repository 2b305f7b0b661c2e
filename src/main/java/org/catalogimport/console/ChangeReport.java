package org.catalogimport.console;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.catalogimport.commerceml.CatalogEntity;

/**
 * The change report of a session as a table: one row per entity, in the order an import writes
 * them, plus totals. Read from the session's stored {@code entity_counts}.
 */
public final class ChangeReport implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One entity's numbers; {@code entity} is the key of {@link CatalogEntity} ("products"...). */
    public record Row(String entity, long read, long inserted, long updated, long unchanged, long merged,
                      long deactivated, long skipped, long warnings, long notRead) implements Serializable {

        // why getters: Jakarta EL 5 (EE 10) reads bean properties, not record components.
        public String getEntity() {
            return entity;
        }
        public long getRead() {
            return read;
        }
        public long getInserted() {
            return inserted;
        }
        public long getUpdated() {
            return updated;
        }
        public long getUnchanged() {
            return unchanged;
        }
        public long getMerged() {
            return merged;
        }
        public long getDeactivated() {
            return deactivated;
        }
        public long getSkipped() {
            return skipped;
        }
        public long getWarnings() {
            return warnings;
        }
        public long getNotRead() {
            return notRead;
        }

        Row plus(Row o) {
            return new Row(entity, read + o.read, inserted + o.inserted, updated + o.updated, unchanged + o.unchanged,
                    merged + o.merged, deactivated + o.deactivated, skipped + o.skipped, warnings + o.warnings,
                    notRead + o.notRead);
        }
    }

    /** The report's pictures section: what the import did to the media folder (null: none recorded). */
    public record Pictures(long fresh, long replaced, long unchanged, long missing, long refused, long removed)
            implements Serializable {
        public long getFresh() {
            return fresh;
        }
        public long getReplaced() {
            return replaced;
        }
        public long getUnchanged() {
            return unchanged;
        }
        public long getMissing() {
            return missing;
        }
        public long getRefused() {
            return refused;
        }
        public long getRemoved() {
            return removed;
        }
    }

    private final List<Row> rows;
    private final Row total;
    private Pictures pictures;

    private ChangeReport(List<Row> rows) {
        this.rows = List.copyOf(rows);
        Row sum = new Row("total", 0, 0, 0, 0, 0, 0, 0, 0, 0);
        for (Row row : rows) {
            sum = sum.plus(row);
        }
        this.total = sum;
    }

    public static ChangeReport of(String json) {
        List<Row> rows = new ArrayList<>();
        Pictures pictures = null;
        if (json != null && !json.isBlank()) {
            try (JsonReader reader = Json.createReader(new StringReader(json))) {
                JsonObject report = reader.readObject();
                for (CatalogEntity entity : CatalogEntity.values()) {
                    JsonObject c = report.getJsonObject(entity.key());
                    if (c != null) {
                        rows.add(new Row(entity.key(), number(c, "read"), number(c, "inserted"), number(c, "updated"),
                                number(c, "unchanged"), number(c, "merged"), number(c, "deactivated"),
                                number(c, "skipped"), number(c, "warnings"), number(c, "notRead")));
                    }
                }
                JsonObject p = report.getJsonObject("pictures");
                if (p != null) {
                    pictures = new Pictures(number(p, "new"), number(p, "replaced"), number(p, "unchanged"),
                            number(p, "missing"), number(p, "refused"), number(p, "removed"));
                }
            }
        }
        ChangeReport report = new ChangeReport(rows);
        report.pictures = pictures;
        return report;
    }

    private static long number(JsonObject counts, String name) {
        return counts.containsKey(name) ? counts.getJsonNumber(name).longValue() : 0;
    }

    public List<Row> getRows() {
        return rows;
    }

    public Row getTotal() {
        return total;
    }

    public Pictures getPictures() {
        return pictures;
    }

    /** The pictures section as the one row of its table (none when no section was recorded). */
    public List<Pictures> getPictureRows() {
        return pictures == null ? List.of() : List.of(pictures);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
