package org.catalogimport.dev;

import static org.catalogimport.dev.DemoAssortment.BRANDS;
import static org.catalogimport.dev.DemoAssortment.BRAND_CODES;
import static org.catalogimport.dev.DemoAssortment.COLORS;
import static org.catalogimport.dev.DemoAssortment.COUNTRIES;
import static org.catalogimport.dev.DemoAssortment.EXTRAS;
import static org.catalogimport.dev.DemoAssortment.GENDERS;
import static org.catalogimport.dev.DemoAssortment.LEAVES;
import static org.catalogimport.dev.DemoAssortment.MATERIALS;
import static org.catalogimport.dev.DemoAssortment.MODELS;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.catalogimport.dev.DemoAssortment.Axis;
import org.catalogimport.dev.DemoAssortment.Leaf;

/**
 * The products of a demo package and their offers, drawn from {@link DemoAssortment}. Product
 * {@code i} draws from a {@link Random} of its own, seeded by {@code (seed, i)}, so it comes out the
 * same on every pass: nothing is kept per product, and the goods, offers, prices and stock files each
 * walk the products again with constant memory (100k products stream like 300).
 */
final class DemoProducts {

    record Variant(String id, String size, String color, boolean deleted) {

        /** {@code 42,5}, {@code Синий} or {@code 42,5, Синий}: how 1C names a characteristic. */
        String label() {
            if (size != null && color != null) {
                return size + ", " + color.trim();
            }
            return size != null ? size : color.trim();
        }
    }

    record Product(int index, String id, Leaf leaf, int brand, String name, String article,
                   String barcode, String description, int material, int color, String weightKg,
                   int country, int gender, Boolean waterproof, String warrantyMonths, long version,
                   boolean deleted, BigDecimal retail, List<Variant> variants) {
    }

    /** One offer: the product itself when it has no variants, else one of its variants. */
    record Offer(long ordinal, Product product, Variant variant) {
        String id() {
            return variant == null ? product.id : product.id + "#" + variant.id;
        }

        boolean deleted() {
            return product.deleted || (variant != null && variant.deleted);
        }
    }

    interface OfferAction {
        void accept(Offer offer) throws IOException;
    }

    private final int products;
    private final long seed;
    private final DemoIds ids;
    private final DemoShape shape;

    DemoProducts(int products, long seed, DemoIds ids, DemoShape shape) {
        this.products = products;
        this.seed = seed;
        this.ids = ids;
        this.shape = shape;
    }

    DemoShape shape() {
        return shape;
    }

    int count() {
        return products;
    }

    /** Every offer in file order, numbered from 0 (the ordinal picks the odd price formats and gaps). */
    void forEachOffer(OfferAction action) throws IOException {
        long ordinal = 0;
        for (int i = 0; i < products; i++) {
            Product p = product(i);
            if (p.variants.isEmpty()) {
                action.accept(new Offer(ordinal++, p, null));
            } else {
                for (Variant v : p.variants) {
                    action.accept(new Offer(ordinal++, p, v));
                }
            }
        }
    }

    /** What offer {@code o}'s stock rows draw from: a Random of its own, apart from its product's. */
    Random stockDraws(Offer o) {
        return new Random(mix(seed ^ 0x5EED_2E57L, o.ordinal));
    }

