package org.catalogimport.commerceml;

import static org.catalogimport.commerceml.TestPackages.NS_3;
import static org.catalogimport.commerceml.TestPackages.document;
import static org.catalogimport.commerceml.TestPackages.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the package, recognising its files by content and putting them in processing order. */
class PackageLocatorTest {

    static final String GROUPS = document(NS_3, """
            <Каталог СодержитТолькоИзменения="true"><Ид>cat</Ид></Каталог>
            <Классификатор><Ид>cat</Ид><Группы><Группа><Ид>g-1</Ид><Наименование>Спорт</Наименование></Группа></Группы></Классификатор>""");
    static final String PROPERTIES = document(NS_3, """
            <Каталог><Ид>cat</Ид></Каталог>
            <Классификатор><Свойства><Свойство><Ид>p-1</Ид></Свойство></Свойства></Классификатор>""");
    static final String OFFER_PROPERTIES = document(NS_3, """
            <ПакетПредложений><Ид>#cat</Ид></ПакетПредложений>
            <Классификатор><Свойства><Свойство><Ид>p-size</Ид></Свойство></Свойства></Классификатор>""");
    static final String PRICE_TYPES = document(NS_3, """
            <Классификатор><ТипыЦен><ТипЦены><Ид>pt-1</Ид></ТипЦены></ТипыЦен></Классификатор>""");
    static final String WAREHOUSES = document(NS_3, """
            <Классификатор><Склады><Склад><Ид>wh-1</Ид></Склад></Склады></Классификатор>""");
    static final String UNITS = document(NS_3, """
            <Классификатор><ЕдиницыИзмерения><ЕдиницаИзмерения><Код>796</Код></ЕдиницаИзмерения></ЕдиницыИзмерения></Классификатор>""");
    static final String GOODS = document(NS_3, """
            <Каталог><Ид>cat</Ид><Товары><Товар><Ид>prod-1</Ид><Картинка>import_files/01/prod-1_a.jpg</Картинка></Товар></Товары></Каталог>""");
    static final String OFFERS = document(NS_3, """
            <ПакетПредложений><Предложения><Предложение><Ид>prod-1</Ид><Наименование>x</Наименование></Предложение></Предложения></ПакетПредложений>""");
    static final String PRICES = document(NS_3, """
            <ПакетПредложений><Предложения><Предложение><Ид>prod-1</Ид><Цены/></Предложение></Предложения></ПакетПредложений>""");
    static final String RESTS = document(NS_3, """
            <ПакетПредложений><Предложения><Предложение><Ид>prod-1</Ид><Остатки/></Предложение></Предложения></ПакетПредложений>""");
    static final String CONTRACTORS = document(NS_3, "<Контрагенты><Контрагент><Ид>c</Ид></Контрагент></Контрагенты>");
    static final String ORDER = document(null, "<Документ><Ид>20</Ид><Номер>20</Номер></Документ>");

    @TempDir
    Path importDir;
    @TempDir
    Path workDir;

    private final PackageLocator locator = new PackageLocator(ReadLimits.defaults());

    private static List<String> names(ExchangePackage pkg) {
        return pkg.files().stream().map(PackageFile::relativeName).toList();
    }

