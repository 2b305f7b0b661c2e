package org.catalogimport.catalog;

import java.util.Collection;
import java.util.Map;

/** Minimal JSON text for the jsonb columns the importer writes; faster than a JSON library per row. */
final class Json {

    private Json() {
    }

    static String array(Collection<String> values) {
        StringBuilder json = new StringBuilder(values.size() * 16 + 2).append('[');
        boolean first = true;
        for (String value : values) {
            if (!first) {
                json.append(',');
            }
            string(json, value);
            first = false;
        }
        return json.append(']').toString();
    }

    static String objectOfArrays(Map<String, ? extends Collection<String>> values) {
        StringBuilder json = new StringBuilder(values.size() * 48 + 2).append('{');
        boolean first = true;
        for (Map.Entry<String, ? extends Collection<String>> entry : values.entrySet()) {
            if (!first) {
                json.append(',');
            }
            string(json, entry.getKey()).append(':').append(array(entry.getValue()));
            first = false;
        }
        return json.append('}').toString();
    }

    /** [{"name": .., "value": ..}, ...] */
    static String namedValues(Collection<String[]> pairs) {
        StringBuilder json = new StringBuilder(pairs.size() * 40 + 2).append('[');
        boolean first = true;
        for (String[] pair : pairs) {
            if (!first) {
                json.append(',');
            }
            json.append("{\"name\":");
            string(json, pair[0]).append(",\"value\":");
            string(json, pair[1]).append('}');
            first = false;
        }
        return json.append(']').toString();
    }

    static StringBuilder string(StringBuilder json, String value) {
        if (value == null) {
            return json.append("null");
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    // why: PostgreSQL's jsonb rejects \u0000, and raw control characters are invalid JSON.
                    if (c < 0x20) {
                        if (c != 0) {
                            json.append(String.format("\\u%04x", (int) c));
                        }
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
