package org.catalogimport.commerceml;

/**
 * The id and full/partial flag of a section, announced to the visitor once, right before the
 * section's first record: both come as child elements, after the start tag.
 */
final class SectionHeader {

    private final SectionKind kind;
    private String id;
    private boolean containsOnlyChanges;
    private boolean announced;

    SectionHeader(SectionKind kind, XmlCursor cursor) {
        this.kind = kind;
        this.containsOnlyChanges = Values.isTrue(cursor.attribute("СодержитТолькоИзменения"));
    }

    /** Reads the header child the cursor is on; false when it is not one. */
    boolean read(XmlCursor cursor) throws PackageException {
        switch (cursor.name()) {
            case "Ид" -> id = cursor.text();
            case "СодержитТолькоИзменения" -> containsOnlyChanges |= Values.isTrue(cursor.text());
            default -> {
                return false;
            }
        }
        return true;
    }

    void announce(ReadContext context) {
        if (!announced) {
            announced = true;
            context.visitor.section(new SectionInfo(kind, id, containsOnlyChanges, context.file));
        }
    }
}
