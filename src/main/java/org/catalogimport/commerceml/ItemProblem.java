package org.catalogimport.commerceml;

import java.util.Objects;

/**
 * Something an administrator must be told about one item (or one row of it, such as a price).
 * {@link Kind#SKIPPED}: the item was not stored. {@link Kind#WARNING}: it was stored, with a
 * caveat (its group is unknown, its price type was created from the Ид, a picture is missing...).
 *
 * @param entity what kind of item it is
 * @param itemId the item's {@code Ид}, null when that is what is missing
 * @param line   line of the offending element, 0 when not known
 * @param text   what is wrong, in words an administrator understands: a message key and its
 *               arguments, read in each reader's language ({@link #reason()} is the English text)
 */
public record ItemProblem(Kind kind, CatalogEntity entity, String itemId, String file, long line, Text text) {

    /** Whether the item was stored despite the problem. */
    public enum Kind { SKIPPED, WARNING }

    public ItemProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(text, "text");
    }

    public static ItemProblem skipped(CatalogEntity entity, String itemId, Location location, Text reason) {
        return new ItemProblem(Kind.SKIPPED, entity, itemId, location == null ? null : location.file(),
                location == null ? 0 : location.line(), reason);
    }

    public static ItemProblem warning(CatalogEntity entity, String itemId, Location location, Text reason) {
        return new ItemProblem(Kind.WARNING, entity, itemId, location == null ? null : location.file(),
                location == null ? 0 : location.line(), reason);
    }

    /** What is wrong, in English: for logs, the API and the stored English text. */
    public String reason() {
        return text.english();
    }

    public boolean isSkipped() {
        return kind == Kind.SKIPPED;
    }
}
