package org.catalogimport.commerceml;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real export in the shared fixtures folder, read end to end. The expected numbers were counted
 * in the files themselves (element counts; SOURCES.md gives several of them too), the spot values
 * copied from them; each assertion names where in the file it comes from.
 */
class FixturePackagesTest {

    @TempDir
    Path workDir;

    /** A fixture set located like an upload; the test is skipped where the shared folder is absent. */
    private ExchangePackage fixture(String name) throws PackageException {
        String base = System.getProperty("catalog.shared.fixtures", "../shared/fixtures/commerceml");
        Path dir = Path.of(base, name);
        Assumptions.assumeTrue(Files.isDirectory(dir), "CommerceML fixture " + name + " skipped: ../shared/fixtures not present");
        return new PackageLocator(ReadLimits.defaults()).locate(dir, workDir);
    }

    private static List<String> names(ExchangePackage pkg) {
        return pkg.files().stream().map(PackageFile::relativeName).toList();
    }

    private static long deletedProducts(RecordingVisitor seen) {
        return seen.products.stream().filter(ProductRecord::deleted).count();
    }

    /** Checks the counts every set is asserted on, in one place so that each set states all of them. */
    private static void assertCounts(RecordingVisitor seen, int groups, int properties, long values, int products,
                                     long deleted, int offers, long priceRows, long stockRows, int warehouses,
                                     int priceTypes) {
        assertAll("counts",
                () -> assertEquals(groups, seen.groups.size(), "groups"),
                () -> assertEquals(properties, seen.properties.size(), "properties"),
                () -> assertEquals(values, seen.dictionaryValues(), "dictionary values"),
                () -> assertEquals(products, seen.products.size(), "products"),
                () -> assertEquals(deleted, deletedProducts(seen), "deleted products"),
                () -> assertEquals(offers, seen.offers.size(), "offers"),
                () -> assertEquals(priceRows, seen.priceRows(), "price rows"),
                () -> assertEquals(stockRows, seen.stockRows(), "stock rows"),
                () -> assertEquals(warehouses, seen.warehouses.size(), "warehouses"),
                () -> assertEquals(priceTypes, seen.priceTypes.size(), "price types"));
    }

    @Test
    @DisplayName("ArtemiusUA/django-cml: 2.05, no namespace, 282 products, units as text with a Код attribute")
    void djangoCml() throws Exception {
        // Given
        ExchangePackage pkg = fixture("ArtemiusUA__django-cml");

        // When
        RecordingVisitor seen = RecordingVisitor.readAll(pkg);

        // Then
        assertEquals(List.of("import.xml"), names(pkg));
        assertCounts(seen, 36, 3, 3, 282, 0, 0, 0, 0, 0, 0);
        assertEquals(1115, seen.products.stream().mapToLong(p -> p.requisites().size()).sum(), "ЗначениеРеквизита");
        assertEquals(282, new CommerceMlReader().countItems(pkg));
        assertTrue(seen.problems.isEmpty(), () -> seen.problems.toString());
        // line 273: the first Товар
        ProductRecord first = seen.product("c04853c5-720b-11d9-ac6c-0080482454f7");
        assertAll(
                () -> assertEquals("BN22 Ламинат Орех 22 мм", first.name()),
                () -> assertEquals("055", first.unitCode(), "БазоваяЕдиница Код=\"055\" (text м2)"),
                () -> assertEquals(List.of("422eabfa-713e-11d9-ac6c-0080482454f7"), first.groupIds()),
                () -> assertTrue(first.properties().stream().allMatch(v -> v.values().isEmpty()), "all <Значение/>"),
                () -> assertTrue(first.requisites().contains(new Requisite("Вес", List.of("0")))),
                () -> assertEquals(new Location("import.xml", 273), first.location()));
        // lines 41-47: Алкоголь / Вино
        assertEquals(new GroupRecord("48624342-7147-11d9-ac6c-0080482454f7", "48624334-7147-11d9-ac6c-0080482454f7",
                "Вино", null, false), seen.group("48624342-7147-11d9-ac6c-0080482454f7"));
        assertEquals(List.of(false, false), seen.sections.stream().map(SectionInfo::containsOnlyChanges).toList());
    }

