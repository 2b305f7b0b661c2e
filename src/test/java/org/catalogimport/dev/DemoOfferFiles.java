package org.catalogimport.dev;

import static org.catalogimport.dev.DemoAssortment.P_COLOR;
import static org.catalogimport.dev.DemoAssortment.P_SIZE;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Random;
import org.catalogimport.dev.DemoAssortment.PriceType;
import org.catalogimport.dev.DemoFiles.Segments;
import org.catalogimport.dev.DemoProducts.Offer;
import org.catalogimport.dev.DemoProducts.Product;
import org.catalogimport.dev.DemoProducts.Variant;

/**
 * The offers package files of a demo package, each a pass over every offer in the same order:
 * {@code offers/} (names and characteristics), {@code prices/} (three price types, a few rows
 * missing, a few numbers in 1C's other formats) and {@code rests/} (stock per warehouse, mostly zero).
 */
final class DemoOfferFiles {

    private static final char NBSP = '\u00A0';

    private final DemoFiles files;
    private final DemoIds ids;
    private final DemoProducts products;
    private final DemoRevision revision;

    DemoOfferFiles(DemoFiles files, DemoProducts products, DemoRevision revision) {
        this.files = files;
        this.ids = files.ids;
        this.products = products;
        this.revision = revision;
    }

    void write() throws IOException {
        try (Segments s = files.packageSegments("offers")) {
            products.forEachOffer(o -> writeOffer(s.next(), o));
        }
        writeRows("prices", "Цены", this::writePrices);
        writeRows("rests", "Остатки", this::writeRests);
    }

    private void writeOffer(OneCXmlWriter x, Offer o) throws IOException {
        Product p = o.product();
        Variant v = o.variant();
        x.open("Предложение");
        x.leaf("Ид", o.id());
        x.leaf("НомерВерсии", DemoIds.version(p.version()));
        x.leaf("ПометкаУдаления", Boolean.toString(o.deleted()));
        x.leaf("Наименование", revision.offerName(o.id(), v == null ? p.name() : p.name() + " (" + v.label() + ")"));
        if (v != null) {
            x.open("ХарактеристикиТовара");
            if (v.size() != null) {
                DemoFiles.namedValue(x, "ХарактеристикаТовара", "Размер", v.size());
            }
            if (v.color() != null) {
                DemoFiles.namedValue(x, "ХарактеристикаТовара", "Цвет", v.color());
            }
            x.end();
            x.open("ЗначенияСвойств");
            if (v.size() != null) {
                files.propertyValue(x, P_SIZE, ids.value(P_SIZE, v.size()));
            }
            if (v.color() != null) {
                files.propertyValue(x, P_COLOR, ids.value(P_COLOR, v.color()));
            }
            x.end();
        }
        x.end();
    }

    private interface Rows {
        void write(OneCXmlWriter x, Offer o) throws IOException;
    }

    /** A pass that writes {@code <Предложение><Ид/><list>rows</list></Предложение>} for every offer. */
    private void writeRows(String folder, String list, Rows rows) throws IOException {
        try (Segments s = files.packageSegments(folder)) {
            products.forEachOffer(o -> {
                OneCXmlWriter x = s.next();
                x.open("Предложение");
                x.leaf("Ид", o.id());
                x.open(list);
                rows.write(x, o);
                x.end();
                x.end();
            });
        }
    }

    private void writePrices(OneCXmlWriter x, Offer o) throws IOException {
        BigDecimal retail = o.product().retail();
        price(x, o, PriceType.RETAIL, retail);
        if (hasWholesale(o)) {
            price(x, o, PriceType.WHOLESALE, retail.multiply(new BigDecimal("0.82")));
        }
        price(x, o, PriceType.PURCHASE, retail.multiply(new BigDecimal("0.55")));
    }

    /** Not every offer has every price type in real exports. */
    private static boolean hasWholesale(Offer o) {
        return o.ordinal() % 23 != 11;
    }

    private void price(OneCXmlWriter x, Offer o, PriceType type, BigDecimal amount) throws IOException {
        BigDecimal value = revision.price(o.id(), amount).setScale(2, RoundingMode.HALF_UP);
        String text = value.toPlainString();
        if (type == PriceType.RETAIL && o.ordinal() % 41 == 7 && value.stripTrailingZeros().scale() <= 0) {
            text = value.setScale(0, RoundingMode.UNNECESSARY).toPlainString(); // "6990", as 1C often writes
        } else if (type == PriceType.WHOLESALE && o.ordinal() % 157 == 5) {
            text = text.replace('.', ','); // "1631,80": seen from some 1C configurations
        }
        x.open("Цена");
        x.leaf("Представление", presentation(value));
        x.leaf("ИдТипаЦены", ids.priceType(type));
        x.leaf("ЦенаЗаЕдиницу", text);
        x.leaf("Валюта", "руб");
        x.end();
    }

    /** "1 990 руб" / "1 631,80 руб" with no-break spaces, the way 1C renders Представление. */
    private static String presentation(BigDecimal value) {
        String digits = value.setScale(0, RoundingMode.DOWN).toPlainString();
        StringBuilder grouped = new StringBuilder();
        for (int k = 0; k < digits.length(); k++) {
            if (k > 0 && (digits.length() - k) % 3 == 0) {
                grouped.append(NBSP);
            }
            grouped.append(digits.charAt(k));
        }
        int kopecks = value.remainder(BigDecimal.ONE).movePointRight(2).intValue();
        if (kopecks != 0) {
            grouped.append(',').append(String.format(Locale.ROOT, "%02d", kopecks));
        }
        return grouped + " руб";
    }

    private void writeRests(OneCXmlWriter x, Offer o) throws IOException {
        Random r = products.stockDraws(o);
        for (int w = 0; w < products.shape().warehouses(); w++) {
            // Real stock files are mostly zeros; the main warehouse holds the most.
            int quantity = o.deleted() || r.nextInt(100) < 40 ? 0 : 1 + r.nextInt(w == 0 ? 60 : 15);
            x.open("Остаток");
            x.open("Склад");
            x.leaf("Ид", ids.warehouse(w));
            x.leaf("Количество", Integer.toString(revision.quantity(o.id(), quantity)));
            x.end();
            x.end();
        }
    }
}
