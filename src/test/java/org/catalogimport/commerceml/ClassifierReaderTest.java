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

/** Reading the classifier's dictionaries as real exports write them: properties of goods and offers, units. */
class ClassifierReaderTest {

    @TempDir
    Path dir;

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
}
