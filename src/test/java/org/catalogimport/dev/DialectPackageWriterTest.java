package org.catalogimport.dev;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.catalogimport.commerceml.CatalogVisitor;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.Content;
import org.catalogimport.commerceml.ExchangePackage;
import org.catalogimport.commerceml.GroupRecord;
import org.catalogimport.commerceml.ItemProblem;
import org.catalogimport.commerceml.OfferRecord;
import org.catalogimport.commerceml.PackageFile;
import org.catalogimport.commerceml.PackageLocator;
import org.catalogimport.commerceml.PriceTypeRecord;
import org.catalogimport.commerceml.ProductRecord;
import org.catalogimport.commerceml.PropertyRecord;
import org.catalogimport.commerceml.ReadLimits;
import org.catalogimport.commerceml.SectionInfo;
import org.catalogimport.commerceml.SectionKind;
import org.catalogimport.commerceml.UnitRecord;
import org.catalogimport.commerceml.WarehouseRecord;
import org.catalogimport.dev.DialectPackageWriter.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reads the dialect packages back with the project's own locator and reader, as an import would, and
 * compares them with the 3.1 demo package of the same (products, seed): same catalog, other shape.
 */
class DialectPackageWriterTest {

    private static final int PRODUCTS = 50;
    private static final long SEED = 1L;

    // Golden numbers for (50, seed 1). The group tree does not depend on the product count.
    private static final int OFFERS = 115;
    private static final int GROUPS = 25;
    private static final int DELETED_GROUPS = 1;
    private static final int PROPERTIES = 10;
    private static final int WAREHOUSES = 3;
    private static final int PRICE_TYPES = 3;
    private static final int UNITS = 4;

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void readsBackWithExactCountsAndNoProblems(Dialect dialect) throws Exception {
        Path dir = DialectPackageWriter.write(temp.resolve("pkg"), dialect, PRODUCTS, SEED);
        Tally tally = read(dir);

        assertAll(
                () -> assertEquals(List.of(), tally.problems, "problems reported by the reader"),
                () -> assertEquals(PRODUCTS, tally.products.size(), "products"),
                () -> assertEquals(PRODUCTS, tally.productRecords, "each product once"),
                () -> assertEquals(OFFERS, tally.offers.size(), "offers"),
                () -> assertEquals(OFFERS, tally.namedOffers, "offers with a description, each once"),
                () -> assertEquals(OFFERS * 3, tally.priceRows, "price rows"),
                () -> assertEquals(OFFERS * 3, tally.stockRows, "stock rows"),
                () -> assertEquals(GROUPS, tally.groups.size(), "groups"),
                () -> assertEquals(DELETED_GROUPS, tally.deletedGroups, "deleted groups"),
                () -> assertEquals(PROPERTIES, tally.properties.size(), "distinct properties"),
                () -> assertEquals(PROPERTIES, tally.propertyRecords, "each property listed once"),
                () -> assertEquals(WAREHOUSES, tally.warehouses.size(), "warehouses"),
                () -> assertEquals(PRICE_TYPES, tally.priceTypes.size(), "price types"),
                () -> assertEquals(dialect == Dialect.UT11 ? UNITS : 0, tally.units, "units"),
                () -> assertTrue(tally.products.containsAll(tally.offerProductIds), "every offer belongs to a product"),
                () -> assertTrue(tally.priceTypes.containsAll(tally.priceTypeRefs), "prices reference known price types"),
                () -> assertTrue(tally.warehouses.containsAll(tally.warehouseRefs), "stock references known warehouses"),
                () -> assertTrue(tally.groups.containsAll(tally.productGroupRefs), "products reference known groups"),
                () -> assertTrue(tally.products.contains(DemoPackageWriter.productId(SEED, 0)), "demo product id 0"),
                () -> assertTrue(tally.products.contains(DemoPackageWriter.productId(SEED, PRODUCTS - 1)), "demo product id N-1"),
                () -> assertTrue(tally.deletedProducts > 0 && tally.deletedOffers > tally.deletedProducts,
                        "deletion marks survive: " + tally.deletedProducts + " products, " + tally.deletedOffers + " offers"),
                () -> assertTrue(tally.sections.stream().filter(s -> s.kind() != SectionKind.CLASSIFIER)
                        .noneMatch(SectionInfo::containsOnlyChanges), "catalog and offer sections say complete"));
    }

