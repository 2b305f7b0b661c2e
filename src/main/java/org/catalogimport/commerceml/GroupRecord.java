package org.catalogimport.commerceml;

/**
 * A product group ({@code Группа}). A parent is always delivered before its children.
 *
 * @param parentId null for a top-level group
 * @param deleted  {@code ПометкаУдаления=true} or {@code Статус=Удален}
 */
public record GroupRecord(String id, String parentId, String name, String description, boolean deleted) {
}
