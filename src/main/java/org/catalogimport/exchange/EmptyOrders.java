package org.catalogimport.exchange;

import java.nio.charset.Charset;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The answer to {@code type=sale&mode=query}: a CommerceML document without orders. This product
 * takes no orders; 1C only needs a well-formed document, in windows-1251 with a matching
 * declaration (1C rejects UTF-8 without a BOM).
 */
final class EmptyOrders {

    static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    private EmptyOrders() {
    }

    static byte[] document(Instant now) {
        String formed = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                now.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneId.systemDefault()).toLocalDateTime());
        String xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n"
                + "<КоммерческаяИнформация ВерсияСхемы=\"2.08\" ДатаФормирования=\"" + formed + "\">\n"
                + "</КоммерческаяИнформация>\n";
        return xml.getBytes(WINDOWS_1251);
    }
}
