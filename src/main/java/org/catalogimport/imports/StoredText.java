package org.catalogimport.imports;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import org.catalogimport.commerceml.Text;

/**
 * A {@link Text} as the database keeps it (V17): the key in one column, the arguments as a JSON
 * array in another (a nested text as {@code {"key": ..., "args": [...]}}), next to the English text
 * the row always had. Reading falls back to that English text for rows from before V17 and for a
 * key no bundle knows any more, so history never shows a raw key.
 */
public final class StoredText {

    private StoredText() {
    }

    /** The arguments of {@code text} as a JSON array. */
    public static String args(Text text) {
        return array(text).build().toString();
    }

    private static JsonArrayBuilder array(Text text) {
        JsonArrayBuilder args = Json.createArrayBuilder();
        for (Object arg : text.args()) {
            if (arg instanceof Text nested) {
                args.add(Json.createObjectBuilder().add("key", nested.key()).add("args", array(nested)));
            } else {
                args.add(String.valueOf(arg));
            }
        }
        return args;
    }

    /** The stored text, or null when the row has no key (written before V17). */
    public static Text read(String key, String argsJson) {
        if (key == null) {
            return null;
        }
        if (argsJson == null || argsJson.isBlank()) {
            return new Text(key, List.of());
        }
        try (JsonReader reader = Json.createReader(new StringReader(argsJson))) {
            return new Text(key, values(reader.readArray()));
        }
    }

    private static List<Object> values(JsonArray array) {
        List<Object> values = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            if (value instanceof JsonObject nested) {
                values.add(new Text(nested.getString("key"), values(nested.getJsonArray("args"))));
            } else if (value instanceof JsonString string) {
                values.add(string.getString());
            } else {
                values.add(value.toString());
            }
        }
        return values;
    }

    /**
     * The row's text in {@code locale}: its key and arguments formatted, or {@code english} when the
     * row has no key or the key cannot be formatted (a message removed since, a damaged row).
     */
    public static String shown(String key, String argsJson, String english, Locale locale) {
        if (key == null) {
            return english;
        }
        try {
            return read(key, argsJson).in(locale);
        } catch (MissingResourceException | IllegalArgumentException | JsonException e) {
            return english;
        }
    }
}
