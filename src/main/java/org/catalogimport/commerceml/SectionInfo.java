package org.catalogimport.commerceml;

/**
 * A section begins. Delivered before the section's first record (or at its end when it has none).
 *
 * <p>Judge "full exchange ⇒ deactivate what did not come" only on sections that carry items:
 * 3.1 dictionary files open with a header-only {@code Каталог} or {@code ПакетПредложений}, and real
 * 3.1 exports say {@code containsOnlyChanges=true} even for complete uploads.
 *
 * @param kind                which section
 * @param id                  its {@code Ид} (catalog/classifier GUID; {@code #guid} or {@code guid#} for
 *                            offer packages), null when absent
 * @param containsOnlyChanges {@code СодержитТолькоИзменения}, given as an attribute or a child element
 * @param file                the package file's relative name
 */
public record SectionInfo(SectionKind kind, String id, boolean containsOnlyChanges, String file) {
}
