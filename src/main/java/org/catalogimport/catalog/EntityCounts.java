package org.catalogimport.catalog;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.Text;

/**
 * What an import did per entity: the change report, and the accounting rule behind it. Every item
 * read is counted once as read, and once as what became of it: inserted, updated, unchanged,
 * merged (the same Ид read again: a later copy in the same batch, where the last one wins, or an
 * offer repeated by a prices or stock file only for its rows) or skipped (not stored, reported).
 * Deactivated rows and warnings are counted beside that, not in it; so are the item elements a file
 * holds where no reader looks ({@code notRead}, from the file's census): they were never read, and
 * each place they sit at is reported.
 */
public final class EntityCounts {

    /** One entity's numbers. */
    public record Count(long read, long inserted, long updated, long unchanged, long merged, long skipped,
                        long deactivated, long warnings, long notRead) {

        static final Count ZERO = new Count(0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** The counts of an import that knew nothing of censuses. */
        public Count(long read, long inserted, long updated, long unchanged, long merged, long skipped,
                     long deactivated, long warnings) {
            this(read, inserted, updated, unchanged, merged, skipped, deactivated, warnings, 0);
        }

        Count plus(Count o) {
            return new Count(read + o.read, inserted + o.inserted, updated + o.updated, unchanged + o.unchanged,
                    merged + o.merged, skipped + o.skipped, deactivated + o.deactivated, warnings + o.warnings,
                    notRead + o.notRead);
        }

        /** Stored by this import, changed or not. */
        public long written() {
            return inserted + updated + unchanged;
        }

        /** The accounting rule: every item read is stored, merged or skipped. */
        public boolean balanced() {
            return read == inserted + updated + unchanged + merged + skipped;
        }
    }

    private final Map<CatalogEntity, Count> counts = new EnumMap<>(CatalogEntity.class);

    private void add(CatalogEntity entity, Count count) {
        counts.merge(entity, count, Count::plus);
    }

    void read(CatalogEntity entity, long items) {
        add(entity, new Count(items, 0, 0, 0, 0, 0, 0, 0));
    }

    /** Rows sent in one statement, of which {@code inserted} were new and {@code updated} changed. */
    void written(CatalogEntity entity, long rows, long inserted, long updated) {
        add(entity, new Count(0, inserted, updated, rows - inserted - updated, 0, 0, 0, 0));
    }

    void unchanged(CatalogEntity entity, long rows) {
        add(entity, new Count(0, 0, 0, rows, 0, 0, 0, 0));
    }

    /** Rows created from a reference (an undeclared price type or warehouse): read and new. */
    void created(CatalogEntity entity, long rows) {
        add(entity, new Count(rows, rows, 0, 0, 0, 0, 0, 0));
    }

    void merged(CatalogEntity entity, long items) {
        add(entity, new Count(0, 0, 0, 0, items, 0, 0, 0));
    }

    void skipped(CatalogEntity entity, long items) {
        add(entity, new Count(0, 0, 0, 0, 0, items, 0, 0));
    }

    void deactivated(CatalogEntity entity, long rows) {
        add(entity, new Count(0, 0, 0, 0, 0, 0, rows, 0));
    }

    void warnings(CatalogEntity entity, long warnings) {
        add(entity, new Count(0, 0, 0, 0, 0, 0, 0, warnings));
    }

    /** Item elements of a file that no reader read (they sit where no reader looks). */
    void notRead(CatalogEntity entity, long items) {
        add(entity, new Count(0, 0, 0, 0, 0, 0, 0, 0, items));
    }

    public Count get(CatalogEntity entity) {
        return counts.getOrDefault(entity, Count.ZERO);
    }

    /** By the entity's key ({@code "products"}, {@code "priceTypes"}...). */
    public Count get(String key) {
        for (CatalogEntity entity : CatalogEntity.values()) {
            if (entity.key().equals(key)) {
                return get(entity);
            }
        }
        throw new IllegalArgumentException("No entity " + key);
    }

    public Map<CatalogEntity, Count> asMap() {
        return Map.copyOf(counts);
    }

    public long skipped() {
        return counts.values().stream().mapToLong(Count::skipped).sum();
    }

    public long warnings() {
        return counts.values().stream().mapToLong(Count::warnings).sum();
    }

    /** Item elements not read, over all entities. */
    public long notRead() {
        return counts.values().stream().mapToLong(Count::notRead).sum();
    }

    /** The first entity whose numbers do not add up, described for the session's error message. */
    public Optional<Text> imbalance() {
        for (Map.Entry<CatalogEntity, Count> entry : counts.entrySet()) {
            Count c = entry.getValue();
            if (!c.balanced()) {
                return Optional.of(WriteRefusal.IMBALANCE.with(entry.getKey().label(), c.read, c.inserted,
                        c.updated, c.unchanged, c.merged, c.skipped,
                        c.inserted + c.updated + c.unchanged + c.merged + c.skipped));
            }
        }
        return Optional.empty();
    }

    /**
     * {"products":{"read":3,"inserted":1,"updated":0,"unchanged":2,"merged":0,"skipped":0,
     * "deactivated":0,"warnings":0},...} for import_session.entity_counts, in entity order.
     */
    public String toJson() {
        StringBuilder json = new StringBuilder("{");
        for (CatalogEntity entity : CatalogEntity.values()) {
            Count c = counts.get(entity);
            if (c == null) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            Json.string(json, entity.key()).append(":{\"read\":").append(c.read)
                    .append(",\"inserted\":").append(c.inserted)
                    .append(",\"updated\":").append(c.updated)
                    .append(",\"unchanged\":").append(c.unchanged)
                    .append(",\"merged\":").append(c.merged)
                    .append(",\"skipped\":").append(c.skipped)
                    .append(",\"deactivated\":").append(c.deactivated)
                    .append(",\"warnings\":").append(c.warnings)
                    .append(",\"notRead\":").append(c.notRead).append('}');
        }
        return json.append('}').toString();
    }
}