    @Test
    @DisplayName("a 3.1 split export: dictionaries, goods, offers, prices, stock; _1_10 after _1_9; contractors ignored")
    void ordersASplitExport() throws Exception {
        // Given the 3.1 folders, written in an order unlike the processing order, with ten goods segments
        write(importDir, "rests/rests_1_1_e.xml", RESTS);
        write(importDir, "prices/prices_1_1_d.xml", PRICES);
        write(importDir, "offers/offers_1_1_c.xml", OFFERS);
        for (int segment = 10; segment >= 1; segment--) {
            write(importDir, "goods/goods_1_" + segment + "_f" + segment + ".xml", GOODS);
        }
        write(importDir, "units/units_1_1_u.xml", UNITS);
        write(importDir, "storages/storages_1_1_s.xml", WAREHOUSES);
        write(importDir, "priceLists/priceLists_1_1_p.xml", PRICE_TYPES);
        write(importDir, "propertiesOffers/propertiesOffers_1_1_o.xml", OFFER_PROPERTIES);
        write(importDir, "propertiesGoods/propertiesGoods_1_2_b.xml", PROPERTIES);
        write(importDir, "propertiesGoods/propertiesGoods_1_10_a.xml", PROPERTIES);
        write(importDir, "groups/groups_1_1_g.xml", GROUPS);
        write(importDir, "contragents/contragents_1_1_k.xml", CONTRACTORS);
        write(importDir, "goods/import_files/01/prod-1_a.jpg", "jpeg");

        // When the package is located
        ExchangePackage pkg = locator.locate(importDir, workDir);

        // Then
        List<String> expected = new ArrayList<>(List.of(
                "groups/groups_1_1_g.xml",
                "propertiesGoods/propertiesGoods_1_2_b.xml", "propertiesGoods/propertiesGoods_1_10_a.xml",
                "propertiesOffers/propertiesOffers_1_1_o.xml",
                "priceLists/priceLists_1_1_p.xml", "storages/storages_1_1_s.xml", "units/units_1_1_u.xml"));
        for (int segment = 1; segment <= 10; segment++) {
            expected.add("goods/goods_1_" + segment + "_f" + segment + ".xml");
        }
        expected.addAll(List.of("offers/offers_1_1_c.xml", "prices/prices_1_1_d.xml", "rests/rests_1_1_e.xml"));
        assertEquals(expected, names(pkg));
        assertEquals(List.of("contragents/contragents_1_1_k.xml"), pkg.ignored());
        assertEquals(importDir, pkg.root());
        assertEquals(EnumSet.of(Content.CLASSIFIER), pkg.files().get(3).contents(), "header-only offers package is not offers");
        assertEquals(EnumSet.of(Content.PRICES), pkg.files().get(18).contents());
    }

    @Test
    @DisplayName("files are recognised by content, not by name")
    void recognisesFilesByContent() throws Exception {
        // Given files whose names say nothing (or the wrong thing)
        write(importDir, "a.xml", RESTS);
        write(importDir, "b.xml", PRICES);
        write(importDir, "offers.xml", GOODS);
        write(importDir, "import.xml", OFFERS);
        write(importDir, "z.xml", UNITS);
        write(importDir, "orders.xml", ORDER);

        // When the package is located
        ExchangePackage pkg = locator.locate(importDir, workDir);

        // Then the order follows what they carry
        assertEquals(List.of("z.xml", "offers.xml", "import.xml", "b.xml", "a.xml"), names(pkg));
        assertEquals(List.of(EnumSet.of(Content.CLASSIFIER), EnumSet.of(Content.CATALOG), EnumSet.of(Content.OFFERS),
                EnumSet.of(Content.PRICES), EnumSet.of(Content.STOCK)), pkg.files().stream().map(PackageFile::contents).toList());
        assertEquals(List.of("orders.xml"), pkg.ignored());
    }

    @Test
    @DisplayName("classic and UT 11 flat packages: import before offers, classifier-only import first")
    void ordersFlatPackages() throws Exception {
        // Given a UT 11 package (classifier-only and goods import files) next to classic split names
        String classic = document(TestPackages.CLASSIC_IMPORT);
        String classicOffers = document("""
                <Классификатор><Свойства><Свойство><Ид>p</Ид><ДляПредложений>true</ДляПредложений></Свойство></Свойства></Классификатор>
                <ПакетПредложений><Предложения><Предложение><Ид>prod-1</Ид><Наименование>x</Наименование>
                  <Цены/><Количество>1</Количество></Предложение></Предложения></ПакетПредложений>""");
        write(importDir, "rests___11.xml", RESTS);
        write(importDir, "prices___22.xml", PRICES);
        write(importDir, "offers___33.xml", classicOffers);
        write(importDir, "import___44.xml", GOODS);
        write(importDir, "import___55.xml", GROUPS);
        write(importDir, "import10_1.xml", classic);
        write(importDir, "import2_1.xml", classic);

        // When the package is located
        ExchangePackage pkg = locator.locate(importDir, workDir);

        // Then
        assertEquals(List.of("import___55.xml", "import2_1.xml", "import10_1.xml", "import___44.xml", "offers___33.xml",
                "prices___22.xml", "rests___11.xml"), names(pkg));
        assertEquals(EnumSet.of(Content.CLASSIFIER, Content.CATALOG), pkg.files().get(1).contents());
        assertEquals(EnumSet.of(Content.CLASSIFIER, Content.OFFERS, Content.PRICES, Content.STOCK), pkg.files().get(4).contents());
    }

