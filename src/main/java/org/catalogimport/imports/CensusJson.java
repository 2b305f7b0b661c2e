package org.catalogimport.imports;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;
import org.catalogimport.commerceml.FileCensus;

/**
 * What an import's census found, as stored in {@code import_session.census}: where items sat that no
 * reader read, and the elements passed over as unknown or unused, each once per path.
 * <pre>{"unread":[{"entity":"products","element":"Товар","path":…,"count":600,"file":…,"line":12}],
 *  "unused":[{"path":…,"count":3,"file":…,"line":40}]}</pre>
 */
public final class CensusJson {

    /** One place of the census: {@code entity} and {@code element} are null for an unused element. */
    public record Place(String entity, String element, String path, long count, String file, long line) {

        // why getters: Jakarta EL 5 (EE 10) reads bean properties, not record components.
        public String getElement() {
            return element;
        }
        public String getPath() {
            return path;
        }
        public long getCount() {
            return count;
        }
        public String getFile() {
            return file;
        }
        public long getLine() {
            return line;
        }
    }

    private CensusJson() {
    }

    /** Null when there is nothing to tell (the column stays empty). */
    static String of(List<FileCensus.Unread> unread, List<FileCensus.Unused> unused) {
        if (unread.isEmpty() && unused.isEmpty()) {
            return null;
        }
        JsonArrayBuilder unreadArray = Json.createArrayBuilder();
        for (FileCensus.Unread place : unread) {
            unreadArray.add(Json.createObjectBuilder()
                    .add("entity", place.entity().key())
                    .add("element", place.element())
                    .add("path", place.path())
                    .add("count", place.count())
                    .add("file", place.first().file())
                    .add("line", place.first().line()));
        }
        JsonArrayBuilder unusedArray = Json.createArrayBuilder();
        for (FileCensus.Unused place : unused) {
            unusedArray.add(Json.createObjectBuilder()
                    .add("path", place.path())
                    .add("count", place.count())
                    .add("file", place.first().file())
                    .add("line", place.first().line()));
        }
        return Json.createObjectBuilder().add("unread", unreadArray).add("unused", unusedArray).build().toString();
    }

    /** The unread places of a stored census (none for null or an older session). */
    public static List<Place> unread(String json) {
        return places(json, "unread");
    }

    /** The unused elements of a stored census. */
    public static List<Place> unused(String json) {
        return places(json, "unused");
    }

    private static List<Place> places(String json, String key) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonArray array = reader.readObject().getJsonArray(key);
            if (array == null) {
                return List.of();
            }
            return array.getValuesAs(JsonObject.class).stream().map(o -> new Place(o.getString("entity", null),
                    o.getString("element", null), o.getString("path"), o.getJsonNumber("count").longValue(),
                    o.getString("file", null), o.getJsonNumber("line").longValue())).toList();
        }
    }
}