    @Test
    @DisplayName("bigperson/exchange1c: 2.08 in commerceml_210, three price types, offer properties, currency руб")
    void bigperson() throws Exception {
        // Given
        ExchangePackage pkg = fixture("bigperson__exchange1c");

        // When
        RecordingVisitor seen = RecordingVisitor.readAll(pkg);

        // Then
        assertEquals(List.of("import.xml", "offers.xml"), names(pkg));
        assertCounts(seen, 5, 4, 6, 2, 0, 2, 6, 0, 0, 3);
        assertEquals(List.of(new UnitRecord("796", null, "Штука", "PCE")), seen.units);
        assertEquals(4, new CommerceMlReader().countItems(pkg));
        ProductRecord product = seen.product("ffce323d-c133-11e8-8111-0050569b2b72");
        assertAll(
                () -> assertEquals("NF-00005894", product.code(), "Товар/Код"),
                () -> assertEquals("NF-00005894", product.sku()),
                () -> assertEquals("Test product 1", product.name()),
                () -> assertEquals("796", product.unitCode()),
                () -> assertEquals(List.of("ffce323c-c133-11e8-8111-0050569b2b72"), product.groupIds()),
                () -> assertNull(product.description(), "<Описание/>"),
                () -> assertTrue(product.properties().contains(new PropertyValue("17b2dc73-a9d0-11e8-8101-0050569b1daf",
                        List.of("4076a1e1-c58f-11e8-8111-0050569b2b72")))));
        OfferRecord offer = seen.offer("ffce323d-c133-11e8-8111-0050569b2b72#8a4e5ea9-d129-11e8-8112-0050569b2b72");
        assertAll(
                () -> assertEquals("ffce323d-c133-11e8-8111-0050569b2b72", offer.productId()),
                () -> assertEquals(List.of(new Characteristic("Цвет", "Бежевый")), offer.characteristics()),
                () -> assertEquals(new PriceRecord("db7b09f3-94c2-11e8-810b-0050569b5454", new BigDecimal("10500"), "руб", "шт",
                        BigDecimal.ONE), offer.prices().get(0)),
                () -> assertEquals(new BigDecimal("15500"), offer.prices().get(1).pricePerUnit()),
                () -> assertEquals(new BigDecimal("2"), offer.totalQuantity()),
                () -> assertEquals(List.of(new PropertyValue("5ea1e6c2-cc93-11e8-8112-0050569b2b72",
                        List.of("6efed1d2-cc93-11e8-8112-0050569b2b72"))), offer.properties()));
        assertTrue(seen.property("5ea1e6c2-cc93-11e8-8112-0050569b2b72").forOffers(), "ДляПредложений=true");
        assertEquals(1, seen.properties.stream().filter(PropertyRecord::forOffers).count());
    }

