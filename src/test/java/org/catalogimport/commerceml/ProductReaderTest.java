package org.catalogimport.commerceml;

import static org.catalogimport.commerceml.TestPackages.NS_3;
import static org.catalogimport.commerceml.TestPackages.document;
import static org.catalogimport.commerceml.TestPackages.read;
import static org.catalogimport.commerceml.TestPackages.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading products: every field of a real 3.1 {@code Товар}, and 1C's markers for "no value" removed. */
class ProductReaderTest {

    @TempDir
    Path dir;

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
}
