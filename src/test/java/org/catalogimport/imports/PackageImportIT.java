package org.catalogimport.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.catalogimport.catalog.DeactivationPolicy;
import org.catalogimport.catalog.EntityCounts;
import org.catalogimport.commerceml.CommerceMlReader;
import org.catalogimport.commerceml.ItemProblem;
import org.catalogimport.commerceml.PackageException;
import org.catalogimport.commerceml.PackageLocator;
import org.catalogimport.commerceml.ReadLimits;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.testing.RolledBackTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importer's reading and writing together against real PostgreSQL, without an application
 * server: every test runs in one transaction that is rolled back, so tests never see each other.
 * (The JTA transaction, progress and sessions are covered in a real Payara by CatalogImporterIT.)
 */
class PackageImportIT {

    @TempDir
    Path temp;

    @RegisterExtension
    final RolledBackTransaction database = new RolledBackTransaction();

    private ImportRun importDir(Path dir) throws Exception {
        var exchangePackage = new PackageLocator(ReadLimits.defaults()).locate(dir, temp.resolve("work"));
        // why allowed: a full exchange here would deactivate whatever other tests left in the shared
        // database (rolled back after the test); the guard itself is NoSilentLossIT's.
        ImportRun run = new ImportRun(database.connection(), 500, new DeactivationPolicy(0.5, true), exchangePackage,
                ImportPictures.checkOnly(), Thread::new);
        run.importAll(new CommerceMlReader());
        FixtureImportIT.assertEveryItemAccountedFor(run.writer().counts());
        return run;
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = database.connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private String text(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = database.connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static long written(EntityCounts.Count count) {
        return count.inserted() + count.updated() + count.unchanged();
    }

    @Test
    void aZipsUnpackedCopyIsDeletedFileByFileAsItIsReadAndAFolderIsNeverTouched() throws Exception {
        // Given the demo package as a folder, and the same package zipped in another import folder
        Path dir = DemoPackageWriter.write(temp.resolve("demo"), 40, 5);
        List<Path> xml;
        try (Stream<Path> files = Files.walk(dir)) {
            xml = files.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
        }
        Path zipped = Files.createDirectories(temp.resolve("zipped"));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipped.resolve("v8_3B8F_3e.zip")))) {
            for (Path file : xml) {
                zip.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }

        // When the zip is imported: its unpacked copy is read from the import's work folder
        var fromZip = new PackageLocator(ReadLimits.defaults()).locate(zipped, temp.resolve("zip-work"));
        assertTrue(fromZip.unpackedCopy());
        ImportRun run = new ImportRun(database.connection(), 500, new DeactivationPolicy(0.5, true), fromZip,
                ImportPictures.checkOnly(), Thread::new);
        run.importAll(new CommerceMlReader());

        // Then every item landed, and no XML file of the copy is left (each deleted once read); the zip is kept
        FixtureImportIT.assertEveryItemAccountedFor(run.writer().counts());
        assertEquals(40, run.writer().counts().get("products").read());
        try (Stream<Path> left = Files.walk(fromZip.root())) {
            assertEquals(List.of(), left.filter(f -> f.toString().endsWith(".xml")).toList());
        }
        assertTrue(Files.isRegularFile(zipped.resolve("v8_3B8F_3e.zip")));

        // And a package read where it lies (the import folder) keeps every file
        ImportRun fromFolder = importDir(dir);
        assertEquals(40, fromFolder.writer().counts().get("products").read());
        assertTrue(xml.stream().allMatch(Files::isRegularFile));
    }

    @Test
    void theDemoPackageLandsCompletelyAndExactly() throws Exception {
        // Given the demo package (CommerceML 3.1 split layout; counts from DemoPackageCatalogTest)
        Path dir = DemoPackageWriter.write(temp.resolve("demo"), 300, 1);

        // When it is imported
        ImportRun run = importDir(dir);

        // Then every entity arrived, and the rows are in PostgreSQL
        EntityCounts counts = run.writer().counts();
        assertEquals(300, written(counts.get("products")), counts.toJson());
        assertEquals(632, written(counts.get("offers")), counts.toJson());
        assertEquals(1869, written(counts.get("prices")), counts.toJson());
        assertEquals(1896, written(counts.get("stock")), counts.toJson());
        assertEquals(3, written(counts.get("priceTypes")), counts.toJson());
        assertEquals(3, written(counts.get("warehouses")), counts.toJson());
        assertEquals(25, written(counts.get("groups")), counts.toJson());
        assertEquals(ImportCounts.NONE.skipped(), run.counts().skipped(), () -> run.drainProblems().toString());
        assertEquals(0, run.counts().warnings(), () -> run.drainProblems().toString());
        assertEquals(300 + 3 * 632, run.counts().processed(), "every Товар and Предложение (offers, prices and rests files) is an item");

        String first = DemoPackageWriter.productId(1, 0);
        assertEquals(1, count("select count(*) from product where external_id = ?", first));
        assertTrue(count("select count(*) from offer where product_id = ?", first) >= 1);
        assertEquals(3, count("select count(*) from product where not active"
                + " and external_id = any (?::varchar[])", ids(1, 300)));
    }

