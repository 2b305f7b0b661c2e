package org.catalogimport.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.ServiceEndpoints;
import org.junit.jupiter.api.Test;

/**
 * New catalog rows go in with COPY text format: what 1C sends (tabs and line breaks in descriptions,
 * backslashes, quotes and commas in Ид lists, Cyrillic, characters outside the BMP, nulls) must come
 * out of PostgreSQL exactly as it went in.
 */
class CopyRowsIT {

    @Test
    void copiedRowsReadBackUnchanged() throws Exception {
        ServiceEndpoints services = BackingServices.forTests();
        try (Connection connection = DriverManager.getConnection(services.dbUrl(), services.dbUser(), services.dbPassword());
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("CREATE TEMP TABLE copy_rows_check (name text, ids varchar(100)[], amount numeric(19,4),"
                    + " active boolean, hash bigint) ON COMMIT DROP");
            String name = "Стол \"Дуб\"\tдлина\\ширина\r\nвторая строка 😀";
            List<String> ids = List.of("a,b", "c\"d", "e\\f", "{g}", "Группа 1");
            CopyRows rows = new CopyRows();
            rows.add(name).add(CopyRows.arrayLiteral(ids)).add(new BigDecimal("12.5")).add(true).add(-7L).endRow();
            rows.add((String) null).add(CopyRows.arrayLiteral(List.of())).add((BigDecimal) null).add(false).add(0L).endRow();
            rows.copyInto(connection, "copy_rows_check (name, ids, amount, active, hash)");

            List<String> read = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("SELECT name, ids, amount, active, hash FROM copy_rows_check"
                    + " ORDER BY hash")) {
                while (result.next()) {
                    Object[] array = (Object[]) result.getArray(2).getArray();
                    read.add(result.getString(1) + "|" + List.of(array) + "|" + result.getBigDecimal(3) + "|"
                            + result.getBoolean(4) + "|" + result.getLong(5));
                }
            }
            assertEquals(List.of(name + "|" + ids + "|12.5000|true|-7", "null|[]|null|false|0"), read);
            connection.rollback();
        }
    }
}
