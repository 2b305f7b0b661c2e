package org.catalogimport.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.catalogimport.catalog.CatalogWriteRefused;
import org.catalogimport.catalog.DeactivationPolicy;
import org.catalogimport.catalog.EntityCounts;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.ItemProblem;
import org.catalogimport.commerceml.PackageLocator;
import org.catalogimport.commerceml.ReadLimits;
import org.catalogimport.dev.DialectPackageWriter;
import org.catalogimport.dev.ShapePackageWriter;
import org.catalogimport.dev.ShapePackageWriter.Dialect;
import org.catalogimport.dev.ShapePackageWriter.OffersSection;
import org.catalogimport.dev.ShapePackageWriter.StockShape;
import org.catalogimport.testing.CatalogTables;
import org.catalogimport.testing.RolledBackTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The importer's rule on the shapes real exports have (written by {@link ShapePackageWriter}, in
 * every dialect where the shape occurs): every item read is stored, or reported with the reason it
 * was not. Each test checks the exact rows in PostgreSQL and the exact skipped and warning counts.
 * Each runs in a transaction that is rolled back, starting from an empty catalog inside it.
 */
class NoSilentLossIT {

    @TempDir
    Path temp;

    @RegisterExtension
    final RolledBackTransaction database = new RolledBackTransaction();

    @BeforeEach
    void emptyCatalogInsideTheTransaction() throws SQLException {
        CatalogTables.emptyInside(database.connection());
    }

    private ImportRun importPackage(Path dir, DeactivationPolicy policy) throws Exception {
        var exchangePackage = new PackageLocator(ReadLimits.defaults()).locate(dir, temp.resolve("work-" + dir.getFileName()));
        ImportRun run = new ImportRun(database.connection(), 500, policy, exchangePackage, ImportPictures.checkOnly(), Thread::new);
        run.importAll(new CommerceMlReader());
        FixtureImportIT.assertEveryItemAccountedFor(run.writer().counts());
        return run;
    }

    private ImportRun importPackage(ShapePackageWriter writer, String folder) throws Exception {
        return importPackage(writer.write(temp.resolve(folder)), DeactivationPolicy.DEFAULT);
    }

    private List<String> rows(String sql) throws SQLException {
        return CatalogTables.rows(database.connection(), sql);
    }

    private static List<String> problems(ImportRun run) {
        return run.drainProblems().stream().map(p -> p.kind() + " " + p.entity().key() + " " + p.itemId()).toList();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void productsInGroupsThePackageDoesNotDeclareAreStoredWithTheirReference(Dialect dialect) throws Exception {
        // Given three products, two of them in a group no file declares, each with an offer and a price
        ShapePackageWriter pkg = new ShapePackageWriter(dialect).group("g-1", "Declared")
                .product("p-1", "One", "g-1").product("p-2", "Two", "g-missing").product("p-3", "Three", "g-missing")
                .priceType("pt-1", "Retail")
                .offer("p-1", "One").price("pt-1", "10").offer("p-2", "Two").price("pt-1", "20")
                .offer("p-3", "Three").price("pt-1", "30");

        // When it is imported
        ImportRun run = importPackage(pkg, "groups-" + dialect);

        // Then all three products, offers and prices are stored; one warning names the group once
        assertEquals(List.of("p-1 {g-1}", "p-2 {g-missing}", "p-3 {g-missing}"),
                rows("select external_id || ' ' || group_ids::text from product order by 1"));
        assertEquals(List.of("p-1 10.0000", "p-2 20.0000", "p-3 30.0000"),
                rows("select offer_id || ' ' || price_per_unit from offer_price order by 1"));
        assertEquals(List.of("WARNING products g-missing"), problems(run));
        assertEquals(new ImportCounts(6, 0, 1), run.counts());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void undeclaredPriceTypesAndWarehousesAreCreatedAndTheirRowsStored(Dialect dialect) throws Exception {
        // Given prices of a type and stock in a warehouse that nothing declares, used by two offers
        ShapePackageWriter pkg = new ShapePackageWriter(dialect).product("p-1", "One", null).product("p-2", "Two", null)
                .priceType("pt-1", "Retail").warehouse("wh-1", "Main")
                .offer("p-1", "One").price("pt-1", "10").price("pt-x", "11")
                .stock(StockShape.WAREHOUSE_ATTRIBUTES, "wh-1", "1").stock(StockShape.WAREHOUSE_ATTRIBUTES, "wh-x", "2")
                .offer("p-2", "Two").price("pt-x", "21").stock(StockShape.WAREHOUSE_ATTRIBUTES, "wh-x", "3");

        // When it is imported
        ImportRun run = importPackage(pkg, "undeclared-" + dialect);

        // Then both are created from their Ид, marked as not declared, and every row is stored
        assertEquals(List.of("pt-1 Retail true", "pt-x pt-x false"),
                rows("select external_id || ' ' || name || ' ' || declared from price_type order by 1"));
        assertEquals(List.of("wh-1 Main true", "wh-x wh-x false"),
                rows("select external_id || ' ' || name || ' ' || declared from warehouse order by 1"));
        assertEquals(List.of("p-1 pt-1 10.0000", "p-1 pt-x 11.0000", "p-2 pt-x 21.0000"),
                rows("select offer_id || ' ' || price_type_id || ' ' || price_per_unit from offer_price order by 1"));
        assertEquals(List.of("p-1 wh-1 1.0000", "p-1 wh-x 2.0000", "p-2 wh-x 3.0000"),
                rows("select offer_id || ' ' || warehouse_id || ' ' || quantity from offer_stock order by 1"));
        assertEquals(List.of("WARNING priceTypes pt-x", "WARNING warehouses wh-x"), problems(run));
        assertEquals(new ImportCounts(4, 0, 2), run.counts());
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"CLASSIC", "UT11", "SPLIT_31"})
    void idOnlyOffersOfProductsWithoutOffersBecomeTheirPlainOffersInAPackage(Dialect dialect) throws Exception {
        idOnlyOffersOfProductsWithoutOffers(dialect, OffersSection.PACKAGE);
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"CLASSIC", "UT11", "SPLIT_31"})
    void idOnlyOffersOfProductsWithoutOffersBecomeTheirPlainOffersInAChangesPackage(Dialect dialect) throws Exception {
        idOnlyOffersOfProductsWithoutOffers(dialect, OffersSection.CHANGES);
    }