    private String ids(long seed, int products) {
        StringBuilder array = new StringBuilder("{");
        for (int i = 0; i < products; i++) {
            array.append(i == 0 ? "" : ",").append(DemoPackageWriter.productId(seed, i));
        }
        return array.append('}').toString();
    }

    @Test
    void importingTheSamePackageAgainChangesNothingAndDuplicatesNothing() throws Exception {
        Path dir = DemoPackageWriter.write(temp.resolve("demo"), 120, 42);
        importDir(dir);
        long productsBefore = count("select count(*) from product");
        long pricesBefore = count("select count(*) from offer_price");

        ImportRun second = importDir(dir);

        EntityCounts counts = second.writer().counts();
        assertEquals(120, counts.get("products").unchanged(), counts.toJson());
        assertEquals(0, counts.get("products").inserted() + counts.get("products").updated(), counts.toJson());
        assertEquals(0, counts.get("offers").inserted() + counts.get("offers").updated(), counts.toJson());
        assertEquals(0, counts.get("prices").inserted() + counts.get("prices").updated(), counts.toJson());
        assertEquals(productsBefore, count("select count(*) from product"));
        assertEquals(pricesBefore, count("select count(*) from offer_price"));
    }

    // ---- classic 2.x packages written by the tests ------------------------------------------

    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_2\" ВерсияСхемы=\"2.07\" ДатаФормирования=\"2024-01-01T00:00:00\">\n";

    private static String importXml(boolean onlyChanges, String... products) {
        StringBuilder xml = new StringBuilder(HEADER)
                .append("<Классификатор><Ид>cls</Ид><Наименование>К</Наименование><Группы>")
                .append("<Группа><Ид>g1</Ид><Наименование>Мячи</Наименование></Группа></Группы></Классификатор>\n")
                .append("<Каталог СодержитТолькоИзменения=\"").append(onlyChanges).append("\"><Ид>cat</Ид>")
                .append("<ИдКлассификатора>cls</ИдКлассификатора><Наименование>К</Наименование><Товары>\n");
        for (String product : products) {
            xml.append(product).append('\n');
        }
        return xml.append("</Товары></Каталог></КоммерческаяИнформация>").toString();
    }

    private static String product(String id, String name, String extra) {
        return "<Товар><Ид>" + id + "</Ид><Наименование>" + name + "</Наименование>"
                + "<Группы><Ид>g1</Ид></Группы>" + extra + "</Товар>";
    }

