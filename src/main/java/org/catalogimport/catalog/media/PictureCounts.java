package org.catalogimport.catalog.media;

/**
 * What an import did to the media folder, counted per picture path (a picture several products
 * name counts once): {@code fresh} published for the first time, {@code replaced} (other bytes
 * than the published file), {@code unchanged} (same bytes: not copied), {@code missing} (named by a
 * product, not in the package), {@code refused} (a path leaving the folder, not a picture by its
 * signature, over the size limit: reported, not copied), {@code removed} (no product names it any
 * more). A check (dry run) counts what an import would do and publishes nothing.
 */
public record PictureCounts(long fresh, long replaced, long unchanged, long missing, long refused, long removed) {

    public static final PictureCounts NONE = new PictureCounts(0, 0, 0, 0, 0, 0);

    /** {"new":1,"replaced":0,...}: the change report's {@code pictures} section. */
    public String toJson() {
        return "{\"new\":" + fresh + ",\"replaced\":" + replaced + ",\"unchanged\":" + unchanged
                + ",\"missing\":" + missing + ",\"refused\":" + refused + ",\"removed\":" + removed + "}";
    }

    /** The change report ({@code entity_counts}, an object per entity) with this as its {@code pictures} section. */
    public String addTo(String entityCountsJson) {
        String body = entityCountsJson.strip();
        body = body.substring(0, body.length() - 1).strip();
        return body + (body.equals("{") ? "" : ",") + "\"pictures\":" + toJson() + "}";
    }
}
