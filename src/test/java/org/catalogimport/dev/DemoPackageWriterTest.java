package org.catalogimport.dev;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the demo package the way an importer would see it: by parsing the files it writes, not by
 * trusting the generator's own bookkeeping.
 */
class DemoPackageWriterTest {

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

    /**
     * The brief asked for ~2 MB, but the requested content in 1C's real element shapes (Cyrillic tag
     * names are two bytes a character) comes to about 3 MB; this bound catches accidental growth.
     */
    private static final long MAX_DEFAULT_PACKAGE_BYTES = 3L * 1024 * 1024;

    private static final Pattern FILE_NAME =
            Pattern.compile("(?<folder>[A-Za-z]+)_1_(?<segment>\\d+)_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.xml");
    private static final Pattern PRICE = Pattern.compile("\\d+([.,]\\d{2})?");
    private static final String ZERO_GUID = "00000000-0000-0000-0000-000000000000";

    @TempDir
    static Path shared;

    private static Path defaultPackage;
    private static Catalog catalog;

    @BeforeAll
    static void writeDefaultPackageOnce() throws Exception {
        defaultPackage = DemoPackageWriter.writeDefault(shared.resolve("default"));
        catalog = Catalog.read(defaultPackage);
    }

    // ---- layout and encoding -----------------------------------------------------------------------

    @Test
    @DisplayName("Given the default package, then it has exactly the folders of a 3.1 split export, with 1C's segment file names")
    void folderLayoutMatchesARealSplitExport() throws IOException {
        // Given / When
        Map<String, List<Path>> filesByFolder = filesByFolder(defaultPackage);

        // Then
        assertEquals(Set.copyOf(DemoPackageWriter.FOLDERS), filesByFolder.keySet(), "top-level folders");
        for (Map.Entry<String, List<Path>> folder : filesByFolder.entrySet()) {
            List<Integer> segments = new ArrayList<>();
            for (Path file : folder.getValue()) {
                Matcher m = FILE_NAME.matcher(file.getFileName().toString());
                assertTrue(m.matches(), "file name " + file);
                assertEquals(folder.getKey(), m.group("folder"), "folder prefix of " + file);
                segments.add(Integer.parseInt(m.group("segment")));
            }
            Collections.sort(segments);
            for (int k = 0; k < segments.size(); k++) {
                assertEquals(k + 1, segments.get(k), "segments of " + folder.getKey() + " are numbered 1..n");
            }
        }
        // The demo must exercise multi-segment handling, including numbers that sort wrongly as text
        // once a package grows past nine segments.
        assertEquals(3, filesByFolder.get("goods").size(), "goods segments");
        assertEquals(2, filesByFolder.get("propertiesGoods").size(), "propertiesGoods segments");
        assertEquals(3, filesByFolder.get("offers").size(), "offers segments");
        assertEquals(3, filesByFolder.get("prices").size(), "prices segments");
        assertEquals(3, filesByFolder.get("rests").size(), "rests segments");
    }

    @Test
    @DisplayName("Given the default package, then every file is well-formed CommerceML 3.1 with the root of a real export")
    void everyFileIsWellFormedWithTheRealRoot() {
        // Given / When: Catalog.read parsed every file with a secure StAX reader.
        // Then
        assertFalse(catalog.files.isEmpty());
        for (ParsedFile f : catalog.files) {
            Node root = f.root;
            assertAll(f.path.toString(),
                    () -> assertEquals("КоммерческаяИнформация", root.name),
                    () -> assertEquals(DemoPackageWriter.NAMESPACE, root.namespace),
                    () -> assertEquals("3.1", root.attributes.get("ВерсияСхемы")),
                    () -> assertTrue(root.attributes.getOrDefault("ДатаФормирования", "")
                            .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}"), "local time, no zone"),
                    () -> assertEquals("Обмен с сайтом", root.attributes.get("Ид")));
        }
    }

