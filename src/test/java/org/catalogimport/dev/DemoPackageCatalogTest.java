package org.catalogimport.dev;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.catalogimport.dev.ParsedDemoPackage.Group;
import org.catalogimport.dev.ParsedDemoPackage.Node;
import org.catalogimport.dev.ParsedDemoPackage.ParsedFile;
import org.catalogimport.dev.ParsedDemoPackage.Property;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog inside the demo package, read from its files: the documented counts, the group tree,
 * the share of products with variants, every reference resolving, and values in the formats of real
 * exports. How the files are laid out is {@link DemoPackageLayoutTest}'s.
 */
class DemoPackageCatalogTest {

    // Golden numbers of the default package (300 products, seed 1). If one changes, the demo that new
    // users import changed: update it here on purpose, and mention it to whoever benchmarks with it.
    private static final int GROUPS = 25;
    private static final int DELETED_GROUPS = 1;
    private static final int GOODS_PROPERTIES = 9;   // 8 + the "Бренд" pseudo-property
    private static final int OFFER_PROPERTIES = 3;   // Размер, Цвет (shared with goods), Бренд
    private static final int DISTINCT_PROPERTIES = 10;
    private static final int DICTIONARY_VALUES = 100;
    private static final int PRODUCTS = 300;
    private static final int DELETED_PRODUCTS = 3;
    private static final int OFFERS = 632;
    private static final int DELETED_OFFERS = 8;
    private static final int PRICE_ROWS = 1869;
    private static final int STOCK_ROWS = 1896;
    private static final int WAREHOUSES = 3;
    private static final int PRICE_TYPES = 3;

    private static final Pattern PRICE = Pattern.compile("\\d+([.,]\\d{2})?");
    private static final String ZERO_GUID = "00000000-0000-0000-0000-000000000000";

    private static ParsedDemoPackage catalog;

    @BeforeAll
    static void writeDefaultPackageOnce(@TempDir Path dir) throws Exception {
        catalog = ParsedDemoPackage.writeDefault(dir);
    }

    // ---- counts ------------------------------------------------------------------------------------

    @Test
    @DisplayName("Given the default package, when parsed, then the counts are the documented demo numbers")
    void countsAreTheDocumentedDemoNumbers() {
        assertAll(
                () -> assertEquals(GROUPS, catalog.groups.size(), "groups"),
                () -> assertEquals(DELETED_GROUPS, catalog.groups.values().stream().filter(g -> g.deleted()).count(), "deleted groups"),
                () -> assertEquals(GOODS_PROPERTIES, catalog.goodsProperties.size(), "goods properties"),
                () -> assertEquals(OFFER_PROPERTIES, catalog.offerProperties.size(), "offer properties"),
                () -> assertEquals(DISTINCT_PROPERTIES, catalog.distinctPropertyCount(), "distinct properties"),
                () -> assertEquals(DICTIONARY_VALUES, catalog.distinctDictionaryValueCount(), "dictionary values"),
                () -> assertEquals(PRODUCTS, catalog.products.size(), "products"),
                () -> assertEquals(DELETED_PRODUCTS, catalog.products.stream().filter(p -> "true".equals(p.text("ПометкаУдаления"))).count(), "deleted products"),
                () -> assertEquals(OFFERS, catalog.offers.size(), "offers"),
                () -> assertEquals(DELETED_OFFERS, catalog.offers.stream().filter(o -> "true".equals(o.text("ПометкаУдаления"))).count(), "deleted offers"),
                () -> assertEquals(PRICE_ROWS, catalog.priceRows().size(), "price rows"),
                () -> assertEquals(STOCK_ROWS, catalog.stockRows().size(), "stock rows"),
                () -> assertEquals(WAREHOUSES, catalog.warehouses.size(), "warehouses"),
                () -> assertEquals(PRICE_TYPES, catalog.priceTypes.size(), "price types"));
    }

    @Test
    @DisplayName("Given the default package, then the group tree has 2–3 levels and products sit in live groups")
    void groupTreeHasTwoToThreeLevels() {
        int deepest = catalog.groups.values().stream().mapToInt(g -> g.depth()).max().orElse(0);
        assertEquals(3, deepest, "deepest group level");
        assertEquals(Set.of("Футбол", "Бег", "Фитнес", "Теннис", "Плавание", "Зимние виды", "Архив (не использовать)"),
                catalog.groups.values().stream().filter(g -> g.depth() == 1).map(g -> g.name()).collect(Collectors.toSet()));
    }

