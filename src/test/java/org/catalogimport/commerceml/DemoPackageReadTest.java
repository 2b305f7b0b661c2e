package org.catalogimport.commerceml;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.catalogimport.dev.DemoPackageWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo package new users import first (and the speed benchmark's input) reads back exactly as
 * written: the numbers are DemoPackageCatalogTest's golden numbers for 300 products, seed 1.
 */
class DemoPackageReadTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("the default demo package: every golden number, no problems")
    void readsTheDefaultDemoPackage() throws Exception {
        // Given the default 3.1 demo package
        DemoPackageWriter.writeDefault(dir.resolve("package"));

        // When it is located and read
        ExchangePackage pkg = new PackageLocator(ReadLimits.defaults()).locate(dir.resolve("package"), dir.resolve("work"));
        RecordingVisitor seen = RecordingVisitor.readAll(pkg);

        // Then
        assertAll(
                () -> assertEquals(25, seen.groups.size(), "groups"),
                () -> assertEquals(1, seen.groups.stream().filter(GroupRecord::deleted).count(), "deleted groups"),
                () -> assertEquals(10, seen.properties.stream().map(PropertyRecord::id).distinct().count(), "distinct properties"),
                () -> assertEquals(300, seen.products.size(), "products"),
                () -> assertEquals(3, seen.products.stream().filter(ProductRecord::deleted).count(), "deleted products"),
                () -> assertEquals(632, seen.offers.stream().map(OfferRecord::id).distinct().count(), "offers"),
                () -> assertEquals(3 * 632, seen.offers.size(), "each offer in offers/, prices/ and rests/"),
                () -> assertEquals(8, seen.offers.stream().filter(OfferRecord::deleted).count(), "deleted offers"),
                () -> assertEquals(1869, seen.priceRows(), "price rows"),
                () -> assertEquals(1896, seen.stockRows(), "stock rows"),
                () -> assertEquals(3, seen.warehouses.size(), "warehouses"),
                () -> assertEquals(3, seen.priceTypes.size(), "price types"),
                () -> assertEquals(300 + 3 * 632, new CommerceMlReader().countItems(pkg), "countItems"),
                () -> assertTrue(seen.problems.isEmpty(), () -> "problems: " + seen.problems));
        // the quirks the writer puts in ("1631,80" prices, "796 " units, the brand pseudo-property) read without problems
        assertTrue(seen.products.stream().allMatch(p -> "796".equals(p.unitCode())));
        assertTrue(seen.products.stream().allMatch(p -> p.brand() != null));
        assertEquals(20, seen.property(ProductRecord.BRAND_PROPERTY_ID).values().size());
    }
}