    @Test
    void classicFilesAreRecognised() throws Exception {
        Path dir = DialectPackageWriter.write(temp.resolve("pkg"), Dialect.CLASSIC, PRODUCTS, SEED);
        ExchangePackage pkg = locate(dir);
        Map<String, Set<Content>> expected = new LinkedHashMap<>();
        expected.put("import.xml", EnumSet.of(Content.CLASSIFIER, Content.CATALOG));
        expected.put("offers.xml", EnumSet.of(Content.CLASSIFIER, Content.OFFERS, Content.PRICES, Content.STOCK));
        assertEquals(expected, contents(pkg));
        assertEquals(List.of(), pkg.ignored());
    }

    @Test
    void ut11FilesAreRecognised() throws Exception {
        Path dir = DialectPackageWriter.write(temp.resolve("pkg"), Dialect.UT11, PRODUCTS, SEED);
        ExchangePackage pkg = locate(dir);
        Map<String, Set<Content>> expected = new LinkedHashMap<>();
        expected.put("import", EnumSet.of(Content.CLASSIFIER, Content.CATALOG));
        expected.put("offers", EnumSet.of(Content.OFFERS));
        expected.put("prices", EnumSet.of(Content.PRICES));
        expected.put("rests", EnumSet.of(Content.STOCK));
        Map<String, Set<Content>> actual = new LinkedHashMap<>();
        for (Map.Entry<String, Set<Content>> file : contents(pkg).entrySet()) {
            String name = file.getKey();
            assertTrue(name.matches("(import|offers|prices|rests)___[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\\.xml"), name);
            actual.put(name.substring(0, name.indexOf("___")), file.getValue());
        }
        assertEquals(expected, actual, "files in processing order, with what they carry");
        assertEquals(List.of(), pkg.ignored());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void sameCatalogAsTheDemoPackage(Dialect dialect) throws Exception {
        Tally demo = read(DemoPackageWriter.write(temp.resolve("demo"), PRODUCTS, SEED));
        Tally tally = read(DialectPackageWriter.write(temp.resolve("pkg"), dialect, PRODUCTS, SEED));
        assertAll(
                () -> assertEquals(demo.products, tally.products, "product ids"),
                () -> assertEquals(demo.offers, tally.offers, "offer ids"),
                () -> assertEquals(demo.groups, tally.groups, "group ids"),
                () -> assertEquals(demo.warehouses, tally.warehouses, "warehouse ids"),
                () -> assertEquals(demo.priceTypes, tally.priceTypes, "price type ids"),
                () -> assertEquals(demo.deletedProducts, tally.deletedProducts, "deleted products"),
                () -> assertEquals(demo.deletedOffers, tally.deletedOffers, "deleted offers"),
                () -> assertEquals(demo.stockRows, tally.stockRows, "stock rows"),
                // The demo leaves out a wholesale price now and then; the dialects fill it in.
                () -> assertTrue(demo.priceRows < tally.priceRows, demo.priceRows + " < " + tally.priceRows));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void deterministicEncodedAndTidy(Dialect dialect) throws Exception {
        Map<String, byte[]> first = files(DialectPackageWriter.write(temp.resolve("a"), dialect, PRODUCTS, SEED));
        Map<String, byte[]> second = files(DialectPackageWriter.write(temp.resolve("b"), dialect, PRODUCTS, SEED));
        assertEquals(first.keySet(), second.keySet(), "file names (the scratch 3.1 package must be gone)");
        for (Map.Entry<String, byte[]> file : first.entrySet()) {
            assertArrayEquals(file.getValue(), second.get(file.getKey()), file.getKey() + " differs between runs");
            byte[] bytes = file.getValue();
            assertTrue(bytes.length > 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF,
                    file.getKey() + " starts with a UTF-8 BOM");
            String head = new String(bytes, 0, Math.min(bytes.length, 600), StandardCharsets.UTF_8);
            assertTrue(head.contains("xmlns=\"urn:1C.ru:commerceml_2\""), file.getKey() + ": " + head);
            assertTrue(head.contains("ВерсияСхемы=\"" + (dialect == Dialect.CLASSIC ? "2.07" : "2.09") + "\""), head);
        }
        assertEquals(dialect == Dialect.CLASSIC ? 2 : 4, first.size(), first.keySet().toString());
        Map<String, byte[]> otherSeed = files(DialectPackageWriter.write(temp.resolve("c"), dialect, PRODUCTS, SEED + 1));
        assertFalse(new String(otherSeed.values().iterator().next(), StandardCharsets.UTF_8)
                .contains(DemoPackageWriter.productId(SEED, 0)), "another seed gives other ids");
    }

    @Test
    void refusesANonEmptyFolder() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("pkg"));
        Files.writeString(dir.resolve("old.xml"), "<x/>");
        assertThrows(DirectoryNotEmptyException.class, () -> DialectPackageWriter.write(dir, Dialect.UT11, 5, SEED));
        assertThrows(IllegalArgumentException.class, () -> DialectPackageWriter.write(temp.resolve("n"), Dialect.CLASSIC, 0, SEED));
    }

