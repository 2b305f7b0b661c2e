package org.catalogimport.dev;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.catalogimport.dev.DemoAssortment.PriceType;
import org.catalogimport.dev.DemoAssortment.Property;

/**
 * The 1C Ид of everything in a demo package: a name-based UUID of {@code (seed, key)}. Nothing is
 * kept, so every pass over the products, and {@link DialectPackageWriter} re-shaping the package, get
 * the same id for the same thing.
 */
final class DemoIds {

    private final long seed;

    DemoIds(long seed) {
        this.seed = seed;
    }

    /** The Ид of whatever {@code key} names, e.g. {@code catalog}, {@code product:0}. */
    String id(String key) {
        return UUID.nameUUIDFromBytes((seed + "|" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    String product(int index) {
        return id("product:" + index);
    }

    String group(String path) {
        return id("group:" + path);
    }

    String property(Property p) {
        return p == DemoAssortment.P_BRAND ? DemoPackageWriter.BRAND_PROPERTY_ID : id("property:" + p.key());
    }

    /** Dictionary value ids; the waterproof flag uses {@code true}/{@code false}, as 1C does for booleans. */
    String value(Property p, String value) {
        if (p == DemoAssortment.P_WATERPROOF) {
            return "Да".equals(value) ? "true" : "false";
        }
        return id("value:" + p.key() + ":" + value);
    }

    String priceType(PriceType type) {
        return id("priceType:" + type.name());
    }

    String warehouse(int w) {
        return id("warehouse:" + w);
    }

    /** 1C's НомерВерсии: a base64 counter, e.g. AAAAAAAAAAE= for 1. */
    static String version(long n) {
        byte[] bytes = new byte[8];
        for (int k = 7; k >= 0; k--) {
            bytes[k] = (byte) (n >>> (8 * (7 - k)));
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