    @Test
    @DisplayName("Given the default package, then about two thirds of the products come in 2–4 variants and the rest in one offer")
    void aboutTwoThirdsOfProductsHaveVariants() {
        Map<String, Integer> offersPerProduct = new HashMap<>();
        int plain = 0;
        for (Node offer : catalog.offers) {
            String id = offer.text("Ид");
            int hash = id.indexOf('#');
            if (hash < 0) {
                plain++;
                assertTrue(offer.children("ХарактеристикиТовара").isEmpty(), "plain offer " + id + " has no characteristics");
            } else {
                offersPerProduct.merge(id.substring(0, hash), 1, Integer::sum);
            }
        }
        double share = offersPerProduct.size() / (double) PRODUCTS;
        assertTrue(share > 0.55 && share < 0.75, "share of products with variants: " + share);
        assertEquals(PRODUCTS, offersPerProduct.size() + plain, "each product has either variants or one plain offer");
        offersPerProduct.forEach((product, count) -> assertTrue(count >= 2 && count <= 4, product + " has " + count + " variants"));
    }

    // ---- references --------------------------------------------------------------------------------

    @Test
    @DisplayName("Given the default package, then every group, property, value, unit and brand a product refers to is defined")
    void productReferencesResolve() {
        for (Node product : catalog.products) {
            String id = product.text("Ид");
            for (Node group : product.child("Группы").children("Ид")) {
                Group g = catalog.groups.get(group.text);
                assertNotNull(g, "group " + group.text + " of product " + id);
                assertFalse(g.deleted(), "product " + id + " sits in a deleted group");
            }
            assertTrue(catalog.units.contains(product.text("БазоваяЕдиница")), "unit of " + id);
            for (Node value : product.child("ЗначенияСвойств").children("ЗначенияСвойства")) {
                assertValueResolves(catalog.goodsProperties, value, "product " + id);
            }
            String brandRequisite = product.child("ЗначенияРеквизитов").children("ЗначениеРеквизита").stream()
                    .filter(r -> "Бренд".equals(r.text("Наименование"))).map(r -> r.text("Значение")).findFirst().orElseThrow();
            assertTrue(catalog.goodsProperties.get(DemoPackageWriter.BRAND_PROPERTY_ID).values().containsKey(brandRequisite),
                    "brand requisite of " + id + " is a brand dictionary id");
        }
    }

    @Test
    @DisplayName("Given the default package, then every offer belongs to a product and its characteristics match its property values")
    void offerReferencesResolve() {
        Set<String> products = catalog.productIds();
        Set<String> deletedProducts = catalog.products.stream().filter(p -> "true".equals(p.text("ПометкаУдаления")))
                .map(p -> p.text("Ид")).collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        for (Node offer : catalog.offers) {
            String id = offer.text("Ид");
            assertTrue(seen.add(id), "offer id is unique: " + id);
            String productId = id.split("#", 2)[0];
            assertTrue(products.contains(productId), "product of offer " + id);
            if (deletedProducts.contains(productId)) {
                assertEquals("true", offer.text("ПометкаУдаления"), "offers of a deleted product are deleted too: " + id);
            }
            Map<String, String> characteristics = new LinkedHashMap<>();
            for (Node c : offer.children("ХарактеристикиТовара").stream().flatMap(n -> n.children("ХарактеристикаТовара").stream()).toList()) {
                characteristics.put(c.text("Наименование"), c.text("Значение"));
            }
            Map<String, String> fromProperties = new LinkedHashMap<>();
            for (Node value : offer.children("ЗначенияСвойств").stream().flatMap(n -> n.children("ЗначенияСвойства").stream()).toList()) {
                Property p = assertValueResolves(catalog.offerProperties, value, "offer " + id);
                fromProperties.put(p.name(), p.values().get(value.text("Значение")));
            }
            // 1C sends each characteristic twice: as a dictionary id and as display text.
            assertEquals(characteristics, fromProperties, "characteristics of " + id);
        }
    }

    @Test
    @DisplayName("Given the default package, then every offer has prices of defined types and stock for every defined warehouse")
    void priceAndStockReferencesResolve() {
        Set<String> offerIds = catalog.offers.stream().map(o -> o.text("Ид")).collect(Collectors.toSet());
        Set<String> pricedOffers = new HashSet<>();
        for (Node offer : catalog.priceOffers) {
            String id = offer.text("Ид");
            assertTrue(offerIds.contains(id), "priced offer " + id + " exists");
            assertTrue(pricedOffers.add(id), "one price entry per offer: " + id);
            Set<String> types = new HashSet<>();
            for (Node price : offer.child("Цены").children("Цена")) {
                assertTrue(catalog.priceTypes.contains(price.text("ИдТипаЦены")), "price type of " + id);
                assertTrue(types.add(price.text("ИдТипаЦены")), "one price per type for " + id);
            }
            assertTrue(types.size() >= 2, "retail and purchase prices at least for " + id);
        }
        assertEquals(offerIds, pricedOffers, "every offer is priced");

        Set<String> stockedOffers = new HashSet<>();
        for (Node offer : catalog.restOffers) {
            String id = offer.text("Ид");
            assertTrue(offerIds.contains(id), "stocked offer " + id + " exists");
            assertTrue(stockedOffers.add(id), "one stock entry per offer: " + id);
            Set<String> warehouses = offer.child("Остатки").children("Остаток").stream()
                    .map(r -> r.child("Склад").text("Ид")).collect(Collectors.toSet());
            assertEquals(catalog.warehouses, warehouses, "stock per warehouse for " + id);
        }
        assertEquals(offerIds, stockedOffers, "every offer has stock rows");
    }

