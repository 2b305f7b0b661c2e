package org.catalogimport.commerceml;

import static org.catalogimport.commerceml.TestPackages.CLASSIC_IMPORT;
import static org.catalogimport.commerceml.TestPackages.NS_210;
import static org.catalogimport.commerceml.TestPackages.NS_2;
import static org.catalogimport.commerceml.TestPackages.NS_3;
import static org.catalogimport.commerceml.TestPackages.document;
import static org.catalogimport.commerceml.TestPackages.read;
import static org.catalogimport.commerceml.TestPackages.write;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What holds for every file whatever it carries: namespaces, encodings and the BOM, sections in any
 * order and how they say "changes only", deletion marks and items without Ид in every entity family,
 * counting items, and a visitor's failure. Each entity family's fields are in {@link ClassifierReaderTest},
 * {@link ProductReaderTest} and {@link OfferReaderTest}; every case is a small file written by the test.
 */
class CommerceMlReaderTest {

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
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
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
