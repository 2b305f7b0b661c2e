package org.catalogimport.catalog;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * One batch of rows in PostgreSQL's COPY text format, sent with one {@code COPY ... FROM STDIN}.
 * Cheaper than binding arrays: no array literals to build in Java and to parse again on the server.
 * The connection is reached through {@code unwrap(PGConnection.class)}, which also works on an
 * application server's pooled connection.
 */
final class CopyRows {

    private final StringBuilder text = new StringBuilder(1 << 16);
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
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
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
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " FROM STDIN", new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
    }
}
