package org.catalogimport.commerceml;

import static org.catalogimport.commerceml.TestPackages.NS_210;
import static org.catalogimport.commerceml.TestPackages.NS_2;
import static org.catalogimport.commerceml.TestPackages.NS_3;
import static org.catalogimport.commerceml.TestPackages.document;
import static org.catalogimport.commerceml.TestPackages.read;
import static org.catalogimport.commerceml.TestPackages.write;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The dialects and quirks of real exports, each in a small file written by the test. */
class CommerceMlReaderTest {

    /** A classic 2.x import: classifier with nested groups and a dictionary property, then one product. */
    static final String CLASSIC_IMPORT = """
            <Классификатор>
              <Ид>cls-1</Ид>
              <Наименование>Классификатор</Наименование>
              <Группы>
                <Группа>
                  <Ид>g-shoes</Ид>
                  <Наименование>Обувь</Наименование>
                  <Группы>
                    <Группа><Ид>g-boots</Ид><Наименование>Ботинки</Наименование></Группа>
                  </Группы>
                </Группа>
              </Группы>
              <Свойства>
                <Свойство>
                  <Ид>p-color</Ид><Наименование>Цвет</Наименование><ТипЗначений>Справочник</ТипЗначений>
                  <ВариантыЗначений>
                    <Справочник><ИдЗначения>v-red</ИдЗначения><Значение>Красный</Значение></Справочник>
                    <Справочник><ИдЗначения>v-black</ИдЗначения><Значение>Чёрный</Значение></Справочник>
                  </ВариантыЗначений>
                </Свойство>
              </Свойства>
            </Классификатор>
            <Каталог СодержитТолькоИзменения="false">
              <Ид>cat-1</Ид>
              <Товары>
                <Товар>
                  <Ид>prod-1</Ид>
                  <Артикул>Б-130001</Артикул>
                  <Наименование>Ботинки женские "Осень"</Наименование>
                  <БазоваяЕдиница Код="796 ">шт</БазоваяЕдиница>
                  <Группы><Ид>g-boots</Ид></Группы>
                  <ЗначенияСвойств>
                    <ЗначенияСвойства><Ид>p-color</Ид><Значение>v-red</Значение></ЗначенияСвойства>
                  </ЗначенияСвойств>
                </Товар>
              </Товары>
            </Каталог>""";

    @TempDir
    Path dir;

    static Stream<Arguments> dialects() {
        return Stream.of(
                Arguments.of("no namespace (2.03-2.05)", document(null, CLASSIC_IMPORT)),
                Arguments.of("urn:1C.ru:commerceml_2", document(NS_2, CLASSIC_IMPORT)),
                Arguments.of("urn:1C.ru:commerceml_210", document(NS_210, CLASSIC_IMPORT)),
                Arguments.of("urn:1C.ru:commerceml_3", document(NS_3, CLASSIC_IMPORT)),
                Arguments.of("prefixed elements", prefixed(document(null, CLASSIC_IMPORT))));
    }