    @Test
    @DisplayName("carono/php-commerceml: 2.07, pictures, warehouses with addresses, stock attributes, orders ignored")
    void carono() throws Exception {
        // Given
        ExchangePackage pkg = fixture("carono__php-commerceml");

        // When
        RecordingVisitor seen = RecordingVisitor.readAll(pkg);

        // Then
        assertEquals(List.of("import.xml", "offers.xml"), names(pkg));
        assertEquals(List.of("orders.xml"), pkg.ignored(), "windows-1251 order document");
        assertCounts(seen, 22, 10, 154, 2, 0, 5, 5, 5, 5, 1);
        ProductRecord boots = seen.product("bd72d910-55bc-11d9-848a-00112f43529a");
        assertAll(
                () -> assertEquals("2000018987155", boots.barcode()),
                () -> assertEquals("Б-130001", boots.sku()),
                () -> assertEquals("Женские ботфорты коричневые", boots.name()),
                () -> assertEquals(List.of(
                        "import_files/9d/9da00149441011e19bb10015174048b8_0e01fd9e204611e8b2a794de807044d1.jpg",
                        "import_files/9d/9da00149441011e19bb10015174048b8_0e01fd9e204611e8b2a794de807044d2.jpg",
                        "import_files/9d/9da00149441011e19bb10015174048b8_0e01fd9e204611e8b2a794de807044d3.jpg"), boots.images()),
                () -> assertTrue(boots.requisites().contains(new Requisite("ОписаниеФайла", List.of(
                        "import_files/9d/9da00149441011e19bb10015174048b8_0e01fd9e204611e8b2a794de807044d1.jpg#Фото1")))));
        assertEquals("715", seen.product("bd72d913-55bc-11d9-848a-00112f43529a").unitCode(), "Код=\"715\" with Пересчет");
        assertEquals(new WarehouseRecord("b6112590-41ba-11dd-ac9d-0015e9b8c48d", "Магазин \"Обувь\"",
                "РОССИЯ ,Москва г ,Москва г ,34 ,1 ,", false), seen.warehouse("b6112590-41ba-11dd-ac9d-0015e9b8c48d"));
        OfferRecord offer = seen.offer("bd72d910-55bc-11d9-848a-00112f43529a#90c55447-d3a8-11e4-9423-e0cb4ed5eed4");
        assertEquals(List.of(new Characteristic("Размер", "40"), new Characteristic("Тип кожи", "натуральная кожа"),
                new Characteristic("Цвет", "Коричневый")), offer.characteristics());
        assertEquals(List.of(new PriceRecord("bb14a3a4-6b17-11e0-9819-e0cb4ed5eed4", new BigDecimal("1719"), "RUB", null,
                BigDecimal.ONE)), offer.prices());
        assertEquals(List.of(new StockRecord("b6112590-41ba-11dd-ac9d-0015e9b8c48d", new BigDecimal("20"))), offer.stock());
        assertEquals(new BigDecimal("20"), offer.totalQuantity());
        assertEquals(5, seen.offers.stream().filter(OfferRecord::isVariant).count());
    }

    @Test
    @DisplayName("dobromyslov/commerceml-parser: split names, a deleted product, three warehouses per offer")
    void dobromyslov() throws Exception {
        // Given
        ExchangePackage pkg = fixture("dobromyslov__commerceml-parser");

        // When
        RecordingVisitor seen = RecordingVisitor.readAll(pkg);

        // Then
        assertEquals(List.of("import0_1.xml", "offers0_1.xml"), names(pkg));
        assertCounts(seen, 1, 12, 12, 36, 1, 44, 44, 132, 3, 1);
        assertEquals(80, new CommerceMlReader().countItems(pkg));
        assertEquals(36, seen.products.stream().filter(p -> p.manufacturer() != null).count(), "Изготовитель on every product");
        assertEquals(22, seen.products.stream().filter(p -> p.barcode() != null).count(), "22 Штрихкод");
        // line 2701: <Товар Статус="Удален">
        ProductRecord deleted = seen.product("b631c9c1-49de-11e9-80c9-0cc47ab29cd1");
        assertTrue(deleted.deleted());
        assertEquals("KM-245-BC", deleted.sku());
        assertEquals("796", deleted.unitCode(), "Код=\"796 \" trimmed");
        OfferRecord offer = seen.offer("bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1");
        assertEquals(List.of(
                new StockRecord("6abdb0b5-18fd-11e7-80c2-0cc47ab29cd1", BigDecimal.ONE),
                new StockRecord("d2a52d49-19c9-11e7-80c2-0cc47ab29cd1", BigDecimal.ZERO),
                new StockRecord("dd306af1-19c9-11e7-80c2-0cc47ab29cd1", new BigDecimal("376"))), offer.stock());
        assertEquals(new BigDecimal("377"), offer.totalQuantity());
        assertEquals(new PriceRecord("279b6812-740b-11e8-80c8-0cc47ab29cd1", new BigDecimal("100"), "RUB", "PCE", BigDecimal.ONE),
                offer.prices().get(0));
        assertEquals("Владивосток", seen.warehouse("6abdb0b5-18fd-11e7-80c2-0cc47ab29cd1").name());
        assertTrue(seen.products.stream().flatMap(p -> p.properties().stream()).anyMatch(v -> v.values().contains("1,4")),
                "property values keep 1C's decimal comma");
    }