    /** Everything about product {@code i}; draws from a Random of its own so passes agree. */
    Product product(int i) {
        Random r = new Random(mix(seed, i));
        Leaf leaf = LEAVES.get(r.nextInt(LEAVES.size()));
        int brand = r.nextInt(BRANDS.length);
        String noun = leaf.nouns()[r.nextInt(leaf.nouns().length)];
        String model = MODELS[r.nextInt(MODELS.length)] + " " + (100 + 10 * r.nextInt(90));
        int material = leaf.materials()[r.nextInt(leaf.materials().length)];
        int country = r.nextInt(COUNTRIES.length);
        int gender = leaf.gendered() ? r.nextInt(GENDERS.length) : -1;
        Boolean waterproof = leaf.waterproofApplies() ? r.nextInt(3) == 0 : null;
        String warranty = switch (r.nextInt(3)) {
            case 0 -> "";
            case 1 -> "6";
            default -> "12";
        };
        double kg = leaf.minKg() + (leaf.maxKg() - leaf.minKg()) * r.nextDouble();
        // new BigDecimal(double) is exact; valueOf goes through Double.toString, which changed in JDK 19.
        String weight = new BigDecimal(kg).setScale(kg >= 1 ? 1 : 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
        int rub = leaf.minPrice() + r.nextInt(leaf.maxPrice() - leaf.minPrice() + 1);
        BigDecimal retail = BigDecimal.valueOf(Math.max(190, rub / 100 * 100 + 90));
        long version = 1 + r.nextInt(3);

        List<Variant> variants = new ArrayList<>();
        int productColor = r.nextInt(COLORS.length);
        boolean hasVariants = r.nextInt(3) < 2; // about two thirds of the products come in 2–4 variants
        if (shape.twoOffersPerProduct()) {
            variants.addAll(twoVariants(i, leaf, r));
        } else if (hasVariants) {
            int roll = r.nextInt(10);
            int count = roll < 6 ? 2 : roll < 9 ? 3 : 4;
            boolean sizes = leaf.axis() != Axis.NONE;
            boolean colors = leaf.colors() || !sizes;
            int mode = sizes && colors ? r.nextInt(10) : (sizes ? 0 : 5);
            // mode: 0–4 sizes only, 5–6 colours only, 7–9 two sizes × two colours
            if (sizes && colors && mode >= 7) {
                count = 4;
            }
            String[] axis = leaf.axis().values;
            int firstSize = axis.length == 0 ? 0 : r.nextInt(Math.max(1, axis.length - (count - 1)));
            int firstColor = r.nextInt(COLORS.length);
            for (int k = 0; k < count; k++) {
                String size = null;
                String color = null;
                if (sizes && (mode < 5 || mode >= 7)) {
                    int step = mode >= 7 ? k / 2 : k;
                    size = axis[Math.min(axis.length - 1, firstSize + step)];
                }
                if (colors && mode >= 5) {
                    int step = mode >= 7 ? k % 2 : k;
                    color = COLORS[(firstColor + step) % COLORS.length];
                }
                variants.add(new Variant(ids.id("characteristic:" + i + ":" + k), size, color, false));
            }
            variants = distinct(variants);
            if (variants.size() < 2) {
                variants.clear();
            }
        }
        boolean colorVariants = variants.stream().anyMatch(v -> v.color != null);
        int color = colorVariants ? -1 : productColor;

        // Deletion marks: a few whole products, and single variants of a few living products.
        boolean deleted = i % 97 == 42;
        if (!deleted && !variants.isEmpty() && i % 53 == 17) {
            Variant last = variants.get(variants.size() - 1);
            variants.set(variants.size() - 1, new Variant(last.id, last.size, last.color, true));
        }

        String name = noun + " " + BRANDS[brand] + " " + model
                + (color >= 0 ? ", " + COLORS[color].trim().toLowerCase(Locale.ROOT) : "");
        String article = BRAND_CODES[brand] + "-" + (100000 + i);
        // A few products have no barcode, like real catalogs.
        String barcode = r.nextInt(20) == 0 ? "" : ean13(String.format(Locale.ROOT, "4607%08d", (barcodeBase() + i) % 100_000_000));
        String description = r.nextInt(30) == 0 ? "" : noun + " " + BRANDS[brand] + " " + model + " " + leaf.purpose()
                + ". Материал: " + MATERIALS[material].toLowerCase(Locale.ROOT) + ".<br>"
                + EXTRAS[r.nextInt(EXTRAS.length)];
        if (shape.htmlDescriptions()) {
            description = "<p>" + noun + " " + BRANDS[brand] + " " + model + " " + leaf.purpose() + ".</p><ul><li>Материал: "
                    + MATERIALS[material].toLowerCase(Locale.ROOT) + "</li><li>Страна: " + COUNTRIES[country] + "</li><li>Вес: "
                    + weight + " кг</li></ul><p>" + EXTRAS[r.nextInt(EXTRAS.length)] + "</p>";
        }
        return new Product(i, ids.product(i), leaf, brand, name, article, barcode, description, material,
                color, weight, country, gender, waterproof, warranty, version, deleted, retail, variants);
    }

    /** Two variants that always differ: two sizes where the leaf has sizes, else two colours. */
    private List<Variant> twoVariants(int i, Leaf leaf, Random r) {
        String[] axis = leaf.axis().values;
        List<Variant> two = new ArrayList<>();
        int first = r.nextInt(Math.max(1, axis.length - 1));
        int firstColor = r.nextInt(COLORS.length);
        for (int k = 0; k < 2; k++) {
            String size = axis.length >= 2 ? axis[first + k] : null;
            String color = size == null ? COLORS[(firstColor + k) % COLORS.length] : null;
            two.add(new Variant(ids.id("characteristic:" + i + ":" + k), size, color, false));
        }
        return two;
    }

    private static List<Variant> distinct(List<Variant> variants) {
        Map<String, Variant> byLabel = new LinkedHashMap<>();
        for (Variant v : variants) {
            byLabel.putIfAbsent(v.label(), v);
        }
        return new ArrayList<>(byLabel.values());
    }

    private long barcodeBase() {
        return Math.floorMod(mix(seed, -1), 10_000_000L);
    }

    static String ean13(String twelveDigits) {
        int sum = 0;
        for (int k = 0; k < 12; k++) {
            int digit = twelveDigits.charAt(k) - '0';
            sum += (k % 2 == 0) ? digit : 3 * digit;
        }
        return twelveDigits + (10 - sum % 10) % 10;
    }

    /** SplitMix64 finaliser: decorrelates Random seeds of neighbouring products. */
    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
