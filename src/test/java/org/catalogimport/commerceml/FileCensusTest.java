package org.catalogimport.commerceml;

import static org.catalogimport.commerceml.TestPackages.document;
import static org.catalogimport.commerceml.TestPackages.read;
import static org.catalogimport.commerceml.TestPackages.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The census of a file: every item element counted wherever it sits; the ones in places no reader
 * looks reported once per place with their count and first line; elements passed over listed once
 * per path; what is left out on purpose neither.
 */
class FileCensusTest {

    @TempDir
    Path dir;

    @Test
    void itemsInsideASkippedSubtreeAreCountedAsNotReadOncePerPlace() throws Exception {
        // Given products whose prices are written inside them (a place the product reader skips)
        Path file = write(dir, "import.xml", document("""
                <Каталог><Ид>c</Ид><Товары>
                <Товар><Ид>p-1</Ид><Наименование>Мяч</Наименование>
                  <Цены><Цена><ИдТипаЦены>t</ИдТипаЦены><ЦенаЗаЕдиницу>10</ЦенаЗаЕдиницу></Цена></Цены></Товар>
                <Товар><Ид>p-2</Ид><Наименование>Сетка</Наименование>
                  <Цены><Цена><ИдТипаЦены>t</ИдТипаЦены><ЦенаЗаЕдиницу>20</ЦенаЗаЕдиницу></Цена>
                        <Цена><ИдТипаЦены>u</ИдТипаЦены><ЦенаЗаЕдиницу>25</ЦенаЗаЕдиницу></Цена></Цены></Товар>
                </Товары></Каталог>"""));

        // When it is read
        RecordingVisitor seen = read(file);

        // Then both products are read, and the three prices are one "not read" place with the first line
        assertEquals(2, seen.products.size());
        FileCensus census = seen.censuses.get(0);
        assertEquals(Map.of(CatalogEntity.PRODUCTS, 2L, CatalogEntity.PRICES, 3L), census.items());
        assertEquals(List.of(new FileCensus.Unread(CatalogEntity.PRICES, "Цена",
                "КоммерческаяИнформация/Каталог/Товары/Товар/Цены/Цена", 3, new Location("import.xml", 5))), census.unread());
        assertEquals(3, census.unreadItems());
    }

    @Test
    void elementsPassedOverAreListedOncePerPathAndWhatIsLeftOutOnPurposeIsNot() throws Exception {
        // Given groups nested three deep with version numbers, a tax rate per product, an order document
        // with its own Товары, and an element of a vendor's own
        Path file = write(dir, "import.xml", document("""
                <Классификатор><Ид>k</Ид><Наименование>Классификатор</Наименование><Группы>
                  <Группа><Ид>g1</Ид><НомерВерсии>1</НомерВерсии><Наименование>A</Наименование><Группы>
                    <Группа><Ид>g2</Ид><Наименование>B</Наименование><БитриксСортировка>5</БитриксСортировка><Группы>
                      <Группа><Ид>g3</Ид><Наименование>C</Наименование><БитриксСортировка>7</БитриксСортировка></Группа>
                    </Группы></Группа></Группы></Группа></Группы></Классификатор>
                <Каталог><Ид>c</Ид><Владелец><Ид>o</Ид></Владелец><Товары>
                  <Товар><Ид>p-1</Ид><Наименование>Мяч</Наименование><СтавкиНалогов><СтавкаНалога/></СтавкиНалогов></Товар>
                  <Товар><Ид>p-2</Ид><Наименование>Сетка</Наименование><СтавкиНалогов/></Товар>
                </Товары></Каталог>
                <Документ><Ид>d</Ид><Товары><Товар><Ид>p-1</Ид></Товар></Товары></Документ>"""));

        // When it is read
        RecordingVisitor seen = read(file, Content.CLASSIFIER, Content.CATALOG);

        // Then nothing is unread, and the passed-over elements are one row per path (subgroups folded)
        FileCensus census = seen.censuses.get(0);
        assertEquals(List.of(), census.unread());
        assertEquals(List.of(
                new FileCensus.Unused("КоммерческаяИнформация/Классификатор/Группы/Группа/БитриксСортировка", 2,
                        new Location("import.xml", 5)),
                new FileCensus.Unused("КоммерческаяИнформация/Каталог/Товары/Товар/СтавкиНалогов", 2,
                        new Location("import.xml", 9))), census.unused());
        // And the order's product is no catalog item: neither counted nor reported
        assertEquals(2L, census.items().get(CatalogEntity.PRODUCTS));
        assertEquals(3, seen.groups.size());
    }
}
