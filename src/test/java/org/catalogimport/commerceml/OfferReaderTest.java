package org.catalogimport.commerceml;

import static org.catalogimport.commerceml.TestPackages.document;
import static org.catalogimport.commerceml.TestPackages.read;
import static org.catalogimport.commerceml.TestPackages.write;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading offers with their prices and stock: every field, 1C's number formats, every stock shape,
 * the 2.10 changes package, {@code product#variant} ids, and a bad price reported while the rest is read.
 */
class OfferReaderTest {

    @TempDir
    Path dir;

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
}