    @Test
    @DisplayName("a missing folder, an empty folder and a folder without CommerceML are fatal, in plain words")
    void missingOrEmptyPackagesAreFatal() throws Exception {
        // Given a folder that does not exist
        Path missing = importDir.resolve("nowhere");
        PackageException noFolder = assertThrows(PackageException.class, () -> locator.locate(missing, workDir));
        assertEquals(missing + ": the import folder does not exist", noFolder.getMessage());

        // Given an empty folder
        PackageException empty = assertThrows(PackageException.class, () -> locator.locate(importDir, workDir));
        assertEquals(importDir + ": the import folder is empty: 1C has not uploaded anything (yet)", empty.getMessage());

        // Given only pictures
        write(importDir, "import_files/01/a.jpg", "jpeg");
        PackageException noXml = assertThrows(PackageException.class, () -> locator.locate(importDir, workDir));
        assertTrue(noXml.getMessage().endsWith("there is no XML file in the package, so there is no CommerceML file to import"),
                noXml.getMessage());

        // Given only an order and an XHTML page
        write(importDir, "orders.xml", ORDER);
        write(importDir, "page.xml", "<html/>");
        PackageException noCatalog = assertThrows(PackageException.class, () -> locator.locate(importDir, workDir));
        assertTrue(noCatalog.getMessage().endsWith(
                "none of the 2 XML files is a CommerceML catalog, offers, prices or stock file (found: orders.xml, page.xml)"),
                noCatalog.getMessage());
    }

    @Test
    @DisplayName("a malformed file is reported while locating, with its name and line")
    void malformedFileFailsLocating() throws Exception {
        // Given a package with a broken classifier
        write(importDir, "import.xml", document("<Классификатор><Группы></Классификатор>"));

        // When it is located
        PackageException failure = assertThrows(PackageException.class, () -> locator.locate(importDir, workDir));

        // Then
        assertTrue(failure.getMessage().startsWith("import.xml:3:"), failure.getMessage());
    }

    @Test
    @DisplayName("a zip in the folder is unpacked into the work folder; the newest of several wins")
    void unpacksTheNewestZip() throws Exception {
        // Given an old zip, a new zip with a 3.1 package and its picture, and a stray loose file
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("goods/goods_1_1_a.xml", GOODS.getBytes(StandardCharsets.UTF_8));
        entries.put("groups/", new byte[0]);
        entries.put("groups/groups_1_1_g.xml", GROUPS.getBytes(StandardCharsets.UTF_8));
        entries.put("goods/import_files/01/prod-1_a.jpg", "jpeg".getBytes(StandardCharsets.UTF_8));
        Path fresh = Zips.write(importDir.resolve("v8_3B8F_3e.zip"), Zips.zip(entries));
        Path old = Zips.write(importDir.resolve("v8_0000_01.zip"), Zips.zip(Map.of("import.xml", GOODS.getBytes(StandardCharsets.UTF_8))));
        Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        Files.setLastModifiedTime(fresh, FileTime.from(Instant.parse("2024-06-01T00:00:00Z")));
        write(importDir, "leftover.xml", UNITS);

        // When the package is located
        ExchangePackage pkg = locator.locate(importDir, workDir);

        // Then the new zip's files are there, in a new folder under workDir, and the rest is ignored
        assertTrue(pkg.root().startsWith(workDir), pkg.root().toString());
        assertEquals(List.of("groups/groups_1_1_g.xml", "goods/goods_1_1_a.xml"), names(pkg));
        assertEquals(List.of("leftover.xml", "v8_0000_01.zip"), pkg.ignored());
        assertEquals(GOODS, Files.readString(pkg.files().get(1).path()));
        assertEquals(1, RecordingVisitor.readAll(pkg).products.size());
    }