    @Test
    @DisplayName("Given the default package, then the brand pseudo-property (Ид \"Бренд\") is repeated in every properties file")
    void brandPseudoPropertyIsInEveryPropertiesFile() {
        List<ParsedFile> propertyFiles = catalog.files.stream().filter(f -> f.folder().startsWith("properties")).toList();
        assertEquals(3, propertyFiles.size());
        for (ParsedFile f : propertyFiles) {
            long brands = f.root().child("Классификатор").child("Свойства").children("Свойство").stream()
                    .filter(p -> DemoPackageWriter.BRAND_PROPERTY_ID.equals(p.text("Ид"))).count();
            assertEquals(1, brands, "brand property in " + f.path());
        }
        assertEquals(20, catalog.goodsProperties.get(DemoPackageWriter.BRAND_PROPERTY_ID).values().size(), "brands");
    }

    // ---- values ------------------------------------------------------------------------------------

    @Test
    @DisplayName("Given the default package, then articles are unique and every non-empty barcode is a valid EAN-13")
    void articlesAreUniqueAndBarcodesAreValidEan13() {
        Set<String> articles = new HashSet<>();
        int barcodes = 0;
        for (Node product : catalog.products) {
            assertTrue(articles.add(product.text("Артикул")), "unique article " + product.text("Артикул"));
            String barcode = product.text("Штрихкод");
            if (!barcode.isEmpty()) {
                barcodes++;
                assertTrue(barcode.matches("\\d{13}"), "13 digits: " + barcode);
                assertEquals(DemoProducts.ean13(barcode.substring(0, 12)), barcode, "check digit of " + barcode);
                assertEquals(barcode, independentEan13(barcode.substring(0, 12)), "check digit of " + barcode);
            }
        }
        assertTrue(barcodes > PRODUCTS * 0.9 && barcodes < PRODUCTS, "most, not all, products have a barcode: " + barcodes);
    }

    @Test
    @DisplayName("Given the default package, then prices are exact decimals with a few comma and integer forms, in руб")
    void pricesUseTheNumberFormatsOfRealExports() {
        List<Node> rows = catalog.priceRows();
        long dot = 0;
        long comma = 0;
        long integer = 0;
        for (Node row : rows) {
            String value = row.text("ЦенаЗаЕдиницу");
            assertTrue(PRICE.matcher(value).matches(), "price format: " + value);
            assertEquals("руб", row.text("Валюта"));
            assertTrue(row.text("Представление").endsWith(" руб"), "presentation " + row.text("Представление"));
            if (value.contains(",")) {
                comma++;
            } else if (value.contains(".")) {
                dot++;
            } else {
                integer++;
            }
        }
        assertTrue(comma >= 2, "a couple of comma decimals: " + comma);
        assertTrue(integer >= 2, "a couple of integer prices: " + integer);
        assertTrue(dot > rows.size() * 0.9, "mostly 1990.00 style: " + dot);
        assertTrue(catalog.priceTypeCurrencies.stream().allMatch("RUB"::equals), "price types in RUB");
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static Property assertValueResolves(Map<String, Property> properties, Node value, String owner) {
        String propertyId = value.text("Ид");
        Property property = properties.get(propertyId);
        assertNotNull(property, "property " + propertyId + " of " + owner);
        String v = value.text("Значение");
        if (property.type().equals("Справочник") && !v.isEmpty() && !ZERO_GUID.equals(v)) {
            assertTrue(property.values().containsKey(v), "value " + v + " of " + property.name() + " in " + owner);
        }
        if (property.type().equals("Число") && !v.isEmpty()) {
            assertTrue(v.matches("-?\\d+(\\.\\d+)?"), "number with a dot in " + owner + ": " + v);
        }
        return property;
    }

    /** Written from the GS1 definition, not copied from the generator. */
    private static String independentEan13(String first12) {
        int odd = 0;
        int even = 0;
        for (int k = 0; k < 12; k++) {
            int d = Character.digit(first12.charAt(k), 10);
            if ((k + 1) % 2 == 0) {
                even += d;
            } else {
                odd += d;
            }
        }
        int check = (10 - (odd + 3 * even) % 10) % 10;
        return first12 + check;
    }
}
