package org.catalogimport.commerceml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {

    @ParameterizedTest(name = "\"{0}\" = {1}")
    @CsvSource(delimiter = '|', value = {
            "1990.00|1990.00", "6990|6990", "1631,80|1631.80", "1 990|1990", "1\u00A0631,80|1631.80",
            "1\u202F234,5|1234.5", "-999 999 999,9|-999999999.9", "1,234.56|1234.56", "+5|5"})
    @DisplayName("numbers as 1C writes them")
    void parsesDecimals(String text, String expected) {
        assertEquals(new BigDecimal(expected), Values.decimal(text));
    }

    @ParameterizedTest(name = "\"{0}\" is not a number")
    @CsvSource(delimiter = '|', value = {"abc", "1.2.3", "12 руб", "''"})
    void rejectsNonNumbers(String text) {
        assertNull(Values.decimal(text));
    }

    @Test
    @DisplayName("no-value markers")
    void recognisesNoValueMarkers() {
        assertTrue(Values.isNoValue(null));
        assertTrue(Values.isNoValue("00000000-0000-0000-0000-000000000000"));
        assertTrue(Values.isNoValue("-999999999.9"));
        assertTrue(Values.isNoValue("-999 999 999,9"));
        assertTrue(Values.isNoValue("0001-01-01T00:00:00"));
        assertFalse(Values.isNoValue("0"));
        assertFalse(Values.isNoValue("-999"));
        assertFalse(Values.isNoValue("00000000-0000-0000-0000-000000000001"));
        assertFalse(Values.isNoValue("2024-01-01T00:00:00"));
    }

    @Test
    @DisplayName("booleans and deletion status")
    void readsFlags() {
        assertTrue(Values.isTrue("true"));
        assertTrue(Values.isTrue("TRUE"));
        assertTrue(Values.isTrue("1"));
        assertFalse(Values.isTrue("false"));
        assertFalse(Values.isTrue(null));
        assertTrue(Values.isDeletedStatus("Удален"));
        assertTrue(Values.isDeletedStatus("УДАЛЁН"));
        assertFalse(Values.isDeletedStatus("Изменен"));
    }
}