    @Test
    @DisplayName("pictures resolve relative to the file or a folder above it, never outside the package")
    void resolvesPictures() throws Exception {
        // Given a 3.1 goods file in goods/import_files/ whose pictures are relative to goods/, and a classic one
        write(importDir, "goods/import_files/goods.xml", GOODS);
        Path picture = write(importDir, "goods/import_files/01/prod-1_a.jpg", "jpeg");
        write(importDir, "import.xml", document(TestPackages.CLASSIC_IMPORT));
        Path classicPicture = write(importDir, "import_files/9d/x.jpg", "jpeg");
        write(workDir, "secret.jpg", "not yours");
        ExchangePackage pkg = locator.locate(importDir, workDir);
        PackageFile goods = pkg.files().stream().filter(f -> f.relativeName().startsWith("goods/")).findFirst().orElseThrow();
        PackageFile classic = pkg.files().stream().filter(f -> f.relativeName().equals("import.xml")).findFirst().orElseThrow();

        // When pictures are resolved, then
        assertEquals(Optional.of(picture), pkg.picture(goods, "import_files/01/prod-1_a.jpg"));
        assertEquals(Optional.of(classicPicture), pkg.picture(classic, "import_files/9d/x.jpg"));
        assertEquals(Optional.empty(), pkg.picture(goods, "import_files/01/missing.jpg"));
        assertEquals(Optional.empty(), pkg.picture(classic, "../" + workDir.getFileName() + "/secret.jpg"));
    }

    @Test
    @DisplayName("a link inside the package that leads outside it refuses the package, as a link in a zip does")
    void refusesLinksThatEscapeThePackage() throws Exception {
        // Given a real file and a link to a file outside the folder
        write(importDir, "import.xml", GOODS);
        Path outside = write(workDir, "outside.xml", UNITS);
        Files.createSymbolicLink(importDir.resolve("link.xml"), outside);

        // When the package is located
        PackageException failure = assertThrows(PackageException.class, () -> locator.locate(importDir, workDir));

        // Then nothing of it is read, and the message says which link and where it leads
        assertEquals("link.xml: the package contains a symbolic link that leads outside it (to " + outside.toRealPath()
                + "); links could expose any file of the server, so nothing was imported", failure.getMessage());
    }

    @Test
    @DisplayName("an import folder that is a symbolic link is followed")
    void followsAnImportFolderThatIsALink() throws Exception {
        // Given the export in a folder of its own and the import folder a link to it ("current")
        Path export = workDir.resolve("export-2026-11-28");
        write(export, "goods/goods.xml", GOODS);
        write(export, "offers/offers.xml", OFFERS);
        Path current = Files.createSymbolicLink(workDir.resolve("current"), export);

        // When the package is located through the link
        ExchangePackage pkg = locator.locate(current, workDir.resolve("work"));

        // Then its files are found, named relative to the package
        assertEquals(List.of("goods/goods.xml", "offers/offers.xml"), names(pkg));
    }

    @Test
    @DisplayName("a package folder inside the import folder that is a link is followed wherever it points; links that stay inside a package too")
    void followsLinkedPackageFoldersAndInnerLinksThatStayInside() throws Exception {
        // Given goods/ as a link to a folder elsewhere, with a link inside it to a file of its own
        Path goods = workDir.resolve("mounted-goods");
        write(goods, "goods.xml", GOODS);
        write(goods, "more/offers.xml", OFFERS);
        Files.createSymbolicLink(goods.resolve("offers-link.xml"), goods.resolve("more/offers.xml"));
        Files.createSymbolicLink(importDir.resolve("goods"), goods);
        // and a link whose target is gone
        Files.createSymbolicLink(importDir.resolve("gone.xml"), workDir.resolve("no-such-file.xml"));

        // When the package is located
        ExchangePackage pkg = locator.locate(importDir, workDir.resolve("work"));

        // Then the linked folder's files are read, and the broken link is listed as ignored
        assertEquals(List.of("goods/goods.xml", "goods/more/offers.xml", "goods/offers-link.xml"),
                names(pkg).stream().sorted().toList());
        assertEquals(List.of("gone.xml"), pkg.ignored());
    }

    @Test
    @DisplayName("a link inside a linked package folder that leads out of that folder refuses the package")
    void refusesLinksThatEscapeALinkedPackageFolder() throws Exception {
        Path goods = workDir.resolve("mounted-goods");
        write(goods, "goods.xml", GOODS);
        Path secret = write(workDir, "secret/passwd.xml", UNITS);
        Files.createSymbolicLink(goods.resolve("passwd.xml"), secret);
        Files.createSymbolicLink(importDir.resolve("goods"), goods);

        PackageException failure = assertThrows(PackageException.class, () -> locator.locate(importDir, workDir.resolve("work")));

        assertTrue(failure.getMessage().startsWith("goods/passwd.xml: the package contains a symbolic link that leads outside it"),
                failure.getMessage());
    }
}