    @Test
    @DisplayName("freesport-b2b: the real 3.1 split export, all folders, brand pseudo-property, no-value markers")
    void freesport() throws Exception {
        // Given
        ExchangePackage pkg = fixture("freesport-b2b");

        // When
        RecordingVisitor seen = RecordingVisitor.readAll(pkg);

        // Then: the files in processing order
        List<String> propertiesGoods = List.of("1_1_10f30faa-0a70-44df-bf00-799144e59493", "1_2_092e9078-00ba-427c-8b10-6ca1cfdaec4f",
                "1_3_bd32790e-aa0e-45ef-b860-f01177755214", "1_4_c19854f5-aea1-468c-a8e6-9dcc57a8c15b",
                "1_5_41ab2858-de60-4e75-aab8-bdc377455ac7", "1_6_2e15ed38-7155-471a-bf41-2745c4bbc3fd",
                "1_7_7272a5e9-26a8-479d-bf98-779620d90208", "1_8_abe07a00-fe5f-40ec-a329-a716daa117ba",
                "1_9_67765f15-3f48-4c7c-92f0-9785c72a5e3e");
        List<String> expected = new ArrayList<>(List.of("groups/groups.xml"));
        propertiesGoods.forEach(s -> expected.add("propertiesGoods/propertiesGoods_" + s + ".xml"));
        expected.addAll(List.of("propertiesOffers/propertiesOffers_1_1_6a1a8235-d7e8-41d9-9ba0-748c4d67d65e.xml",
                "propertiesOffers/propertiesOffers_1_2_36a5519f-20da-44d9-bbe6-e1dbb43e727a.xml",
                "priceLists/priceLists.xml", "storages/storages.xml", "units/units.xml", "goods/import_files/goods.xml",
                "offers/offers.xml", "prices/prices.xml", "rests/rests.xml"));
        assertEquals(expected, names(pkg));
        assertEquals(List.of(), pkg.ignored());

        // counts: 496 Свойство elements (458 distinct ids: Бренд is in all 11 properties files, some in both kinds),
        // 13 759 Справочник values, offers 3 + 4 + 5 across offers/prices/rests
        assertCounts(seen, 119, 496, 13_759, 3, 0, 12, 23, 10, 2, 6);
        assertEquals(458, seen.properties.stream().map(PropertyRecord::id).distinct().count());
        assertEquals(11, seen.properties.stream().filter(p -> p.id().equals(ProductRecord.BRAND_PROPERTY_ID)).count(),
                "the Бренд pseudo-property ends every properties file");
        assertEquals(55, seen.properties.stream().filter(PropertyRecord::forOffers).count(), "propertiesOffers/ 51 + 4");
        assertEquals(17, seen.units.size());
        assertEquals(15, new CommerceMlReader().countItems(pkg));
        // units.xml line 85: a unit whose Ид and Код are blanks
        assertEquals(List.of(RecordingVisitor.line(ItemProblem.Kind.SKIPPED, CatalogEntity.UNITS, null, "units/units.xml", 85,
                "a unit (ЕдиницаИзмерения) \"ед\" has neither Код nor Ид; it was skipped")), seen.problemLines());
        assertTrue(seen.sections.stream().allMatch(SectionInfo::containsOnlyChanges), "3.1 says true even in full exports");
        assertEquals(Set.of("916c4658-6e57-4468-91e7-60d53e352890", "#916c4658-6e57-4468-91e7-60d53e352890"),
                seen.sections.stream().map(SectionInfo::id).collect(Collectors.toSet()));

        // goods.xml line 8: the first product
        ProductRecord dumbbell = seen.product("018d777d-9094-11ec-a2ff-04421a23d8e8");
        assertAll(
                () -> assertEquals("ES1115", dumbbell.sku()),
                () -> assertNull(dumbbell.barcode(), "<Штрихкод/>"),
                () -> assertEquals("AAAAAAAAAAI=", dumbbell.version()),
                () -> assertEquals("Гантель неопреновая Espado ES1115, жёлтый", dumbbell.name()),
                () -> assertEquals("796", dumbbell.unitCode(), "<БазоваяЕдиница>796 </БазоваяЕдиница>"),
                () -> assertEquals(List.of("9c5bad96-a802-11e7-8151-00155d87f90d"), dumbbell.groupIds()),
                () -> assertEquals(4, dumbbell.images().size()),
                () -> assertTrue(dumbbell.manufacturer().startsWith("Нантонг энджойплей фитнес ко,лтд")),
                () -> assertEquals("e473e711-17be-11eb-81ce-00155d3cae02", dumbbell.brand(), "value id in the Бренд dictionary"),
                () -> assertEquals("U\u0422-00002318", dumbbell.code(), "requisite Код (Latin U, Cyrillic Т)"),
                () -> assertTrue(dumbbell.description().contains("<br>"), "&lt;br&gt; unescaped"),
                () -> assertTrue(dumbbell.properties().contains(new PropertyValue("4add97ab-7d0f-11ed-a325-04421a23d8e8", List.of())),
                        "all-zero GUID removed"),
                () -> assertTrue(dumbbell.properties().contains(new PropertyValue("d924cc5e-7674-11ef-8d29-fa163e775e1f", List.of("false")))),
                () -> assertFalse(dumbbell.deleted()),
                () -> assertEquals(new Location("goods/import_files/goods.xml", 8), dumbbell.location()));
        assertTrue(seen.property(ProductRecord.BRAND_PROPERTY_ID).values()
                .contains(new DictionaryValue("e473e711-17be-11eb-81ce-00155d3cae02", "ESPADO")));
        assertEquals(13, seen.products.stream().mapToLong(p -> p.images().size()).sum());
        PackageFile goods = pkg.files().stream().filter(f -> f.relativeName().startsWith("goods/")).findFirst().orElseThrow();
        assertTrue(pkg.picture(goods, dumbbell.images().get(0)).isPresent(), "pictures are relative to goods/");
        assertTrue(seen.products.stream().flatMap(p -> p.properties().stream()).flatMap(v -> v.values().stream())
                .noneMatch(v -> v.equals("-999999999.9") || v.startsWith("0001-01-01") || v.equals(Values.ZERO_GUID)));

        // offers.xml line 9: 14 characteristics, 6 with a value (empty ones and -999 999 999,9 left out)
        OfferRecord kimono = seen.offer("3d5f3106-4839-11ef-804f-fa163e775e1f#3d96ff78-4839-11ef-804f-fa163e775e1f");
        assertEquals(List.of(new Characteristic("Длина коробки (см)", "50"), new Characteristic("Вес коробки (кг)", "21,6"),
                new Characteristic("Вес индивидуальной упаковки (кг)", "2,16"), new Characteristic("Высота коробки (см)", "40"),
                new Characteristic("Кратность", "10"), new Characteristic("Ширина коробки (см)", "30")), kimono.characteristics());
        assertEquals("3d5f3106-4839-11ef-804f-fa163e775e1f", kimono.productId());
        assertEquals(20, seen.offers.stream().mapToLong(o -> o.characteristics().size()).sum());
        // prices.xml: 038bca5a… first price РРЦ 6990 руб
        OfferRecord priced = seen.offer("038bca5a-747e-11ea-81c1-00155d3cae02", "prices/");
        assertEquals(new PriceRecord("3d1482c4-bd77-11e4-afc8-20cf3073dde3", new BigDecimal("6990"), "руб", null, null),
                priced.prices().get(0));
        assertNull(priced.name(), "a prices file gives prices only");
        assertEquals("РРЦ", RecordingVisitor.single(seen.priceTypes, PriceTypeRecord::id, "3d1482c4-bd77-11e4-afc8-20cf3073dde3").name());
        // rests.xml: Остатки/Остаток/Склад shape, zeros in both warehouses
        assertEquals(List.of(new StockRecord("8f06f4f1-b3f0-11ea-81c3-00155d3cae02", BigDecimal.ZERO),
                new StockRecord("b41f7acc-58e5-11f0-90b3-fa163ea88911", BigDecimal.ZERO)),
                seen.offer("069efcc9-a098-11ed-a325-04421a23d8e8", "rests/").stock());
        assertEquals(List.of("1 СДВ склад", "2 ТЛВ склад"), seen.warehouses.stream().map(WarehouseRecord::name).toList());
        // groups.xml: СПОРТ → Бассейны, пляж, аксессуары
        assertEquals("3d148346-bd77-11e4-afc8-20cf3073dde3", seen.group("3d148351-bd77-11e4-afc8-20cf3073dde3").parentId());
        assertNull(seen.group("3d148346-bd77-11e4-afc8-20cf3073dde3").parentId());
    }