    private void idOnlyOffersOfProductsWithoutOffers(Dialect dialect, OffersSection section) throws Exception {
        // Given products without offers, and prices/stock records that carry only an Ид: a product's,
        // "product#" (empty characteristic), a product nobody sent, and a variant nobody described
        ShapePackageWriter pkg = new ShapePackageWriter(dialect).idOnlyOffersIn(section)
                .product("p-1", "One", null).product("p-2", "Two", null).product("p-3", "Three", null)
                .priceType("pt-1", "Retail").warehouse("wh-1", "Main")
                .idOnlyOffer("p-1").price("pt-1", "10")
                .idOnlyOffer("p-2").stock(StockShape.RESTS_WAREHOUSE, "wh-1", "5").stock(StockShape.TOTAL, null, "5")
                .idOnlyOffer("p-3#").price("pt-1", "30")
                .idOnlyOffer("p-unknown").price("pt-1", "40").stock(StockShape.RESTS_WAREHOUSE, "wh-1", "4")
                .idOnlyOffer("p-1#variant").price("pt-1", "50");

        // When it is imported
        ImportRun run = importPackage(pkg, "id-only-" + dialect + "-" + section);

        // Then the three products got their plain offer (named after the product) with the rows;
        // the unknown product's and the undescribed variant's records are skipped with their rows
        assertEquals(List.of("p-1 p-1 One", "p-2 p-2 Two 5.0000", "p-3 p-3 Three"),
                rows("select trim(external_id || ' ' || product_id || ' ' || name || ' ' || coalesce(total_quantity::text, ''))"
                        + " from offer order by 1"));
        assertEquals(List.of("p-1 10.0000", "p-3 30.0000"), rows("select offer_id || ' ' || price_per_unit from offer_price order by 1"));
        assertEquals(List.of("p-2 wh-1 5.0000"), rows("select offer_id || ' ' || warehouse_id || ' ' || quantity from offer_stock"));
        assertEquals(List.of("SKIPPED offers p-unknown", "SKIPPED offers p-1#variant"), problems(run));
        EntityCounts counts = run.writer().counts();
        assertEquals(2, counts.get("prices").skipped(), counts.toJson());
        assertEquals(1, counts.get("stock").skipped(), counts.toJson());
        assertEquals(3, counts.get("offers").inserted(), counts.toJson());
        assertEquals(new ImportCounts(8, 2, 0), run.counts());
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"CLASSIC", "UT11", "SPLIT_31"})
    void everyStockShapeLands(Dialect dialect) throws Exception {
        // Given one offer per stock shape, written as data offers and again as Ид-only changes
        ShapePackageWriter pkg = new ShapePackageWriter(dialect).warehouse("wh-1", "Main");
        StockShape[] shapes = StockShape.values();
        for (StockShape shape : shapes) {
            pkg.product("p-" + shape.ordinal(), "Product " + shape, null);
        }
        for (StockShape shape : shapes) {
            pkg.offer("p-" + shape.ordinal(), "Offer " + shape).stock(shape, "wh-1", "1" + shape.ordinal());
        }
        pkg.idOnlyOffersIn(OffersSection.CHANGES);
        for (StockShape shape : shapes) {
            pkg.idOnlyOffer("p-" + shape.ordinal()).stock(shape, "wh-1", "2" + shape.ordinal());
        }

        // When it is imported
        ImportRun run = importPackage(pkg, "stock-" + dialect);

        // Then warehouse shapes are stock rows and totals are the offer's total quantity, the later value winning
        assertEquals(List.of("p-0 20.0000", "p-1 21.0000", "p-2 22.0000"),
                rows("select offer_id || ' ' || quantity from offer_stock order by 1"));
        assertEquals(List.of("p-3 23.0000", "p-4 24.0000"),
                rows("select external_id || ' ' || total_quantity from offer where total_quantity is not null order by 1"));
        assertEquals(List.of(), problems(run));
        EntityCounts counts = run.writer().counts();
        assertEquals(6, counts.get("stock").read(), counts.toJson());
        assertEquals(3, counts.get("stock").inserted(), counts.toJson());
        assertEquals(3, counts.get("stock").merged() + counts.get("stock").updated(), "the changes rewrite them: " + counts.toJson());
    }

    @Test
    void aBitrixWindows1251PackageWithNumericIdsAndIdOnlyOffersLosesNothing() throws Exception {
        // Given a Bitrix-written 2.021 package: numeric Ид, offers with only Ид, Цены and Количество
        ShapePackageWriter pkg = new ShapePackageWriter(Dialect.BITRIX).group("7", "Мебель")
                .priceType("1", "Розничная цена");
        for (int i = 1; i <= 25; i++) {
            pkg.product(String.valueOf(100 + i), "Стул №" + i, "7");
        }
        for (int i = 1; i <= 25; i++) {
            pkg.idOnlyOffer(String.valueOf(100 + i)).price("1", i + "00.50").stock(StockShape.TOTAL, null, String.valueOf(i));
        }

        // When it is imported
        ImportRun run = importPackage(pkg, "bitrix");

        // Then every offer exists (named after its product) with its price and total quantity
        assertEquals(List.of("25"), rows("select count(*) from offer where name like 'Стул №%'"));
        assertEquals(List.of("101 Стул №1 1.0000 100.5000"), rows("select o.external_id || ' ' || o.name || ' ' || o.total_quantity"
                + " || ' ' || p.price_per_unit from offer o join offer_price p on p.offer_id = o.external_id where o.external_id = '101'"));
        assertEquals(List.of("25"), rows("select count(*) from offer_price"));
        assertEquals(List.of(), problems(run));
        assertEquals(new ImportCounts(50, 0, 0), run.counts());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aDuplicatedIdKeepsTheLastCopyAndSaysSo(Dialect dialect) throws Exception {
        // Given a product and an offer that appear twice in one package
        ShapePackageWriter pkg = new ShapePackageWriter(dialect).priceType("pt-1", "Retail")
                .product("p-1", "First copy", null).product("p-2", "Other", null).product("p-1", "Second copy", null)
                .offer("p-1", "First offer").price("pt-1", "1").offer("p-1", "Second offer").price("pt-1", "2");

        // When it is imported
        ImportRun run = importPackage(pkg, "duplicates-" + dialect);

        // Then the last copy is stored and each duplicate is one warning
        assertEquals(List.of("p-1 Second copy", "p-2 Other"), rows("select external_id || ' ' || name from product order by 1"));
        assertEquals(List.of("p-1 Second offer 2.0000"), rows("select o.external_id || ' ' || o.name || ' ' || p.price_per_unit"
                + " from offer o join offer_price p on p.offer_id = o.external_id"));
        assertEquals(List.of("WARNING products p-1", "WARNING offers p-1"), problems(run));
        EntityCounts counts = run.writer().counts();
        assertEquals(1, counts.get("products").merged(), counts.toJson());
        assertEquals(1, counts.get("offers").merged(), counts.toJson());
        assertEquals(1, counts.get("prices").merged(), counts.toJson());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void emptyOfferElementsAreWarningsAndOffersOfUnknownProductsAreSkippedWithTheirRows(Dialect dialect) throws Exception {
        // Given an empty <Предложение/> and an offer (with price and stock) whose product no one sent
        ShapePackageWriter pkg = new ShapePackageWriter(dialect).priceType("pt-1", "Retail").warehouse("wh-1", "Main")
                .product("p-1", "One", null)
                .offer("p-1", "One").price("pt-1", "1")
                .offer("p-ghost#v", "Ghost").price("pt-1", "2").stock(StockShape.WAREHOUSE_ATTRIBUTES, "wh-1", "3")
                .emptyOffer();

        // When it is imported
        ImportRun run = importPackage(pkg, "empty-" + dialect);

        // Then
        assertEquals(List.of("p-1"), rows("select external_id from offer"));
        assertEquals(List.of("SKIPPED offers p-ghost#v", "WARNING offers null"), problems(run).stream().sorted().toList());
        EntityCounts counts = run.writer().counts();
        assertEquals(1, counts.get("prices").skipped(), counts.toJson());
        assertEquals(1, counts.get("stock").skipped(), counts.toJson());
        assertEquals(new ImportCounts(3, 1, 1), run.counts());
    }

    @Test
    void aFullExchangeThatWouldDeactivateMostOfTheCatalogIsRefusedUnlessAllowed() throws Exception {
        // Given a catalog of ten active products
        ShapePackageWriter all = new ShapePackageWriter(Dialect.CLASSIC).fullExchange();
        for (int i = 0; i < 10; i++) {
            all.product("p-" + i, "Product " + i, null);
        }
        importPackage(all.write(temp.resolve("all")), DeactivationPolicy.DEFAULT);
        ShapePackageWriter six = new ShapePackageWriter(Dialect.CLASSIC).fullExchange();
        for (int i = 0; i < 6; i++) {
            six.product("p-" + i, "Product " + i, null);
        }
        Path onlyFour = new ShapePackageWriter(Dialect.CLASSIC).fullExchange().product("p-0", "Product 0", null)
                .product("p-1", "Product 1", null).product("p-2", "Product 2", null).product("p-3", "Product 3", null)
                .write(temp.resolve("four"));
        Path onlySix = six.write(temp.resolve("six"));

        // When a "full" exchange of only four of them arrives, then it is refused with the numbers
        CatalogWriteRefused refused = assertThrows(CatalogWriteRefused.class,
                () -> importPackage(onlyFour, DeactivationPolicy.DEFAULT));
        assertTrue(refused.getMessage().contains("would deactivate 6 of 10 active products"), refused.getMessage());

        // And one that deactivates four of ten (40 %, under the default 50 %) goes through
        assertEquals(4, importPackage(onlySix, DeactivationPolicy.DEFAULT).writer().counts().get("products").deactivated());
        assertEquals(List.of("6"), rows("select count(*) from product where active"));

        // And with "allow mass deactivation" the four-product exchange deactivates the rest
        ImportRun allowed = importPackage(onlyFour, new DeactivationPolicy(0.5, true));
        assertEquals(2, allowed.writer().counts().get("products").deactivated());
        assertEquals(List.of("p-0", "p-1", "p-2", "p-3"), rows("select external_id from product where active order by 1"));
    }

    @Test
    void theGeneratedDialectPackagesAddUp() throws Exception {
        for (DialectPackageWriter.Dialect dialect : DialectPackageWriter.Dialect.values()) {
            Path dir = DialectPackageWriter.write(temp.resolve("dialect-" + dialect), dialect, 60, 3);
            ImportRun run = importPackage(dir, DeactivationPolicy.DEFAULT);
            EntityCounts counts = run.writer().counts();
            assertEquals(60, counts.get("products").written(), dialect + " " + counts.toJson());
            assertEquals(0, run.counts().skipped(), dialect + " " + run.drainProblems());
            assertTrue(run.drainProblems().stream().noneMatch(ItemProblem::isSkipped));
        }
    }
}