    // ---- reading -----------------------------------------------------------------------------------

    private ExchangePackage locate(Path dir) throws Exception {
        return new PackageLocator(ReadLimits.defaults()).locate(dir, temp.resolve("work"));
    }

    private static Map<String, Set<Content>> contents(ExchangePackage pkg) {
        Map<String, Set<Content>> contents = new LinkedHashMap<>();
        for (PackageFile file : pkg.files()) {
            contents.put(file.relativeName(), file.contents());
        }
        return contents;
    }

    private Tally read(Path dir) throws Exception {
        Tally tally = new Tally();
        CommerceMlReader reader = new CommerceMlReader();
        for (PackageFile file : locate(dir).files()) {
            reader.read(file, tally);
        }
        return tally;
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** What the reader delivered. Offers arrive once per file that mentions them (UT11: three times). */
    private static final class Tally implements CatalogVisitor {
        final List<ItemProblem> problems = new ArrayList<>();
        final List<SectionInfo> sections = new ArrayList<>();
        final Set<String> products = new HashSet<>();
        final Set<String> offers = new HashSet<>();
        final Set<String> groups = new HashSet<>();
        final Set<String> properties = new HashSet<>();
        final Set<String> warehouses = new HashSet<>();
        final Set<String> priceTypes = new HashSet<>();
        final Set<String> offerProductIds = new HashSet<>();
        final Set<String> priceTypeRefs = new HashSet<>();
        final Set<String> warehouseRefs = new HashSet<>();
        final Set<String> productGroupRefs = new HashSet<>();
        final Set<String> deletedOfferIds = new HashSet<>();
        int productRecords;
        int namedOffers;
        int propertyRecords;
        int units;
        int priceRows;
        int stockRows;
        int deletedGroups;
        int deletedProducts;
        int deletedOffers;

        @Override
        public void section(SectionInfo section) {
            sections.add(section);
        }

        @Override
        public void group(GroupRecord group) {
            groups.add(group.id());
            deletedGroups += group.deleted() ? 1 : 0;
        }

        @Override
        public void property(PropertyRecord property) {
            properties.add(property.id());
            propertyRecords++;
        }

        @Override
        public void priceType(PriceTypeRecord priceType) {
            priceTypes.add(priceType.id());
        }

        @Override
        public void warehouse(WarehouseRecord warehouse) {
            warehouses.add(warehouse.id());
        }

        @Override
        public void unit(UnitRecord unit) {
            units++;
        }

        @Override
        public void product(ProductRecord product) {
            products.add(product.id());
            productRecords++;
            productGroupRefs.addAll(product.groupIds());
            deletedProducts += product.deleted() ? 1 : 0;
        }

        @Override
        public void offer(OfferRecord offer) {
            offers.add(offer.id());
            offerProductIds.add(offer.productId());
            namedOffers += offer.name() != null ? 1 : 0;
            priceRows += offer.prices().size();
            stockRows += offer.stock().size();
            offer.prices().forEach(p -> priceTypeRefs.add(p.priceTypeId()));
            offer.stock().forEach(s -> warehouseRefs.add(s.warehouseId()));
            if (offer.deleted() && deletedOfferIds.add(offer.id())) {
                deletedOffers++;
            }
        }

        @Override
        public void problem(ItemProblem problem) {
            problems.add(problem);
        }
    }
}
