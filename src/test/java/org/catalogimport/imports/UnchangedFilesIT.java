package org.catalogimport.imports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.catalogimport.catalog.DeactivationPolicy;
import org.catalogimport.catalog.EntityCounts;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.PackageLocator;
import org.catalogimport.commerceml.ReadLimits;
import org.catalogimport.dev.DialectPackageWriter;
import org.catalogimport.dev.ShapePackageWriter;
import org.catalogimport.dev.ShapePackageWriter.Dialect;
import org.catalogimport.dev.ShapePackageWriter.StockShape;
import org.catalogimport.testing.RolledBackTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-imports skip the files that did not change (issue 9): the catalog ends exactly as if every
 * file had been read, the accounting still adds up, a full exchange still deactivates only what the
 * package does not mention, and problems are reported again. Each test runs in a rolled-back
 * transaction, from an empty catalog inside it.
 */
class UnchangedFilesIT {

    @TempDir
    Path temp;

    @RegisterExtension
    final RolledBackTransaction database = new RolledBackTransaction();

    @BeforeEach
    void emptyCatalogInsideTheTransaction() throws SQLException {
        await().atMost(Duration.ofMinutes(3)).until(() -> rows("select count(*) from import_session where status = 'RUNNING'").equals(List.of("0")));
        try (Statement statement = database.connection().createStatement()) {
            for (String table : List.of("offer_stock", "offer_price", "offer", "product", "catalog_property_value",
                    "catalog_property", "catalog_group", "price_type", "warehouse", "unit")) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    @Test
    void anUnchangedReimportSkipsEveryFileAndStillCountsEveryItem() throws Exception {
        // Given a UT 11 package imported once
        Path dir = DialectPackageWriter.write(temp.resolve("ut11"), DialectPackageWriter.Dialect.UT11, 60, 3);
        EntityCounts first = importPackage(dir).writer().counts();
        assertEquals(List.of("4"), rows("select count(*) from import_file_state"));
        // and a product changed in the catalog inside this (importing) transaction, which a skipped file cannot see
        String product = rows("select min(external_id) from product").get(0);
        update("update product set name = 'changed in the catalog', content_hash = content_hash + 1 where external_id = '" + product + "'");

        // When the same package is imported again
        ImportRun again = importPackage(dir);

        // Then no file was read (the change stayed), and every item counts as read again
        assertEquals(List.of("changed in the catalog"), rows("select name from product where external_id = '" + product + "'"));
        EntityCounts counts = again.writer().counts();
        for (String entity : List.of("products", "offers", "prices", "stock")) {
            assertEquals(first.get(entity).read(), counts.get(entity).read(), entity + " " + counts.toJson());
            // the same report as when read, nothing written: merged as then (offers a prices file repeats), the rest unchanged
            assertEquals(first.get(entity).merged(), counts.get(entity).merged(), entity + " " + counts.toJson());
            assertEquals(first.get(entity).written(), counts.get(entity).unchanged(), entity + " " + counts.toJson());
        }
        assertEquals(first.get("products").read() + first.get("offers").read(), again.processed(), "progress counts skipped files");

        // And a write to the catalog outside an import forgets the file states, so the next import reads every file
        update("select set_config('catalog_import.files_tracked', 'off', true)");
        update("update product set name = name where external_id = '" + product + "'");
        assertEquals(List.of("0"), rows("select count(*) from import_file_state"));
        assertEquals(1, importPackage(dir).writer().counts().get("products").updated());
        assertTrue(!rows("select name from product where external_id = '" + product + "'").contains("changed in the catalog"));
    }

    @Test
    void aFullExchangeOfSkippedFilesStillDeactivatesOnlyWhatItDoesNotMention() throws Exception {
        // Given a full exchange (3.1 split) of ten products in one goods file and an eleventh in a second one, imported once
        ShapePackageWriter ten = new ShapePackageWriter(Dialect.SPLIT_31).fullExchange();
        for (int i = 0; i < 10; i++) {
            ten.product("p-" + i, "Product " + i, null);
        }
        Path dir = ten.write(temp.resolve("ten"));
        Path other = new ShapePackageWriter(Dialect.SPLIT_31).fullExchange().product("p-other", "Other", null)
                .write(temp.resolve("other"));
        Files.copy(other.resolve("goods/goods.xml"), dir.resolve("goods/goods_2.xml"));
        assertEquals(11, importPackage(dir).writer().counts().get("products").inserted());

        // When the same package comes again, every file unchanged: it mentions what the last import mentioned
        ImportRun same = importPackage(dir);

        // Then nothing is read and nothing is deactivated
        assertEquals(11, same.writer().counts().get("products").unchanged());
        assertEquals(0, same.writer().counts().get("products").deactivated());
        assertEquals(List.of("0"), rows("select count(*) from product where not active"));

        // When the next full exchange lacks the second goods file (the first one unchanged, so skipped)
        Files.delete(dir.resolve("goods/goods_2.xml"));
        ImportRun without = importPackage(dir);

        // Then the ten stay active (the skipped file's Ид count as mentioned) and only the eleventh is deactivated
        assertEquals(10, without.writer().counts().get("products").unchanged());
        assertEquals(1, without.writer().counts().get("products").deactivated());
        assertEquals(List.of("p-other"), rows("select external_id from product where not active"));
    }

    @Test
    void aFileWithProblemsIsReadAgainAndReportsThemAgain() throws Exception {
        // Given a package whose offers file has an offer of a product nobody sent, imported once
        Path dir = new ShapePackageWriter(Dialect.CLASSIC).priceType("pt-1", "Retail").warehouse("wh-1", "Main")
                .product("p-1", "One", null)
                .offer("p-1", "One").price("pt-1", "1")
                .offer("p-ghost#v", "Ghost").price("pt-1", "2").stock(StockShape.WAREHOUSE_ATTRIBUTES, "wh-1", "3")
                .write(temp.resolve("ghost"));
        importPackage(dir);

        // When it is imported again
        ImportRun again = importPackage(dir);

        // Then the skipped offer is reported again, with its rows
        assertEquals(List.of("SKIPPED offers p-ghost#v"), again.drainProblems().stream()
                .map(p -> p.kind() + " " + p.entity().key() + " " + p.itemId()).toList());
        assertEquals(1, again.writer().counts().get("prices").skipped());
        assertEquals(1, again.writer().counts().get("stock").skipped());
    }

    @Test
    void aChangedOffersFileIsFollowedByItsStockFileSoNoQuantityIsLost() throws Exception {
        // Given a UT 11 package imported once
        Path dir = DialectPackageWriter.write(temp.resolve("ut11"), DialectPackageWriter.Dialect.UT11, 60, 5);
        importPackage(dir);
        List<String> quantities = rows("select external_id || '=' || coalesce(total_quantity::text, '-') from offer order by 1");
        List<String> stock = rows("select offer_id || '/' || warehouse_id || '=' || quantity from offer_stock order by 1");
        List<String> prices = rows("select offer_id || '/' || price_type_id || '=' || price_per_unit from offer_price order by 1");

        // When only the offers file changed (one offer's name): 1C writes offer data, prices and stock in separate files
        Path offers = fileNamed(dir, "offers___");
        String xml = Files.readString(offers, StandardCharsets.UTF_8);
        int offer = xml.indexOf("<Предложение>");
        int name = xml.indexOf("<Наименование>", offer) + "<Наименование>".length();
        Files.writeString(offers, xml.substring(0, name) + "Renamed " + xml.substring(name), StandardCharsets.UTF_8);
        ImportRun again = importPackage(dir);

        // Then that offer is updated, and its quantities, stock and prices are as before
        assertEquals(1, again.writer().counts().get("offers").updated(), again.writer().counts().toJson());
        assertEquals(1, rows("select count(*) from offer where name like 'Renamed %'").stream().mapToInt(Integer::parseInt).sum());
        assertEquals(quantities, rows("select external_id || '=' || coalesce(total_quantity::text, '-') from offer order by 1"));
        assertEquals(stock, rows("select offer_id || '/' || warehouse_id || '=' || quantity from offer_stock order by 1"));
        assertEquals(prices, rows("select offer_id || '/' || price_type_id || '=' || price_per_unit from offer_price order by 1"));
    }

    @Test
    void anOfferWhosePricesAndStockHaveTheirDigestIsNotComparedRowByRow() throws Exception {
        // Given a UT 11 package imported once: each offer's prices and stock rows got a digest
        Path dir = DialectPackageWriter.write(temp.resolve("ut11"), DialectPackageWriter.Dialect.UT11, 60, 7);
        EntityCounts first = importPackage(dir).writer().counts();
        assertEquals(List.of(String.valueOf(first.get("offers").written())), rows("select count(*) from offer_price_digest"));
        assertEquals(List.of(String.valueOf(first.get("offers").written())), rows("select count(*) from offer_stock_digest"));
        // and one price changed inside this (importing) transaction, which no digest can see, and every file forgotten
        String offer = rows("select min(offer_id) from offer_price").get(0);
        update("update offer_price set price_per_unit = 1 where offer_id = '" + offer + "'");
        update("delete from import_file_state");

        // When the package is imported again: every file is read
        EntityCounts again = importPackage(dir).writer().counts();

        // Then every price and stock row is unchanged by its offer's digest: none was read back, so the change stayed
        assertEquals(first.get("prices").written(), again.get("prices").unchanged(), again.toJson());
        assertEquals(first.get("stock").written(), again.get("stock").unchanged(), again.toJson());
        assertTrue(rows("select distinct price_per_unit::text from offer_price where offer_id = '" + offer + "'")
                .contains("1.0000"));
    }

    @Test
    void aPriceChangedBehindTheImportersBackForgetsTheDigestsAndIsWrittenBack() throws Exception {
        // Given a UT 11 package imported once
        Path dir = DialectPackageWriter.write(temp.resolve("ut11"), DialectPackageWriter.Dialect.UT11, 60, 9);
        importPackage(dir);
        List<String> prices = rows("select offer_id || '/' || price_type_id || '=' || price_per_unit from offer_price order by 1");

        // When a price is changed outside an import (an administrator's UPDATE): the digests and file states are forgotten
        update("select set_config('catalog_import.files_tracked', 'off', true)");
        update("update offer_price set price_per_unit = 1 where offer_id = (select min(offer_id) from offer_price)");
        assertEquals(List.of("0", "0", "0"), rows("select count(*) from offer_price_digest union all"
                + " select count(*) from offer_stock_digest union all select count(*) from import_file_state"));
        ImportRun again = importPackage(dir);

        // Then the next import compares every row and writes the changed ones back
        assertTrue(again.writer().counts().get("prices").updated() >= 1, again.writer().counts().toJson());
        assertEquals(prices, rows("select offer_id || '/' || price_type_id || '=' || price_per_unit from offer_price order by 1"));
    }

    @Test
    void anOfferDeletedOutsideAnImportIsNotTakenForPresentByItsDigest() throws Exception {
        // Given a UT 11 package imported once: every offer has its price and stock digests, which
        // also stand for the offer being in the catalog (its prices and rests need no existence check)
        Path dir = DialectPackageWriter.write(temp.resolve("ut11"), DialectPackageWriter.Dialect.UT11, 60, 13);
        importPackage(dir);
        String offer = rows("select min(external_id) from offer where external_id <> product_id").get(0);
        // When an administrator deletes one variant offer with its rows (outside an import): every digest is forgotten
        update("select set_config('catalog_import.files_tracked', 'off', true)");
        update("delete from offer_price where offer_id = '" + offer + "'");
        update("delete from offer_stock where offer_id = '" + offer + "'");
        update("delete from offer where external_id = '" + offer + "'");
        assertEquals(List.of("0", "0"), rows("select count(*) from offer_price_digest union all select count(*) from offer_stock_digest"));
        // and only the prices and rests files are imported again (no offers file brings the offer back)
        Path rowsOnly = Files.createDirectories(temp.resolve("prices-and-rests"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("(prices|rests)___.*")).toList()) {
                Files.copy(file, rowsOnly.resolve(file.getFileName()));
            }
        }
        ImportRun again = importPackage(rowsOnly);

        // Then the deleted offer's rows are not written for an offer that is gone: the catalog's keys hold
        update("set constraints all immediate");
        assertEquals(List.of("0", "0"), rows("select count(*) from offer_price where offer_id = '" + offer + "' union all"
                + " select count(*) from offer_stock where offer_id = '" + offer + "'"));
        // and they are reported as skipped with their offer, every other row unchanged
        EntityCounts counts = again.writer().counts();
        assertTrue(counts.get("offers").skipped() > 0, counts.toJson());
        assertTrue(counts.get("prices").skipped() > 0 && counts.get("stock").skipped() > 0, counts.toJson());
        for (String entity : List.of("prices", "stock")) {
            assertEquals(0, counts.get(entity).inserted() + counts.get(entity).updated(), counts.toJson());
        }
    }

    @Test
    void aFullExchangeWhoseReadFilesMentionWhatTheyMentionedLastTimeDeactivatesNothing() throws Exception {
        // Given a UT 11 package (its offers, prices and rests are full sections) imported once
        Path dir = DialectPackageWriter.write(temp.resolve("ut11"), DialectPackageWriter.Dialect.UT11, 60, 11);
        importPackage(dir);
        // and an active offer no file mentions, added inside this (importing) transaction, which the
        // file states cannot see: a full exchange that looked would deactivate it
        String product = rows("select min(external_id) from product").get(0);
        update("insert into offer (external_id, product_id, name, active, content_hash) values ('unmentioned', '" + product
                + "', 'Not in any file', true, 0)");

        // When only the rests file changed (new quantities for the same offers) and the package is imported again
        Path rests = fileNamed(dir, "rests___");
        String xml = Files.readString(rests, StandardCharsets.UTF_8);
        Files.writeString(rests, xml.replaceFirst("<Количество>(\\d+)</Количество>", "<Количество>999</Количество>"),
                StandardCharsets.UTF_8);
        ImportRun again = importPackage(dir);

        // Then the quantity changed, and nothing was deactivated: the rests file mentions the offers it
        // mentioned last time, so the package mentions what the last import did, and that import
        // deactivated everything else (the offer added behind the file states shows no anti-join ran)
        assertEquals(1, again.writer().counts().get("stock").updated(), again.writer().counts().toJson());
        assertEquals(0, again.writer().counts().get("offers").deactivated(), again.writer().counts().toJson());
        assertEquals(List.of("true"), rows("select active::text from offer where external_id = 'unmentioned'"));
    }

    @Test
    void anOfferARestsFileRepeatsIsOneMentionOfThatFile() throws Exception {
        // Given a UT 11 package whose rests file (a full section) repeats its first offer, imported once
        Path dir = DialectPackageWriter.write(temp.resolve("ut11"), DialectPackageWriter.Dialect.UT11, 60, 17);
        Path rests = fileNamed(dir, "rests___");
        String xml = Files.readString(rests, StandardCharsets.UTF_8);
        int start = xml.indexOf("<Предложение>");
        int end = xml.indexOf("</Предложение>", start) + "</Предложение>".length();
        Files.writeString(rests, xml.substring(0, end) + xml.substring(start, end) + xml.substring(end), StandardCharsets.UTF_8);
        importPackage(dir);
        // Then the file's list of mentioned offers names that offer once
        assertEquals(List.of("0"), rows("select count(*) - count(distinct x) from import_file_state, unnest(offer_ids) x"
                + " where path like 'rests___%'"));

        // When only a quantity changed and the package is imported again, with an offer no file
        // mentions added behind the file states (a full exchange that compared mentions would deactivate it)
        String product = rows("select min(external_id) from product").get(0);
        update("insert into offer (external_id, product_id, name, active, content_hash) values ('unmentioned', '" + product
                + "', 'Not in any file', true, 0)");
        Files.writeString(rests, Files.readString(rests, StandardCharsets.UTF_8)
                .replaceFirst("<Количество>(\\d+)</Количество>", "<Количество>999</Количество>"), StandardCharsets.UTF_8);
        ImportRun again = importPackage(dir);

        // Then the repeated offer did not make the file's mentions differ from last time's: nothing deactivated
        assertEquals(0, again.writer().counts().get("offers").deactivated(), again.writer().counts().toJson());
        assertEquals(List.of("true"), rows("select active::text from offer where external_id = 'unmentioned'"));
    }

    /** The package's first file whose name starts so (UT 11 names its files offers___, rests___...). */
    private static Path fileNamed(Path dir, String start) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(start)).findFirst().orElseThrow();
        }
    }

    private ImportRun importPackage(Path dir) throws Exception {
        var exchangePackage = new PackageLocator(ReadLimits.defaults()).locate(dir, temp.resolve("work-" + dir.getFileName()));
        ImportRun run = new ImportRun(database.connection(), 500, DeactivationPolicy.DEFAULT, exchangePackage,
                ImportPictures.checkOnly(), Thread::new);
        run.importAll(new CommerceMlReader());
        FixtureImportIT.assertEveryItemAccountedFor(run.writer().counts());
        return run;
    }

    private void update(String sql) throws SQLException {
        try (Statement statement = database.connection().createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement statement = database.connection().prepareStatement(sql);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
