package org.catalogimport.commerceml;

/** Pieces that other messages are built of: a quoted name, a reason with its place in a file. */
public enum CommonText implements MessageKey {
    /** A name in the language's quotes, then a space: "Чай" / «Чай». */
    QUOTED("text.quoted", 1),
    /** Where a name would go when there is none. */
    NOTHING("text.nothing", 0),
    /** "import.xml:12:5: the XML is malformed: ...". */
    LOCATED("text.located", 2),
    /** A size in mebibytes: "12.5 MiB" / «12,5 МиБ». */
    MEBIBYTES("text.mebibytes", 1);

    private final String key;
    private final int arity;

    CommonText(String key, int arity) {
        this.key = key;
        this.arity = arity;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public int arity() {
        return arity;
    }
}
