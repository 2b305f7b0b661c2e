package org.catalogimport.commerceml;

/**
 * The package cannot be read at all: malformed or truncated XML, a DTD, an unreadable file, a
 * missing or empty import folder, no CommerceML file, an unsafe or oversized zip. The message says
 * which file, where ({@code line:column}) when known, and what is wrong, for an administrator.
 */
public final class PackageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final long column;

    public PackageException(String message) {
        this(message, null);
    }

    public PackageException(String message, Throwable cause) {
        super(message, cause);
        this.file = null;
        this.line = -1;
        this.column = -1;
    }

    /**
     * @param file   the file's name in the package (or its path)
     * @param line   1-based, or -1 when unknown
     * @param column 1-based, or -1 when unknown
     */
    public PackageException(String file, long line, long column, String reason, Throwable cause) {
        super(format(file, line, column, reason), cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    private static String format(String file, long line, long column, String reason) {
        StringBuilder message = new StringBuilder(file);
        if (line > 0) {
            message.append(':').append(line);
            if (column > 0) {
                message.append(':').append(column);
            }
        }
        return message.append(": ").append(reason).toString();
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