    @Test
    @DisplayName("gillbeits/commerceml: UT 11 package (classifier-only import, offers, prices, rests files)")
    void gillbeits() throws Exception {
        // Given
        ExchangePackage pkg = fixture("gillbeits__commerceml");

        // When
        RecordingVisitor seen = RecordingVisitor.readAll(pkg);

        // Then
        assertEquals(List.of("import___b815e2db-7a65-4265-9241-5f0c4f0565a7.xml", "offers___7f304edc-2527-4d3d-b058-6e4ee53de2e0.xml",
                "prices___d66a6b51-ce9c-4e7a-8c7c-25079721107f.xml", "rests___1af6e7b8-a026-4690-9752-1c9d64cb914d.xml"), names(pkg));
        assertEquals(List.of(EnumSet.of(Content.CLASSIFIER), EnumSet.of(Content.OFFERS), EnumSet.of(Content.PRICES),
                EnumSet.of(Content.STOCK)), pkg.files().stream().map(PackageFile::contents).toList());
        // 1811 Справочник, 11 of them with empty ИдЗначения and Значение: left out
        assertCounts(seen, 97, 1908, 1800, 0, 0, 2934, 978, 978, 1, 1);
        assertEquals(2934, new CommerceMlReader().countItems(pkg));
        assertEquals(12, seen.properties.stream().filter(PropertyRecord::deleted).count(), "12 ПометкаУдаления=true");
        assertTrue(seen.property("53499140-6cb8-11e4-86dd-003048c64779").deleted(), "Тряпки, line 1066");
        assertEquals(List.of(new UnitRecord("778", "упа", "Упаковка", null), new UnitRecord("796", "шт", "Штука", "PCE")), seen.units);
        assertTrue(seen.problems.isEmpty(), () -> seen.problems.toString());

        String deodorant = "26b0dc1e-4d66-11e4-99fe-003048c64779";
        OfferRecord described = seen.offer(deodorant, "offers___");
        assertEquals("Дезодорант для мужчин Чистая линия Фито защита без белых следов 150мл", described.name());
        assertEquals("AAAAAADjIlA=", described.version());
        assertEquals(List.of(), described.prices());
        assertEquals(List.of(new PriceRecord("4d968229-47ba-11e4-a628-003048c64779", new BigDecimal("181"), "RUB", null, null)),
                seen.offer(deodorant, "prices___").prices());
        assertEquals(List.of(new StockRecord("5d1caeb1-44b2-11e4-a628-003048c64779", BigDecimal.ONE)),
                seen.offer(deodorant, "rests___").stock());
        assertEquals(List.of(new SectionInfo(SectionKind.CLASSIFIER, "86bca4ea-eb3a-4beb-b0d6-2090dbef560e", true,
                        "import___b815e2db-7a65-4265-9241-5f0c4f0565a7.xml"),
                new SectionInfo(SectionKind.CATALOG, "86bca4ea-eb3a-4beb-b0d6-2090dbef560e", true,
                        "import___b815e2db-7a65-4265-9241-5f0c4f0565a7.xml")), seen.sections.subList(0, 2));
    }

