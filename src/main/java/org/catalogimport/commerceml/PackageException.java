package org.catalogimport.commerceml;

/**
 * The package cannot be read at all: malformed or truncated XML, a DTD, an unreadable file, a
 * missing or empty import folder, no CommerceML file, an unsafe or oversized zip. The message says
 * which file, where ({@code line:column}) when known, and what is wrong, for an administrator:
 * {@link #text()} in any language, {@link #getMessage()} in English (logs, the API).
 */
public final class PackageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final long column;
    private final transient Text text;

    /** A refusal that is not about one file (an import error that wraps an unexpected failure, say). */
    public PackageException(Text message, Throwable cause) {
        super(message.english(), cause);
        this.file = null;
        this.line = -1;
        this.column = -1;
        this.text = message;
    }

    /**
     * @param file   the file's name in the package (or its path)
     * @param line   1-based, or -1 when unknown
     * @param column 1-based, or -1 when unknown
     */
    public PackageException(String file, long line, long column, Text reason, Throwable cause) {
        super(located(file, line, column, reason).english(), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.text = located(file, line, column, reason);
    }

    private static Text located(String file, long line, long column, Text reason) {
        return CommonText.LOCATED.with(where(file, line, column), reason);
    }

    /** "import.xml:12:5", "import.xml:12" or "import.xml": where the reason applies. */
    private static String where(String file, long line, long column) {
        StringBuilder where = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            where.append(':').append(line);
            if (column > 0) {
                where.append(':').append(column);
            }
        }
        return where.toString();
    }

    /** The whole message (place and reason) as a key and arguments, to be read in any language. */
    public Text text() {
        return text;
    }

    /** The file the problem is in, null when it is not about one file. */
    public String file() {
        return file;
    }

    /** 1-based line, -1 when unknown. */
    public long line() {
        return line;
    }

    /** 1-based column, -1 when unknown. */
    public long column() {
        return column;
    }
}