    private Path write(String folder, String file, String xml) throws IOException {
        Path dir = temp.resolve(folder);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), xml, StandardCharsets.UTF_8);
        return dir;
    }

    @Test
    void aFullExchangeDeactivatesWhatItNoLongerMentionsButNeverDeletes() throws Exception {
        importDir(write("first", "import.xml", importXml(false,
                product("it-full-a", "A", ""), product("it-full-b", "B", ""), product("it-full-c", "C", ""))));

        importDir(write("second", "import.xml", importXml(false,
                product("it-full-a", "A", ""), product("it-full-b", "B", ""))));

        assertEquals(1, count("select count(*) from product where external_id = 'it-full-c' and not active"));
        assertEquals(2, count("select count(*) from product where external_id in ('it-full-a', 'it-full-b') and active"));
    }

    @Test
    void aPartialExchangeTouchesOnlyWhatItMentions() throws Exception {
        importDir(write("first", "import.xml", importXml(false,
                product("it-part-a", "A", ""), product("it-part-b", "B", ""))));

        importDir(write("second", "import.xml", importXml(true, product("it-part-a", "A renamed", ""))));

        assertEquals("A renamed", text("select name from product where external_id = 'it-part-a'"));
        assertEquals(1, count("select count(*) from product where external_id = 'it-part-b' and active"));
    }

    @Test
    void deletionMarksMakeItemsInactiveAndAReturningItemIsActiveAgain() throws Exception {
        importDir(write("first", "import.xml", importXml(true,
                product("it-del-a", "A", "<ПометкаУдаления>true</ПометкаУдаления>"),
                "<Товар Статус=\"Удален\"><Ид>it-del-b</Ид><Наименование>B</Наименование></Товар>")));
        assertEquals(2, count("select count(*) from product where external_id in ('it-del-a', 'it-del-b') and not active"));

        importDir(write("second", "import.xml", importXml(true, product("it-del-a", "A", ""))));

        assertEquals(1, count("select count(*) from product where external_id = 'it-del-a' and active"));
    }

    @Test
    void aProductKeepsItsPicturePathsAndAMissingPictureIsItsWarning() throws Exception {
        // (what happens to the media folder is PicturesIT's)
        Path dir = write("pictures", "import.xml", importXml(true,
                product("it-pic-ok", "With picture", "<Картинка>import_files/ab/it-pic-ok_1.jpg</Картинка>"),
                product("it-pic-missing", "Without its file", "<Картинка>import_files/cd/it-pic-missing_1.jpg</Картинка>")));
        Files.createDirectories(dir.resolve("import_files/ab"));
        Files.write(dir.resolve("import_files/ab/it-pic-ok_1.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 2, 3});

        ImportRun run = importDir(dir);

        assertEquals("{import_files/ab/it-pic-ok_1.jpg}", text("select images::text from product where external_id = 'it-pic-ok'"));
        List<ItemProblem> problems = run.drainProblems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("it-pic-missing", problems.get(0).itemId());
        assertTrue(problems.get(0).reason().contains("image file not found"), problems.toString());
        assertEquals(1, count("select count(*) from product where external_id = 'it-pic-missing'"), "the product itself imports");
    }

    @Test
    void unknownReferencesKeepTheDataAndOnlyAnOfferWithoutItsProductIsSkipped() throws Exception {
        // Given a product in an undeclared group, a price of an undeclared type, and a variant of a product nobody sent
        Path dir = write("bad", "import.xml", importXml(true,
                product("it-bad-ok", "Fine", ""),
                "<Товар><Ид>it-bad-group</Ид><Наименование>Kept</Наименование><Группы><Ид>no-such-group</Ид></Группы></Товар>"));
        Files.writeString(dir.resolve("offers.xml"), HEADER
                + "<ПакетПредложений СодержитТолькоИзменения=\"true\"><Ид>p</Ид><Наименование>P</Наименование>"
                + "<ТипыЦен><ТипЦены><Ид>retail</Ид><Наименование>Розница</Наименование><Валюта>RUB</Валюта></ТипЦены></ТипыЦен>"
                + "<Предложения>"
                + "<Предложение><Ид>it-bad-ok</Ид><Наименование>Fine</Наименование><Цены>"
                + "<Цена><ИдТипаЦены>retail</ИдТипаЦены><ЦенаЗаЕдиницу>1 234,50</ЦенаЗаЕдиницу><Валюта>RUB</Валюта></Цена>"
                + "<Цена><ИдТипаЦены>wholesale</ИдТипаЦены><ЦенаЗаЕдиницу>1000</ЦенаЗаЕдиницу><Валюта>RUB</Валюта></Цена>"
                + "</Цены></Предложение>"
                + "<Предложение><Ид>it-bad-orphan#v1</Ид><Наименование>Orphan</Наименование><Цены>"
                + "<Цена><ИдТипаЦены>retail</ИдТипаЦены><ЦенаЗаЕдиницу>5</ЦенаЗаЕдиницу></Цена></Цены></Предложение>"
                + "</Предложения></ПакетПредложений></КоммерческаяИнформация>", StandardCharsets.UTF_8);

        // When it is imported
        ImportRun run = importDir(dir);

        // Then the product is stored with its group reference, the price type is created, and only
        // the orphan offer (with its price) is skipped; one problem each, with Ид, file and line
        List<ItemProblem> problems = run.drainProblems();
        assertEquals(List.of(
                "SKIPPED OFFERS it-bad-orphan#v1 offers.xml:3 the offer was skipped, with its 1 price(s) and 0 stock row(s): its product it-bad-orphan is not in the catalog",
                "WARNING PRICE_TYPES wholesale offers.xml:3 the price type wholesale is not declared by 1C (in this package or earlier); it was created with its Ид as the name, and its rows were stored",
                "WARNING PRODUCTS no-such-group import.xml:6 the group no-such-group is not in the catalog; 1 product(s) refer to it and were stored with the reference kept"),
                problems.stream().map(p -> p.kind() + " " + p.entity() + " " + p.itemId() + " " + p.file() + ":" + p.line() + " " + p.reason()).toList());
        assertEquals(new ImportCounts(4, 1, 2), run.counts());
        assertEquals("{no-such-group}", text("select group_ids::text from product where external_id = 'it-bad-group'"));
        assertEquals("1234.5000", text("select price_per_unit::text from offer_price where offer_id = 'it-bad-ok' and price_type_id = 'retail'"));
        assertEquals("1000.0000", text("select price_per_unit::text from offer_price where offer_id = 'it-bad-ok' and price_type_id = 'wholesale'"));
        assertEquals("wholesale false", text("select name || ' ' || declared from price_type where external_id = 'wholesale'"));
        assertEquals(0, count("select count(*) from offer where external_id = 'it-bad-orphan#v1'"));
        EntityCounts counts = run.writer().counts();
        assertEquals(1, counts.get("prices").skipped(), counts.toJson());
        assertEquals(2, counts.get("prices").inserted(), counts.toJson());
    }
}