    @Test
    @DisplayName("stee1cat/1c-exchange: a 3.1 UT 11 classifier with warehouses and units, no items")
    void stee1cat() throws Exception {
        // Given
        ExchangePackage pkg = fixture("stee1cat__1c-exchange");

        // When
        RecordingVisitor seen = RecordingVisitor.readAll(pkg);

        // Then
        assertEquals(List.of("import___29d3f7f0-36dd-4eea-a06c-4c325bed4285.xml"), names(pkg));
        assertCounts(seen, 25, 0, 0, 0, 0, 0, 0, 0, 13, 0);
        assertEquals(10, seen.units.size());
        assertEquals(0, new CommerceMlReader().countItems(pkg));
        assertEquals(new WarehouseRecord("abf5870d-f5c8-11e2-802f-0015e9b8c48d", "Домодедовская таможня", null, false),
                seen.warehouse("abf5870d-f5c8-11e2-802f-0015e9b8c48d"));
        assertEquals(new UnitRecord("166", "кг", "Килограмм", "KGM"), seen.units.get(0));
        assertEquals("Торговая деятельность", seen.group("fad620c2-c719-11e4-8ec3-bcaec56cc144").name());
        assertTrue(seen.sections.stream().allMatch(SectionInfo::containsOnlyChanges));
    }
}
