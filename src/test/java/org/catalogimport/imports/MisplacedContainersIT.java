package org.catalogimport.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.catalogimport.catalog.DeactivationPolicy;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.FileCensus;
import org.catalogimport.commerceml.ItemProblem;
import org.catalogimport.commerceml.PackageLocator;
import org.catalogimport.commerceml.ReadLimits;
import org.catalogimport.dev.ShapePackageWriter;
import org.catalogimport.dev.ShapePackageWriter.Dialect;
import org.catalogimport.dev.ShapePackageWriter.Placement;
import org.catalogimport.dev.ShapePackageWriter.StockShape;
import org.catalogimport.testing.CatalogTables;
import org.catalogimport.testing.RolledBackTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packages whose containers sit where other exchange modules put them (a third-party client nests
 * its {@code Каталог} inside the {@code Классификатор}, others write bare lists or wrap everything in
 * an element of their own) land exactly as the standard package does, with one warning per file and
 * place; and a shape no reader reads (products inside a group) is reported as not read, never
 * dropped in silence. Every dialect, every placement; exact rows in PostgreSQL.
 */
class MisplacedContainersIT {

    @TempDir
    Path temp;

    @RegisterExtension
    final RolledBackTransaction database = new RolledBackTransaction();

    @BeforeEach
    void emptyCatalogInsideTheTransaction() throws SQLException {
        CatalogTables.emptyInside(database.connection());
    }

    private static ShapePackageWriter catalog(Dialect dialect) {
        return new ShapePackageWriter(dialect).group("g-1", "Мячи").group("g-2", "Ракетки")
                .product("p-1", "Мяч", "g-1").product("p-2", "Ракетка", "g-2").product("p-3", "Сетка", "g-2")
                .priceType("pt-1", "Розничная").warehouse("w-1", "Основной")
                .offer("p-1", "Мяч").price("pt-1", "100").stock(StockShape.WAREHOUSE_ATTRIBUTES, "w-1", "3")
                .offer("p-2", "Ракетка").price("pt-1", "2500").stock(StockShape.WAREHOUSE_ATTRIBUTES, "w-1", "1")
                .offer("p-3", "Сетка").price("pt-1", "700");
    }

    static Stream<Arguments> misplacedShapes() {
        return Stream.of(Dialect.values()).flatMap(dialect -> Stream.of(Placement.CATALOG_IN_CLASSIFIER,
                        Placement.OFFERS_IN_CLASSIFIER, Placement.CLASSIFIER_IN_CATALOG, Placement.BARE_LISTS,
                        Placement.UNKNOWN_WRAPPER)
                .map(placement -> Arguments.of(dialect, placement)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("misplacedShapes")
    void containersAreReadWhereverTheySitWithOneWarningPerPlace(Dialect dialect, Placement placement) throws Exception {
        // Given the catalog as CommerceML places it, imported, and its rows
        ImportRun standard = importPackage(catalog(dialect), "standard-" + dialect);
        List<String> expected = catalogRows();
        List<ItemProblem> standardProblems = standard.drainProblems();
        assertEquals(List.of(), standardProblems, "the standard package imports without a problem");

        // When the same catalog, with its containers where another module puts them, is imported into an empty catalog
        CatalogTables.emptyInside(database.connection());
        ImportRun placed = importPackage(catalog(dialect).placed(placement), placement + "-" + dialect);

        // Then every row is the same, nothing was left unread, and each problem is one misplacement warning
        assertEquals(expected, catalogRows());
        assertEquals(0, placed.writer().counts().notRead(), placed.writer().counts().toJson());
        List<ItemProblem> problems = placed.drainProblems();
        assertFalse(problems.isEmpty(), "the misplaced containers are named");
        assertTrue(problems.stream().allMatch(p -> p.kind() == ItemProblem.Kind.WARNING
                && p.reason().contains("not where CommerceML puts it")), problems.toString());
        assertEquals(problems.size(), problems.stream().map(p -> p.file() + " " + p.reason()).distinct().count(),
                "one warning per file and place: " + problems);
        assertEquals(standard.counts().processed(), placed.counts().processed());
        assertEquals(0, placed.counts().skipped());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void productsWhereNoReaderLooksAreReportedAsNotReadWithTheirPlace(Dialect dialect) throws Exception {
        // Given a package whose three products sit inside a group, where no reader looks for products
        ShapePackageWriter pkg = catalog(dialect).placed(Placement.PRODUCTS_IN_A_GROUP);

        // When it is imported
        ImportRun run = importPackage(pkg, "in-a-group-" + dialect);

        // Then no product is stored, the three are counted as not read, and their place is one problem
        assertEquals(List.of("0"), rows("select count(*) from product"));
        assertEquals(3, run.writer().counts().get("products").notRead(), run.writer().counts().toJson());
        assertEquals(3, run.writer().counts().notRead());
        List<FileCensus.Unread> unread = run.unreadElements();
        assertEquals(1, unread.size(), unread.toString());
        assertEquals("Товар", unread.get(0).element());
        assertEquals("КоммерческаяИнформация/Классификатор/Группы/Группа/Товары/Товар", unread.get(0).path());
        assertEquals(3, unread.get(0).count());
        List<ItemProblem> problems = run.drainProblems();
        assertTrue(problems.stream().anyMatch(p -> p.isSkipped() && p.itemId() == null
                && p.reason().startsWith("3 Товар element(s) at КоммерческаяИнформация/Классификатор/Группы/Группа/Товары/Товар")),
                problems.toString());
        // And the offers of the unread products are skipped and reported, each with its reason
        assertEquals(List.of("0"), rows("select count(*) from offer"));
        assertEquals(3, problems.stream().filter(p -> p.isSkipped() && "offers".equals(p.entity().key())).count(),
                problems.toString());
    }

    private ImportRun importPackage(ShapePackageWriter writer, String folder) throws Exception {
        Path dir = writer.write(temp.resolve(folder));
        var exchangePackage = new PackageLocator(ReadLimits.defaults()).locate(dir, temp.resolve("work-" + folder));
        ImportRun run = new ImportRun(database.connection(), 500, DeactivationPolicy.DEFAULT, exchangePackage,
                ImportPictures.checkOnly(), Thread::new);
        run.importAll(new CommerceMlReader());
        FixtureImportIT.assertEveryItemAccountedFor(run.writer().counts());
        return run;
    }

    private List<String> catalogRows() throws SQLException {
        List<String> all = new ArrayList<>();
        all.addAll(rows("select 'group ' || external_id || ' ' || name || ' ' || coalesce(parent_id, '-') from catalog_group order by 1"));
        all.addAll(rows("select 'product ' || external_id || ' ' || name || ' ' || group_ids::text || ' ' || active from product order by 1"));
        all.addAll(rows("select 'offer ' || external_id || ' ' || coalesce(name, '-') || ' ' || active from offer order by 1"));
        all.addAll(rows("select 'price ' || offer_id || ' ' || price_type_id || ' ' || price_per_unit from offer_price order by 1"));
        all.addAll(rows("select 'stock ' || offer_id || ' ' || warehouse_id || ' ' || quantity from offer_stock order by 1"));
        all.addAll(rows("select 'priceType ' || external_id || ' ' || name from price_type order by 1"));
        all.addAll(rows("select 'warehouse ' || external_id || ' ' || name from warehouse order by 1"));
        return all;
    }

    private List<String> rows(String sql) throws SQLException {
        return CatalogTables.rows(database.connection(), sql);
    }
}
