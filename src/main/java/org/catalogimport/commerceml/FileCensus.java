package org.catalogimport.commerceml;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one file holds, counted element by element while it was read ({@link ElementCensus}).
 *
 * @param file   the package file's relative name
 * @param items  item elements per entity, wherever they sit, read or not
 * @param unread item elements no reader read, one entry per distinct path
 * @param unused elements passed over as unknown or unused, one entry per distinct path (the ones
 *               left out on purpose, {@link EntityElements}, are not listed)
 */
public record FileCensus(String file, Map<CatalogEntity, Long> items, List<Unread> unread, List<Unused> unused) {

    /** {@code count} item elements of {@code entity} at {@code path} were not read; the first at {@code first}. */
    public record Unread(CatalogEntity entity, String element, String path, long count, Location first) {
    }

    /** {@code count} elements at {@code path} were passed over; the first at {@code first}. */
    public record Unused(String path, long count, Location first) {
    }

    public FileCensus {
        items = Map.copyOf(items);
        unread = List.copyOf(unread);
        unused = List.copyOf(unused);
    }

    /** Item elements not read, over all paths. */
    public long unreadItems() {
        return unread.stream().mapToLong(Unread::count).sum();
    }

    static FileCensus of(String file, ElementCensus census) {
        Map<CatalogEntity, Long> items = new EnumMap<>(CatalogEntity.class);
        census.items().forEach(items::put);
        Map<String, Unread> unread = new LinkedHashMap<>();
        for (ElementCensus.Unread u : census.unread()) {
            unread.merge(folded(u.path()), new Unread(u.entity(), u.element(), folded(u.path()), u.count(),
                    new Location(file, u.line())), (a, b) -> new Unread(a.entity, a.element, a.path,
                    a.count + b.count, a.first.line() <= b.first.line() ? a.first : b.first));
        }
        Map<String, Unused> unused = new LinkedHashMap<>();
        for (ElementCensus.Unused u : census.unused()) {
            unused.merge(folded(u.path()), new Unused(folded(u.path()), u.count(), new Location(file, u.line())),
                    (a, b) -> new Unused(a.path, a.count + b.count, a.first.line() <= b.first.line() ? a.first : b.first));
        }
        return new FileCensus(file, items, List.copyOf(unread.values()), List.copyOf(unused.values()));
    }

    /** Subgroups of subgroups are one place, not one per depth: {@code Группы/Группа/Группы/Группа} → {@code Группы/Группа}. */
    private static String folded(String path) {
        return NESTED_GROUPS.matcher(path).replaceAll("/Группы/Группа");
    }

    private static final Pattern NESTED_GROUPS = Pattern.compile("(/Группы/Группа)+");
}
