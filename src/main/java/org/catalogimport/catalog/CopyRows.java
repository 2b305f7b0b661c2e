package org.catalogimport.catalog;

import java.util.Arrays;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * One batch of rows in PostgreSQL's COPY text format, sent with one {@code COPY ... FROM STDIN}.
 * Cheaper than binding arrays: no array literals to build in Java and to parse again on the server.
 * The connection is reached through {@code unwrap(PGConnection.class)}, which also works on an
 * application server's pooled connection as long as the application sees the very driver classes
 * the pool uses: on Payara the driver on the server's class path, on WildFly the org.postgresql
 * module (WEB-INF/jboss-deployment-structure.xml; the WildFly WAR carries no driver of its own).
 */
final class CopyRows {

    // why bytes, not a StringBuilder: a batch of products with long descriptions is megabytes;
    // UTF-8 bytes are sent as they are, with no String copy of the whole batch (256 MB heap target)
    private final Utf8Buffer text = new Utf8Buffer();
    private int rows;
    private boolean rowStarted;

    int rows() {
        return rows;
    }

    CopyRows add(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        text.append(needsEscape(value) ? escape(value) : value);
        return this;
    }

    private static boolean needsEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\t' -> escaped.append("\\t");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    CopyRows add(BigDecimal value) {
        return value == null ? add((String) null) : addRaw(value.toPlainString());
    }

    CopyRows add(long value) {
        return addRaw(Long.toString(value));
    }

    CopyRows add(boolean value) {
        return addRaw(value ? "t" : "f");
    }

    private CopyRows addRaw(String value) {
        separate();
        text.append(value);
        return this;
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }

    CopyRows endRow() {
        text.append('\n');
        rows++;
        rowStarted = false;
        return this;
    }

    /** A PostgreSQL array literal of strings ({@code {"a","b"}}), for an array column. */
    static String arrayLiteral(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (String value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    /** Copies the rows into {@code table} (its columns in the order they were added). */
    void copyInto(Connection connection, String table) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN", text.asStream());
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
    }

    /** A growing UTF-8 byte buffer, read back without a copy. */
    private static final class Utf8Buffer {
        private byte[] bytes = new byte[1 << 16];
        private int size;

        Utf8Buffer append(String value) {
            return append(value.getBytes(StandardCharsets.UTF_8));
        }

        Utf8Buffer append(char asciiChar) {
            ensure(1);
            bytes[size++] = (byte) asciiChar;
            return this;
        }

        Utf8Buffer append(byte[] more) {
            ensure(more.length);
            System.arraycopy(more, 0, bytes, size, more.length);
            size += more.length;
            return this;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        InputStream asStream() {
            return new ByteArrayInputStream(bytes, 0, size);
        }
    }
}