    @Test
    @DisplayName("Given the default package, then encoding and layout copy the real export: BOM except in goods, no final newline")
    void encodingCopiesTheRealExport() throws IOException {
        for (ParsedFile f : catalog.files) {
            byte[] bytes = Files.readAllBytes(f.path);
            boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
            // The real goods file has no BOM while every other file has one; importers must accept both.
            assertEquals(!"goods".equals(f.folder), bom, "BOM in " + f.path);
            assertEquals('>', (char) bytes[bytes.length - 1], "no newline after the root end tag in " + f.path);
            assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("\r"), "LF only in " + f.path);
        }
    }

    @Test
    @DisplayName("Given the default package, then sections come in the real order: header-only Каталог/ПакетПредложений before Классификатор")
    void sectionsComeInTheRealOrder() {
        for (ParsedFile f : catalog.files) {
            List<String> sections = f.root.children.stream().map(n -> n.name).collect(Collectors.toList());
            List<String> expected = switch (f.folder) {
                case "groups", "propertiesGoods", "priceLists", "storages", "units" -> List.of("Каталог", "Классификатор");
                case "propertiesOffers" -> List.of("ПакетПредложений", "Классификатор");
                case "goods" -> List.of("Каталог");
                default -> List.of("ПакетПредложений");
            };
            assertEquals(expected, sections, "sections of " + f.path);
            for (Node section : f.root.children) {
                // 1C marks even a complete export as "changes only".
                assertEquals("true", section.attributes.get("СодержитТолькоИзменения"), section.name + " in " + f.path);
                if (section.name.equals("ПакетПредложений")) {
                    assertEquals("#" + catalog.catalogId, section.text("Ид"), "package id in " + f.path);
                }
                if (section.name.equals("Каталог") && !f.folder.equals("goods")) {
                    assertTrue(section.children("Товары").isEmpty(), "header-only Каталог in " + f.path);
                }
            }
        }
    }

    // ---- determinism -------------------------------------------------------------------------------

    @Test
    @DisplayName("Given the same products and seed, when written twice, then both packages are byte-identical")
    void writingTwiceGivesIdenticalBytes(@TempDir Path other) throws IOException {
        // Given / When
        Path second = DemoPackageWriter.writeDefault(other.resolve("again"));

        // Then
        Map<Path, Path> first = relativeFiles(defaultPackage);
        Map<Path, Path> again = relativeFiles(second);
        assertEquals(first.keySet(), again.keySet(), "same file names");
        for (Path relative : first.keySet()) {
            assertEquals(-1L, Files.mismatch(first.get(relative), again.get(relative)), "bytes of " + relative);
        }
    }

    @Test
    @DisplayName("Given another seed, when written, then products get other ids")
    void anotherSeedGivesOtherIds(@TempDir Path other) throws Exception {
        // Given / When
        Catalog seed2 = Catalog.read(DemoPackageWriter.write(other.resolve("seed2"), PRODUCTS, 2));

        // Then
        Set<String> overlap = new HashSet<>(seed2.productIds());
        overlap.retainAll(catalog.productIds());
        assertTrue(overlap.isEmpty(), "no product id shared between seeds");
    }

    // ---- counts ------------------------------------------------------------------------------------

    @Test
    @DisplayName("Given the default package, when parsed, then the counts are the documented demo numbers")
    void countsAreTheDocumentedDemoNumbers() {
        assertAll(
                () -> assertEquals(GROUPS, catalog.groups.size(), "groups"),
                () -> assertEquals(DELETED_GROUPS, catalog.groups.values().stream().filter(g -> g.deleted).count(), "deleted groups"),
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
        int deepest = catalog.groups.values().stream().mapToInt(g -> g.depth).max().orElse(0);
        assertEquals(3, deepest, "deepest group level");
        assertEquals(Set.of("Футбол", "Бег", "Фитнес", "Теннис", "Плавание", "Зимние виды", "Архив (не использовать)"),
                catalog.groups.values().stream().filter(g -> g.depth == 1).map(g -> g.name).collect(Collectors.toSet()));
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
                assertFalse(g.deleted, "product " + id + " sits in a deleted group");
            }
            assertTrue(catalog.units.contains(product.text("БазоваяЕдиница")), "unit of " + id);
            for (Node value : product.child("ЗначенияСвойств").children("ЗначенияСвойства")) {
                assertValueResolves(catalog.goodsProperties, value, "product " + id);
            }
            String brandRequisite = product.child("ЗначенияРеквизитов").children("ЗначениеРеквизита").stream()
                    .filter(r -> "Бренд".equals(r.text("Наименование"))).map(r -> r.text("Значение")).findFirst().orElseThrow();
            assertTrue(catalog.goodsProperties.get(DemoPackageWriter.BRAND_PROPERTY_ID).values.containsKey(brandRequisite),
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
                fromProperties.put(p.name, p.values.get(value.text("Значение")));
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
        List<ParsedFile> propertyFiles = catalog.files.stream().filter(f -> f.folder.startsWith("properties")).toList();
        assertEquals(3, propertyFiles.size());
        for (ParsedFile f : propertyFiles) {
            long brands = f.root.child("Классификатор").child("Свойства").children("Свойство").stream()
                    .filter(p -> DemoPackageWriter.BRAND_PROPERTY_ID.equals(p.text("Ид"))).count();
            assertEquals(1, brands, "brand property in " + f.path);
        }
        assertEquals(20, catalog.goodsProperties.get(DemoPackageWriter.BRAND_PROPERTY_ID).values.size(), "brands");
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

    @Test
    @DisplayName("Given the default package, then its size on disk stays within the budget")
    void defaultPackageStaysWithinItsSizeBudget() throws IOException {
        long bytes;
        try (Stream<Path> files = Files.walk(defaultPackage)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        assertTrue(bytes < MAX_DEFAULT_PACKAGE_BYTES, "default package is " + bytes + " bytes");
    }

    // ---- arguments ---------------------------------------------------------------------------------

    @Test
    @DisplayName("Given a product count that is not a multiple of the segment size, when written, then the last segment holds the rest")
    void lastSegmentHoldsTheRest(@TempDir Path dir) throws Exception {
        // Given / When
        Catalog small = Catalog.read(DemoPackageWriter.write(dir.resolve("p"), 250, 7));

        // Then
        assertEquals(250, small.products.size());
        List<Integer> perFile = small.files.stream().filter(f -> f.folder.equals("goods"))
                .sorted((a, b) -> a.path.compareTo(b.path))
                .map(f -> f.root.child("Каталог").child("Товары").children("Товар").size()).sorted().toList();
        assertEquals(List.of(50, 100, 100), perFile, "products per goods segment");
    }

    @Test
    @DisplayName("Given a directory with content, when written, then it refuses instead of mixing with stale segments")
    void refusesANonEmptyDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("left-over.txt"), "x");
        assertThrows(DirectoryNotEmptyException.class, () -> DemoPackageWriter.write(dir, 5, 1));
    }

    @Test
    @DisplayName("Given a product count below one, when written, then it is rejected")
    void rejectsAnEmptyCatalog(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> DemoPackageWriter.write(dir.resolve("none"), 0, 1));
        assertFalse(Files.exists(dir.resolve("none")), "nothing written");
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static Property assertValueResolves(Map<String, Property> properties, Node value, String owner) {
        String propertyId = value.text("Ид");
        Property property = properties.get(propertyId);
        assertNotNull(property, "property " + propertyId + " of " + owner);
        String v = value.text("Значение");
        if (property.type.equals("Справочник") && !v.isEmpty() && !ZERO_GUID.equals(v)) {
            assertTrue(property.values.containsKey(v), "value " + v + " of " + property.name + " in " + owner);
        }
        if (property.type.equals("Число") && !v.isEmpty()) {
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

    private static Map<String, List<Path>> filesByFolder(Path root) throws IOException {
        Map<String, List<Path>> result = new TreeMap<>();
        try (Stream<Path> top = Files.list(root)) {
            for (Path folder : top.toList()) {
                assertTrue(Files.isDirectory(folder), "only folders at the top: " + folder);
                try (Stream<Path> files = Files.list(folder)) {
                    List<Path> list = files.toList();
                    list.forEach(f -> assertTrue(Files.isRegularFile(f), "only files inside " + folder + ": " + f));
                    result.put(folder.getFileName().toString(), list);
                }
            }
        }
        return result;
    }

    private static Map<Path, Path> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(root::relativize, f -> f, (a, b) -> a, TreeMap::new));
        }
    }

    // ---- a small parsed view of the package ---------------------------------------------------------

    /** Element tree built with StAX; test files are small, so holding them in memory is fine here. */
    private static final class Node {
        final String name;
        final String namespace;
        final Map<String, String> attributes = new HashMap<>();
        final List<Node> children = new ArrayList<>();
        private final StringBuilder buffer = new StringBuilder();
        String text;

        Node(String name, String namespace) {
            this.name = name;
            this.namespace = namespace;
        }

        List<Node> children(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }

        Node child(String childName) {
            List<Node> found = children(childName);
            assertEquals(1, found.size(), "exactly one <" + childName + "> in <" + name + ">");
            return found.get(0);
        }

        /** Raw text of a leaf child (trailing spaces matter: "796 "), or null when absent. */
        String text(String childName) {
            List<Node> found = children(childName);
            return found.isEmpty() ? null : found.get(0).text;
        }
    }

    private record ParsedFile(Path path, String folder, Node root) {
    }

    private record Group(String name, int depth, boolean deleted) {
    }

    private record Property(String name, String type, Map<String, String> values) {
    }

    private static final class Catalog {
        final List<ParsedFile> files = new ArrayList<>();
        final Map<String, Group> groups = new HashMap<>();
        final Map<String, Property> goodsProperties = new HashMap<>();
        final Map<String, Property> offerProperties = new HashMap<>();
        final Set<String> priceTypes = new HashSet<>();
        final List<String> priceTypeCurrencies = new ArrayList<>();
        final Set<String> warehouses = new HashSet<>();
        final Set<String> units = new HashSet<>();
        final List<Node> products = new ArrayList<>();
        final List<Node> offers = new ArrayList<>();
        final List<Node> priceOffers = new ArrayList<>();
        final List<Node> restOffers = new ArrayList<>();
        String catalogId;

        static Catalog read(Path root) throws IOException, XMLStreamException {
            Catalog c = new Catalog();
            for (Map.Entry<String, List<Path>> folder : filesByFolder(root).entrySet()) {
                for (Path file : folder.getValue()) {
                    c.add(new ParsedFile(file, folder.getKey(), parse(file)));
                }
            }
            return c;
        }

        private void add(ParsedFile f) {
            files.add(f);
            Node root = f.root;
            switch (f.folder) {
                case "groups" -> addGroups(root.child("Классификатор").child("Группы"), 1);
                case "propertiesGoods" -> addProperties(root, goodsProperties);
                case "propertiesOffers" -> addProperties(root, offerProperties);
                case "priceLists" -> root.child("Классификатор").child("ТипыЦен").children("ТипЦены").forEach(t -> {
                    priceTypes.add(t.text("Ид"));
                    priceTypeCurrencies.add(t.text("Валюта"));
                });
                case "storages" -> root.child("Классификатор").child("Склады").children("Склад").forEach(s -> warehouses.add(s.text("Ид")));
                case "units" -> root.child("Классификатор").child("ЕдиницыИзмерения").children("ЕдиницаИзмерения").forEach(u -> units.add(u.text("Ид")));
                case "goods" -> {
                    catalogId = root.child("Каталог").text("Ид");
                    products.addAll(root.child("Каталог").child("Товары").children("Товар"));
                }
                case "offers" -> offers.addAll(offersOf(root));
                case "prices" -> priceOffers.addAll(offersOf(root));
                case "rests" -> restOffers.addAll(offersOf(root));
                default -> throw new AssertionError("unexpected folder " + f.folder);
            }
        }

        private static List<Node> offersOf(Node root) {
            return root.child("ПакетПредложений").child("Предложения").children("Предложение");
        }

        private void addGroups(Node container, int depth) {
            for (Node g : container.children("Группа")) {
                Group previous = groups.put(g.text("Ид"), new Group(g.text("Наименование"), depth, "true".equals(g.text("ПометкаУдаления"))));
                assertNull(previous, "group id defined once: " + g.text("Ид"));
                g.children("Группы").forEach(sub -> addGroups(sub, depth + 1));
            }
        }

        private static void addProperties(Node root, Map<String, Property> into) {
            for (Node p : root.child("Классификатор").child("Свойства").children("Свойство")) {
                Map<String, String> values = new LinkedHashMap<>();
                p.children("ВариантыЗначений").forEach(v -> v.children("Справочник")
                        .forEach(s -> values.put(s.text("ИдЗначения"), s.text("Значение"))));
                Property property = new Property(p.text("Наименование"), p.text("ТипЗначений"), values);
                Property previous = into.put(p.text("Ид"), property);
                // Repeats (the brand in every file) must be identical, or an importer's upsert would flap.
                if (previous != null) {
                    assertEquals(previous, property, "repeated definition of property " + p.text("Ид"));
                }
            }
        }

        Set<String> productIds() {
            return products.stream().map(p -> p.text("Ид")).collect(Collectors.toSet());
        }

        long distinctPropertyCount() {
            Set<String> ids = new HashSet<>(goodsProperties.keySet());
            ids.addAll(offerProperties.keySet());
            return ids.size();
        }

        long distinctDictionaryValueCount() {
            Set<String> ids = new HashSet<>();
            Stream.concat(goodsProperties.entrySet().stream(), offerProperties.entrySet().stream())
                    .forEach(e -> e.getValue().values.keySet().forEach(v -> ids.add(e.getKey() + "/" + v)));
            return ids.size();
        }

        List<Node> priceRows() {
            return priceOffers.stream().flatMap(o -> o.child("Цены").children("Цена").stream()).toList();
        }

        List<Node> stockRows() {
            return restOffers.stream().flatMap(o -> o.child("Остатки").children("Остаток").stream()).toList();
        }
    }

    /** Parses with DTDs and external entities off, as the importer must. */
    private static Node parse(Path file) throws IOException, XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = factory.createXMLStreamReader(in); // honours BOM and declaration
            Deque<Node> open = new ArrayDeque<>();
            Node root = null;
            try {
                while (reader.hasNext()) {
                    switch (reader.next()) {
                        case XMLStreamConstants.START_ELEMENT -> {
                            Node node = new Node(reader.getLocalName(), reader.getNamespaceURI());
                            for (int a = 0; a < reader.getAttributeCount(); a++) {
                                node.attributes.put(reader.getAttributeLocalName(a), reader.getAttributeValue(a));
                            }
                            if (open.isEmpty()) {
                                root = node;
                            } else {
                                open.peek().children.add(node);
                            }
                            open.push(node);
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                            if (!open.isEmpty()) {
                                open.peek().buffer.append(reader.getText());
                            }
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            Node node = open.pop();
                            node.text = node.children.isEmpty() ? node.buffer.toString() : null;
                        }
                        case XMLStreamConstants.DTD -> throw new AssertionError("DTD in " + file);
                        default -> {
                        }
                    }
                }
            } finally {
                reader.close();
            }
            assertNotNull(root, "root element in " + file);
            assertNotEquals(0, root.children.size(), "root has sections in " + file);
            return root;
        }
    }
}