    /** Every element written as {@code cml:Name} with {@code xmlns:cml} on the root. */
    private static String prefixed(String xml) {
        return xml.replaceAll("<(/?)([А-Яа-яЁё])", "<$1cml:$2")
                .replaceFirst("<cml:КоммерческаяИнформация", "<cml:КоммерческаяИнформация xmlns:cml=\"" + NS_2 + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    @DisplayName("elements are matched by local name whatever the namespace")
    void readsEveryNamespaceDialect(String dialect, String xml) throws Exception {
        // Given a classic import in this dialect
        Path file = write(dir, "import.xml", xml);

        // When it is read
        RecordingVisitor seen = read(file, Content.CLASSIFIER, Content.CATALOG);

        // Then groups, the property with its values and the product all arrive
        assertAll(
                () -> assertEquals(List.of("g-shoes", "g-boots"), seen.groups.stream().map(GroupRecord::id).toList()),
                () -> assertEquals("g-shoes", seen.group("g-boots").parentId()),
                () -> assertEquals(PropertyType.DICTIONARY, seen.property("p-color").type()),
                () -> assertEquals(List.of(new DictionaryValue("v-red", "Красный"), new DictionaryValue("v-black", "Чёрный")),
                        seen.property("p-color").values()),
                () -> assertEquals(1, seen.products.size()),
                () -> assertEquals("Ботинки женские \"Осень\"", seen.product("prod-1").name()),
                () -> assertEquals("796", seen.product("prod-1").unitCode()),
                () -> assertEquals(List.of("g-boots"), seen.product("prod-1").groupIds()),
                () -> assertEquals(List.of(new PropertyValue("p-color", List.of("v-red"))), seen.product("prod-1").properties()),
                () -> assertEquals(List.of(
                        new SectionInfo(SectionKind.CLASSIFIER, "cls-1", false, "import.xml"),
                        new SectionInfo(SectionKind.CATALOG, "cat-1", false, "import.xml")), seen.sections));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"windows-1251", "KOI8-R", "UTF-16"})
    @DisplayName("a file in another encoding is decoded as its XML declaration says")
    void honoursTheDeclaredEncoding(String encoding) throws Exception {
        // Given the classic import re-encoded (windows-1251 is what Bitrix and old 1C write; Aalto
        // alone would read KOI8-R as Latin-1 without complaint)
        Path file = write(dir, "import.xml", TestPackages.encoded(document(null, CLASSIC_IMPORT), Charset.forName(encoding)));

        // When it is read
        RecordingVisitor seen = read(file);

        // Then the Cyrillic text is intact
        assertEquals("Ботинки женские \"Осень\"", seen.product("prod-1").name());
        assertEquals("Чёрный", seen.property("p-color").values().get(1).value());
    }

    @Test
    @DisplayName("a UTF-8 byte-order mark is tolerated")
    void toleratesByteOrderMark() throws Exception {
        // Given a file that starts with EF BB BF, as 1C writes most files
        Path file = write(dir, "import.xml", TestPackages.withBom(document(NS_2, CLASSIC_IMPORT)));

        // When it is read
        RecordingVisitor seen = read(file);

        // Then it reads like the same file without BOM
        assertEquals("Ботинки женские \"Осень\"", seen.product("prod-1").name());
    }

    @Test
    @DisplayName("sections are read in whatever order they come (3.1 puts the classifier after a header-only catalog)")
    void readsSectionsInAnyOrder() throws Exception {
        // Given a 3.1-style file: header-only Каталог, then the classifier, and an offers package before both
        Path file = write(dir, "mixed.xml", document(NS_3, """
                <ПакетПредложений><Ид>#cat-1</Ид>
                  <Предложения><Предложение><Ид>prod-1</Ид><Наименование>Ботинки</Наименование></Предложение></Предложения>
                </ПакетПредложений>
                <Каталог СодержитТолькоИзменения="true"><Ид>cat-1</Ид><Наименование>Каталог</Наименование></Каталог>
                <Классификатор СодержитТолькоИзменения="true"><Ид>cat-1</Ид>
                  <Группы><Группа><Ид>g-1</Ид><Наименование>Спорт</Наименование></Группа></Группы>
                </Классификатор>"""));

        // When it is read
        RecordingVisitor seen = read(file, Content.CLASSIFIER, Content.OFFERS);

        // Then every section is announced before its records, in document order
        assertEquals(List.of("section:OFFERS_PACKAGE", "offer:prod-1", "section:CATALOG", "section:CLASSIFIER", "group:g-1"),
                seen.events);
        assertEquals("#cat-1", seen.sections.get(0).id());
    }

    @Test
    @DisplayName("СодержитТолькоИзменения counts as an attribute and as a child element")
    void readsContainsOnlyChangesBothWays() throws Exception {
        // Given one section with the attribute, one with the element and one with neither
        Path file = write(dir, "import.xml", document("""
                <Классификатор СодержитТолькоИзменения="true"><Ид>a</Ид></Классификатор>
                <Каталог><СодержитТолькоИзменения>true</СодержитТолькоИзменения><Ид>b</Ид><Товары/></Каталог>
                <ПакетПредложений><Ид>c</Ид><Предложения/></ПакетПредложений>"""));

        // When it is read
        RecordingVisitor seen = read(file);

        // Then the first two are partial and the last one is full
        assertEquals(List.of(true, true, false), seen.sections.stream().map(SectionInfo::containsOnlyChanges).toList());
        assertEquals(List.of("a", "b", "c"), seen.sections.stream().map(SectionInfo::id).toList());
    }

    @Test
    @DisplayName("prices and quantities with decimal commas, spaces and no-break spaces are numbers")
    void parsesNumbersAsOneCWritesThem() throws Exception {
        // Given an offer with "1 631,80" (no-break space), "6990", "0,5" and "1 234,5"
        Path file = write(dir, "offers.xml", document("""
                <ПакетПредложений><Предложения><Предложение>
                  <Ид>prod-1</Ид>
                  <Цены>
                    <Цена><ИдТипаЦены>pt-opt</ИдТипаЦены><ЦенаЗаЕдиницу>1\u00A0631,80</ЦенаЗаЕдиницу><Валюта>руб</Валюта><Единица>шт</Единица><Коэффициент>0,5</Коэффициент></Цена>
                    <Цена><ИдТипаЦены>pt-retail</ИдТипаЦены><ЦенаЗаЕдиницу>6990</ЦенаЗаЕдиницу><Валюта>RUB</Валюта></Цена>
                  </Цены>
                  <Количество>1 234,5</Количество>
                </Предложение></Предложения></ПакетПредложений>"""));

        // When it is read
        OfferRecord offer = read(file, Content.OFFERS).offer("prod-1");

        // Then the numbers are exact
        assertEquals(List.of(
                new PriceRecord("pt-opt", new BigDecimal("1631.80"), "руб", "шт", new BigDecimal("0.5")),
                new PriceRecord("pt-retail", new BigDecimal("6990"), "RUB", null, null)), offer.prices());
        assertEquals(new BigDecimal("1234.5"), offer.totalQuantity());
    }

    @Test
    @DisplayName("stock in every shape: attributes (a), Остатки (b), КоличествоНаСкладах and ОстаткиПоСкладам (c)")
    void readsEveryStockShape() throws Exception {
        // Given one offer per stock shape
        Path file = write(dir, "offers.xml", document("""
                <ПакетПредложений><Предложения>
                  <Предложение><Ид>shape-a</Ид><Количество>21</Количество>
                    <Склад ИдСклада="wh-1" КоличествоНаСкладе="20"/><Склад ИдСклада="wh-2" КоличествоНаСкладе="1"/>
                  </Предложение>
                  <Предложение><Ид>shape-b</Ид><Остатки>
                    <Остаток><Склад><Ид>wh-1</Ид><Количество>7</Количество></Склад></Остаток>
                    <Остаток><Склад><Ид>wh-2</Ид><Количество>0</Количество></Склад></Остаток>
                  </Остатки></Предложение>
                  <Предложение><Ид>shape-c1</Ид><КоличествоНаСкладах>
                    <КоличествоНаСкладе><ИдСклада>wh-1</ИдСклада><Количество>3</Количество></КоличествоНаСкладе>
                  </КоличествоНаСкладах></Предложение>
                  <Предложение><Ид>shape-c2</Ид><ОстаткиПоСкладам>
                    <ОстатокПоСкладу><Ид>wh-2</Ид><Остаток>4,5</Остаток></ОстатокПоСкладу>
                  </ОстаткиПоСкладам></Предложение>
                  <Предложение><Ид>total-only</Ид><Остатки><Остаток><Количество>9</Количество></Остаток></Остатки></Предложение>
                </Предложения></ПакетПредложений>"""));

        // When it is read
        RecordingVisitor seen = read(file, Content.STOCK);

        // Then each shape gives the same records
        assertAll(
                () -> assertEquals(List.of(new StockRecord("wh-1", new BigDecimal("20")), new StockRecord("wh-2", BigDecimal.ONE)),
                        seen.offer("shape-a").stock()),
                () -> assertEquals(new BigDecimal("21"), seen.offer("shape-a").totalQuantity()),
                () -> assertEquals(List.of(new StockRecord("wh-1", new BigDecimal("7")), new StockRecord("wh-2", BigDecimal.ZERO)),
                        seen.offer("shape-b").stock()),
                () -> assertNull(seen.offer("shape-b").totalQuantity()),
                () -> assertEquals(List.of(new StockRecord("wh-1", new BigDecimal("3"))), seen.offer("shape-c1").stock()),
                () -> assertEquals(List.of(new StockRecord("wh-2", new BigDecimal("4.5"))), seen.offer("shape-c2").stock()),
                () -> assertEquals(List.of(), seen.offer("total-only").stock()),
                () -> assertEquals(new BigDecimal("9"), seen.offer("total-only").totalQuantity()),
                () -> assertTrue(seen.problems.isEmpty(), () -> "problems: " + seen.problems));
    }

    @Test
    @DisplayName("the 2.10 changes package joins Ид and ИдХарактеристики and reads Склады")
    void readsTheChangesPackage() throws Exception {
        // Given an ИзмененияПакетаПредложений offer
        Path file = write(dir, "changes.xml", document("""
                <ИзмененияПакетаПредложений СодержитТолькоИзменения="true"><Ид>pkg</Ид><Предложения>
                  <Предложение><Ид>prod-1</Ид><ИдХарактеристики>var-9</ИдХарактеристики>
                    <Цены><Цена><ИдТипаЦены>pt</ИдТипаЦены><ЦенаЗаЕдиницу>10</ЦенаЗаЕдиницу></Цена></Цены>
                    <Количество>5</Количество>
                    <Склады><Склад ИдСклада="wh-1" КоличествоНаСкладе="5"/></Склады>
                  </Предложение>
                </Предложения></ИзмененияПакетаПредложений>"""));

        // When it is read
        RecordingVisitor seen = read(file, Content.PRICES, Content.STOCK);

        // Then the offer is the variant, with its price and stock
        OfferRecord offer = seen.offer("prod-1#var-9");
        assertEquals("prod-1", offer.productId());
        assertEquals(List.of(new StockRecord("wh-1", new BigDecimal("5"))), offer.stock());
        assertEquals(new BigDecimal("10"), offer.prices().get(0).pricePerUnit());
        assertEquals(new SectionInfo(SectionKind.OFFERS_CHANGES, "pkg", true, "changes.xml"), seen.sections.get(0));
    }

    @Test
    @DisplayName("product#variant ids: an offer's product is the part before the first #")
    void splitsVariantIdsOnTheFirstHash() throws Exception {
        // Given offers with a plain id, a variant id and an id with two #, and a variant listed as Товар
        Path file = write(dir, "mixed.xml", document("""
                <Каталог><Товары><Товар><Ид>prod-2#var-1</Ид><Наименование>Old style variant</Наименование></Товар></Товары></Каталог>
                <ПакетПредложений><Предложения>
                  <Предложение><Ид>prod-1</Ид></Предложение>
                  <Предложение><Ид>prod-1#var-1</Ид></Предложение>
                  <Предложение><Ид>prod-1#var-1#x</Ид></Предложение>
                </Предложения></ПакетПредложений>"""));

        // When it is read
        RecordingVisitor seen = read(file);

        // Then
        assertEquals(List.of("prod-1", "prod-1", "prod-1"), seen.offers.stream().map(OfferRecord::productId).toList());
        assertEquals(List.of(false, true, true), seen.offers.stream().map(OfferRecord::isVariant).toList());
        assertEquals("prod-1#var-1#x", seen.offers.get(2).id());
        assertEquals("prod-2", seen.products.get(0).id());
    }

    @Test
    @DisplayName("deletion: Статус=Удален as attribute or element (any case, ё too), ПометкаУдаления=true")
    void readsDeletionMarkersBothWays() throws Exception {
        // Given items deleted in each way, and one that is not
        Path file = write(dir, "import.xml", document("""
                <Классификатор>
                  <Группы><Группа><Ид>g-old</Ид><ПометкаУдаления>true</ПометкаУдаления></Группа><Группа><Ид>g-live</Ид></Группа></Группы>
                  <Свойства><Свойство><Ид>p-old</Ид><ПометкаУдаления>true</ПометкаУдаления></Свойство></Свойства>
                  <Склады><Склад><Ид>wh-old</Ид><ПометкаУдаления>true</ПометкаУдаления></Склад></Склады>
                </Классификатор>
                <Каталог><Товары>
                  <Товар Статус="Удален"><Ид>by-attribute</Ид></Товар>
                  <Товар><Ид>by-element</Ид><Статус>удалён</Статус></Товар>
                  <Товар><Ид>by-mark</Ид><ПометкаУдаления>true</ПометкаУдаления></Товар>
                  <Товар Статус="Изменен"><Ид>alive</Ид><ПометкаУдаления>false</ПометкаУдаления></Товар>
                </Товары></Каталог>
                <ПакетПредложений><Предложения>
                  <Предложение Статус="УДАЛЕН"><Ид>o-attribute</Ид></Предложение>
                  <Предложение><Ид>o-mark</Ид><ПометкаУдаления>true</ПометкаУдаления></Предложение>
                  <Предложение><Ид>o-alive</Ид></Предложение>
                </Предложения></ПакетПредложений>"""));

        // When it is read
        RecordingVisitor seen = read(file);

        // Then
        assertEquals(List.of(true, true, true, false), seen.products.stream().map(ProductRecord::deleted).toList());
        assertEquals(List.of(true, true, false), seen.offers.stream().map(OfferRecord::deleted).toList());
        assertTrue(seen.group("g-old").deleted());
        assertFalse(seen.group("g-live").deleted());
        assertTrue(seen.property("p-old").deleted());
        assertTrue(seen.warehouse("wh-old").deleted());
    }

    @Test
    @DisplayName("1C's no-value markers are removed: empty, all-zero GUID, -999999999.9, 0001-01-01")
    void removesNoValueMarkers() throws Exception {
        // Given a product whose properties and requisites use every marker, and a group list with a zero GUID
        Path file = write(dir, "goods.xml", document(NS_3, """
                <Каталог><Товары><Товар>
                  <Ид>prod-1</Ид>
                  <Группы><Ид>00000000-0000-0000-0000-000000000000</Ид><Ид>g-1</Ид></Группы>
                  <ЗначенияСвойств>
                    <ЗначенияСвойства><Ид>p-empty</Ид><Значение/></ЗначенияСвойства>
                    <ЗначенияСвойства><Ид>p-ref</Ид><Значение>00000000-0000-0000-0000-000000000000</Значение></ЗначенияСвойства>
                    <ЗначенияСвойства><Ид>p-number</Ид><Значение>-999999999.9</Значение></ЗначенияСвойства>
                    <ЗначенияСвойства><Ид>p-spaced</Ид><Значение>-999 999 999,9</Значение></ЗначенияСвойства>
                    <ЗначенияСвойства><Ид>p-date</Ид><Значение>0001-01-01T00:00:00</Значение></ЗначенияСвойства>
                    <ЗначенияСвойства><Ид>p-real</Ид><Значение>21,6</Значение><Значение>-5</Значение></ЗначенияСвойства>
                  </ЗначенияСвойств>
                  <ЗначенияРеквизитов>
                    <ЗначениеРеквизита><Наименование>Планируемая дата поступления</Наименование><Значение>0001-01-01T00:00:00</Значение></ЗначениеРеквизита>
                    <ЗначениеРеквизита><Наименование>Вес</Наименование><Значение>0,35</Значение></ЗначениеРеквизита>
                  </ЗначенияРеквизитов>
                </Товар></Товары></Каталог>"""));

        // When it is read
        ProductRecord product = read(file).product("prod-1");

        // Then markers are gone, the entries stay (an unset property), real values are untouched
        assertEquals(List.of("g-1"), product.groupIds());
        assertEquals(List.of(
                new PropertyValue("p-empty", List.of()), new PropertyValue("p-ref", List.of()),
                new PropertyValue("p-number", List.of()), new PropertyValue("p-spaced", List.of()),
                new PropertyValue("p-date", List.of()), new PropertyValue("p-real", List.of("21,6", "-5"))),
                product.properties());
        assertEquals(List.of(new Requisite("Планируемая дата поступления", List.of()), new Requisite("Вес", List.of("0,35"))),
                product.requisites());
    }

    @Test
    @DisplayName("all product fields, with the 3.x brand pseudo-property and the code requisite")
    void readsAllProductFields() throws Exception {
        // Given a 3.1 product like the real export's
        Path file = write(dir, "goods/import_files/goods.xml", document(NS_3, """
                <Каталог СодержитТолькоИзменения="true"><Ид>cat</Ид><Товары>
                  <Товар>
                    <Ид>018d777d-9094-11ec-a2ff-04421a23d8e8</Ид>
                    <НомерВерсии>AAAAAAAAAAI=</НомерВерсии>
                    <ПометкаУдаления>false</ПометкаУдаления>
                    <Штрихкод>4607000000017</Штрихкод>
                    <Артикул>ES1115</Артикул>
                    <Наименование>Гантель неопреновая</Наименование>
                    <БазоваяЕдиница>796 </БазоваяЕдиница>
                    <Группы><Ид>g-1</Ид></Группы>
                    <Описание>Гантель &lt;br&gt; с покрытием</Описание>
                    <Картинка>import_files/01/a_b.jpg</Картинка>
                    <Картинка>import_files/01/a_c.jpg</Картинка>
                    <Изготовитель><Ид>m-1</Ид><Наименование>Нантонг фитнес</Наименование></Изготовитель>
                    <ЗначенияСвойств><ЗначенияСвойства><Ид>Бренд</Ид><Значение>brand-guid</Значение></ЗначенияСвойства></ЗначенияСвойств>
                    <ЗначенияРеквизитов>
                      <ЗначениеРеквизита><Наименование>Код</Наименование><Значение>УТ-00002318</Значение></ЗначениеРеквизита>
                      <ЗначениеРеквизита><Наименование>Бренд</Наименование><Значение>brand-guid</Значение></ЗначениеРеквизита>
                    </ЗначенияРеквизитов>
                  </Товар>
                  <Товар><Ид>p2</Ид><ТорговаяМарка>Espado</ТорговаяМарка><Код>К-1</Код>
                    <БазоваяЕдиница Код="715" НаименованиеПолное="Пара"><Пересчет><Единица>796</Единица><Коэффициент>2</Коэффициент></Пересчет></БазоваяЕдиница>
                    <ЗначенияСвойств><ЗначенияСвойства><Ид>Бренд</Ид><Значение>brand-guid</Значение></ЗначенияСвойства></ЗначенияСвойств>
                  </Товар>
                </Товары></Каталог>"""));

        // When it is read
        RecordingVisitor seen = read(file);

        // Then
        ProductRecord product = seen.product("018d777d-9094-11ec-a2ff-04421a23d8e8");
        assertEquals(new ProductRecord("018d777d-9094-11ec-a2ff-04421a23d8e8", "AAAAAAAAAAI=", "ES1115", "4607000000017",
                "УТ-00002318", "Гантель неопреновая", "Гантель <br> с покрытием", List.of("g-1"), "Нантонг фитнес",
                "brand-guid", List.of("import_files/01/a_b.jpg", "import_files/01/a_c.jpg"),
                List.of(new PropertyValue("Бренд", List.of("brand-guid"))),
                List.of(new Requisite("Код", List.of("УТ-00002318")), new Requisite("Бренд", List.of("brand-guid"))),
                "796", false, new Location("goods.xml", 4)), product);
        ProductRecord second = seen.product("p2");
        assertEquals("Espado", second.brand(), "a literal trade mark wins over the pseudo-property's value id");
        assertEquals("К-1", second.code());
        assertEquals("715", second.unitCode(), "the Код attribute, not the Пересчет children");
    }

    @Test
    @DisplayName("all offer fields: characteristics without empty ones, offer properties, prices, stock")
    void readsAllOfferFields() throws Exception {
        // Given a classic offer with everything
        Path file = write(dir, "offers.xml", document("""
                <ПакетПредложений><Ид>cat#</Ид>
                  <ТипыЦен><ТипЦены><Ид>pt-1</Ид><Наименование>Розничная</Наименование><Валюта>RUB</Валюта></ТипЦены></ТипыЦен>
                  <Склады><Склад><Ид>wh-1</Ид><Наименование>Магазин "Обувь"</Наименование>
                    <Адрес><Представление>Москва, 34</Представление><АдресноеПоле><Тип>Дом</Тип><Значение>34</Значение></АдресноеПоле></Адрес>
                  </Склад></Склады>
                  <Предложения><Предложение>
                    <Ид>prod-1#var-1</Ид><НомерВерсии>v5</НомерВерсии><Штрихкод>200001</Штрихкод><Артикул>Б-1</Артикул>
                    <Наименование>Ботинки (38)</Наименование>
                    <ХарактеристикиТовара>
                      <ХарактеристикаТовара><Ид>c1</Ид><Наименование>Размер</Наименование><Значение>42,5</Значение></ХарактеристикаТовара>
                      <ХарактеристикаТовара><Наименование>Детский размер</Наименование><Значение/></ХарактеристикаТовара>
                      <ХарактеристикаТовара><Наименование>Длина (см)</Наименование><Значение>-999 999 999,9</Значение></ХарактеристикаТовара>
                    </ХарактеристикиТовара>
                    <ЗначенияСвойств><ЗначенияСвойства><Ид>p-size</Ид><Значение>v-42-5</Значение></ЗначенияСвойства></ЗначенияСвойств>
                    <Цены><Цена><Представление>1 719 RUB за пара</Представление><ИдТипаЦены>pt-1</ИдТипаЦены><ЦенаЗаЕдиницу>1719</ЦенаЗаЕдиницу><Валюта>RUB</Валюта><Коэффициент>1</Коэффициент></Цена></Цены>
                    <Количество>20</Количество>
                    <Склад ИдСклада="wh-1" КоличествоНаСкладе="20"/>
                  </Предложение></Предложения>
                </ПакетПредложений>"""));

        // When it is read
        RecordingVisitor seen = read(file, Content.OFFERS, Content.PRICES, Content.STOCK);

        // Then
        assertEquals(List.of(new PriceTypeRecord("pt-1", "Розничная", "RUB")), seen.priceTypes);
        assertEquals(List.of(new WarehouseRecord("wh-1", "Магазин \"Обувь\"", "Москва, 34", false)), seen.warehouses);
        assertEquals(new OfferRecord("prod-1#var-1", "prod-1", "v5", "Б-1", "200001", "Ботинки (38)",
                List.of(new Characteristic("Размер", "42,5")), List.of(new PropertyValue("p-size", List.of("v-42-5"))),
                List.of(new PriceRecord("pt-1", new BigDecimal("1719"), "RUB", null, BigDecimal.ONE)),
                List.of(new StockRecord("wh-1", new BigDecimal("20"))), new BigDecimal("20"), false,
                new Location("offers.xml", 8)), seen.offer("prod-1#var-1"));
    }

    @Test
    @DisplayName("a bad price is reported with the offer's Ид, file and line; the rest is read")
    void reportsABadPriceAndReadsOn() throws Exception {
        // Given an offer with one good and one non-numeric price and a bad stock row, then one with a bad total
        Path file = write(dir, "prices.xml", document("""
                <ПакетПредложений><Предложения>
                  <Предложение>
                    <Ид>prod-1</Ид>
                    <Цены>
                      <Цена><ИдТипаЦены>pt-1</ИдТипаЦены><ЦенаЗаЕдиницу>100</ЦенаЗаЕдиницу></Цена>
                      <Цена><ИдТипаЦены>pt-2</ИдТипаЦены><ЦенаЗаЕдиницу>сто рублей</ЦенаЗаЕдиницу></Цена>
                    </Цены>
                    <Склад ИдСклада="wh-1" КоличествоНаСкладе="много"/>
                  </Предложение>
                  <Предложение><Ид>prod-2</Ид><Цены><Цена><ИдТипаЦены>pt-1</ИдТипаЦены><ЦенаЗаЕдиницу>200</ЦенаЗаЕдиницу></Цена></Цены><Количество>нет</Количество></Предложение>
                </Предложения></ПакетПредложений>"""));

        // When it is read
        RecordingVisitor seen = read(file, Content.PRICES);

        // Then the bad price and stock rows are problems, and everything else arrived
        assertEquals(List.of(
                RecordingVisitor.line(ItemProblem.Kind.SKIPPED, CatalogEntity.PRICES, "prod-1", "prices.xml", 8, "the price of type pt-2 is not a number (\"сто рублей\"); that price was skipped"),
                RecordingVisitor.line(ItemProblem.Kind.SKIPPED, CatalogEntity.STOCK, "prod-1", "prices.xml", 10, "the stock in warehouse wh-1 is not a number (\"много\"); that stock entry was skipped"),
                RecordingVisitor.line(ItemProblem.Kind.WARNING, CatalogEntity.OFFERS, "prod-2", "prices.xml", 12, "the total quantity (Количество) is not a number (\"нет\"); it was left unset")),
                seen.problemLines());
        assertEquals(List.of(new PriceRecord("pt-1", new BigDecimal("100"), null, null, null)), seen.offer("prod-1").prices());
        assertEquals(List.of(), seen.offer("prod-1").stock());
        assertEquals(new BigDecimal("200"), seen.offer("prod-2").prices().get(0).pricePerUnit());
        assertNull(seen.offer("prod-2").totalQuantity());
    }

    @Test
    @DisplayName("items without Ид are reported and skipped; the items around them arrive")
    void skipsItemsWithoutId() throws Exception {
        // Given a product, an offer, a group and a price type without Ид between good ones
        Path file = write(dir, "import.xml", document("""
                <Классификатор>
                  <Группы><Группа><Наименование>Без ид</Наименование><Группы><Группа><Ид>orphan</Ид></Группа></Группы></Группа>
                          <Группа><Ид>g-ok</Ид></Группа></Группы>
                </Классификатор>
                <Каталог><Товары>
                  <Товар><Наименование>Безымянный</Наименование></Товар>
                  <Товар><Ид>00000000-0000-0000-0000-000000000000</Ид></Товар>
                  <Товар><Ид>prod-ok</Ид></Товар>
                </Товары></Каталог>
                <ПакетПредложений>
                  <ТипыЦен><ТипЦены><Наименование>Опт</Наименование></ТипЦены></ТипыЦен>
                  <Предложения><Предложение><Наименование>x</Наименование></Предложение><Предложение><Ид>o-ok</Ид></Предложение></Предложения>
                </ПакетПредложений>"""));

        // When it is read
        RecordingVisitor seen = read(file);

        // Then
        assertEquals(List.of("g-ok"), seen.groups.stream().map(GroupRecord::id).toList(), "the orphan subgroup is skipped too");
        assertEquals(List.of("prod-ok"), seen.products.stream().map(ProductRecord::id).toList());
        assertEquals(List.of("o-ok"), seen.offers.stream().map(OfferRecord::id).toList());
        assertEquals(List.of(
                "import.xml:4 the group is inside a group that has no Ид; it was skipped",
                "import.xml:4 a group (Группа) \"Без ид\" has no Ид; it was skipped together with its subgroups",
                "import.xml:8 a product (Товар) \"Безымянный\" has no Ид; it was skipped",
                "import.xml:9 a product (Товар) has no Ид; it was skipped",
                "import.xml:13 a price type (ТипЦены) \"Опт\" has no Ид; it was skipped",
                "import.xml:14 an offer (Предложение) \"x\" has no Ид; it was skipped"),
                seen.problems.stream().map(p -> p.file() + ":" + p.line() + " " + p.reason()).toList());
        assertEquals(Arrays.asList("orphan", null, null, null, null, null), seen.problems.stream().map(ItemProblem::itemId).toList(),
                "only the subgroup has an Ид of its own");
        assertTrue(seen.problems.stream().allMatch(ItemProblem::isSkipped));
    }

    @Test
    @DisplayName("properties of offers: ДляПредложений, or defined in an offers context (3.1 propertiesOffers/)")
    void marksOfferProperties() throws Exception {
        // Given a 3.1 propertiesOffers file (offers package header, then the classifier) and a goods one
        Path offersProperties = write(dir, "propertiesOffers/propertiesOffers_1_1.xml", document(NS_3, """
                <ПакетПредложений><Ид>#cat</Ид></ПакетПредложений>
                <Классификатор><Свойства><Свойство><Ид>p-size</Ид><Наименование>Размер</Наименование>
                  <ВариантыЗначений><Справочник><ИдЗначения>v1</ИдЗначения><Значение>42,5</Значение></Справочник></ВариантыЗначений>
                </Свойство></Свойства></Классификатор>"""));
        Path goodsProperties = write(dir, "propertiesGoods/propertiesGoods_1_1.xml", document(NS_3, """
                <Каталог><Ид>cat</Ид></Каталог>
                <Классификатор><Свойства>
                  <Свойство><Ид>p-weight</Ид><ТипЗначений>Число</ТипЗначений></Свойство>
                  <Свойство><Ид>p-flag</Ид><ДляПредложений>true</ДляПредложений><ТипЗначений>ДатаВремя</ТипЗначений><Множественное>true</Множественное></Свойство>
                </Свойства></Классификатор>"""));

        // When both are read
        RecordingVisitor offers = read(offersProperties, Content.CLASSIFIER);
        RecordingVisitor goods = read(goodsProperties, Content.CLASSIFIER);

        // Then
        assertEquals(new PropertyRecord("p-size", "Размер", PropertyType.DICTIONARY, false, true,
                List.of(new DictionaryValue("v1", "42,5")), false), offers.property("p-size"));
        assertEquals(new PropertyRecord("p-weight", null, PropertyType.NUMBER, false, false, List.of(), false),
                goods.property("p-weight"));
        assertEquals(new PropertyRecord("p-flag", null, PropertyType.DATE, true, true, List.of(), false),
                goods.property("p-flag"));
    }

    @Test
    @DisplayName("units: code trimmed, Ид when there is no Код")
    void readsUnits() throws Exception {
        // Given units as UT 11 and bigperson's exporter write them
        Path file = write(dir, "units.xml", document(NS_3, """
                <Классификатор><ЕдиницыИзмерения>
                  <ЕдиницаИзмерения><Ид>796 </Ид><НаименованиеКраткое>шт</НаименованиеКраткое><Код>796 </Код><НаименованиеПолное>Штука</НаименованиеПолное><МеждународноеСокращение>PCE</МеждународноеСокращение></ЕдиницаИзмерения>
                  <ЕдиницаИзмерения><Ид>006</Ид><НаименованиеПолное>Метр</НаименованиеПолное></ЕдиницаИзмерения>
                </ЕдиницыИзмерения></Классификатор>"""));

        // When it is read
        RecordingVisitor seen = read(file, Content.CLASSIFIER);

        // Then
        assertEquals(List.of(new UnitRecord("796", "шт", "Штука", "PCE"), new UnitRecord("006", null, "Метр", null)), seen.units);
    }

    @Test
    @DisplayName("countItems counts every Товар and Предложение without reading them")
    void countsItems() throws Exception {
        // Given an import with 2 products (one without Ид) and offers in two files
        Path importFile = write(dir, "import.xml", document(CLASSIC_IMPORT.replace("</Товары>",
                "<Товар><Наименование>no id</Наименование></Товар></Товары>")));
        Path offersFile = write(dir, "offers.xml", document("""
                <ПакетПредложений><Предложения><Предложение><Ид>a</Ид></Предложение><Предложение><Ид>b</Ид></Предложение></Предложения></ПакетПредложений>"""));
        Path pricesFile = write(dir, "prices.xml", document("""
                <ПакетПредложений><Предложения><Предложение><Ид>a</Ид><Цены/></Предложение></Предложения></ПакетПредложений>"""));
        ExchangePackage pkg = new ExchangePackage(dir, List.of(
                new PackageFile(importFile, "import.xml", Set.of(Content.CLASSIFIER, Content.CATALOG)),
                new PackageFile(offersFile, "offers.xml", Set.of(Content.OFFERS)),
                new PackageFile(pricesFile, "prices.xml", Set.of(Content.PRICES))), List.of());

        // When counted
        long items = new CommerceMlReader().countItems(pkg);

        // Then
        assertEquals(2 + 2 + 1, items);
        // and a count asked to stop after the first file gives up there (a cancelled import)
        AtomicInteger asked = new AtomicInteger();
        assertEquals(2, new CommerceMlReader().countItems(pkg, () -> asked.incrementAndGet() > 1));
    }

    @Test
    @DisplayName("a runtime exception from the visitor stops reading and reaches the caller unchanged")
    void propagatesVisitorExceptions() throws Exception {
        // Given a visitor that fails on the first product
        Path file = write(dir, "import.xml", document(CLASSIC_IMPORT));
        IllegalStateException failure = new IllegalStateException("database is down");

        // When the file is read
        IllegalStateException thrown = Assertions.assertThrows(IllegalStateException.class,
                () -> new CommerceMlReader().read(new PackageFile(file, "import.xml", Set.of(Content.CATALOG)),
                        new CatalogVisitor() {
                            @Override
                            public void product(ProductRecord product) {
                                throw failure;
                            }
                        }));

        // Then it is the visitor's own exception
        assertEquals(failure, thrown);
    }
}
