package org.catalogimport.dev;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.catalogimport.dev.DemoAssortment.Property;

/**
 * The files of one demo package: each file's folder, its 1C name {@code <folder>_1_<N>_<guid>.xml} and
 * its timestamp (a second apart in the order written, like an export that takes its time), segments
 * that roll over like 1C's, and the fragments several kinds of file repeat (section headers, property
 * values, name/value pairs).
 */
final class DemoFiles {

    // 1C cuts exports into segments (≤ 500 products per goods file in the real exchange). Smaller
    // segments here so that even the 300-product demo spans several files of each kind.
    static final int GOODS_PER_FILE = 100;
    static final int OFFERS_PER_FILE = 250;
    static final int PROPERTIES_PER_FILE = 4;

    static final String CATALOG_NAME = "Каталог спортивных товаров";
    private static final String EXCHANGE_NODE = "Обмен с сайтом";
    private static final LocalDateTime EXPORT_STARTED = LocalDateTime.of(2025, 3, 14, 9, 30, 0);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    final Path dir;
    final DemoIds ids;
    final String catalogId;
    private int filesWritten;

    DemoFiles(Path dir, DemoIds ids) {
        this.dir = dir;
        this.ids = ids;
        this.catalogId = ids.id("catalog");
    }

    /** Creates segment {@code segment} of {@code folder} with its root element open. */
    OneCXmlWriter open(String folder, int segment, boolean bom) throws IOException {
        Path folderPath = dir.resolve(folder);
        Files.createDirectories(folderPath);
        String name = folder + "_1_" + segment + "_" + ids.id("file:" + folder + ":" + segment) + ".xml";
        String timestamp = EXPORT_STARTED.plusSeconds(filesWritten++).format(TIMESTAMP);
        return new OneCXmlWriter(folderPath.resolve(name), bom, DemoPackageWriter.NAMESPACE, "3.1", timestamp, EXCHANGE_NODE);
    }

    interface XmlPart {
        void write(OneCXmlWriter x) throws IOException;
    }

    /** Rolls over to a new {@code <folder>_1_<N>_<guid>.xml} every {@code perFile} items. */
    final class Segments implements Closeable {
        private final String folder;
        private final int perFile;
        private final boolean bom;
        private final XmlPart header;
        private final XmlPart footer;
        private OneCXmlWriter current;
        private int segment;
        private int items;

        Segments(String folder, int perFile, boolean bom, XmlPart header, XmlPart footer) {
            this.folder = folder;
            this.perFile = perFile;
            this.bom = bom;
            this.header = header;
            this.footer = footer;
        }

        /** The file the next item goes into. */
        OneCXmlWriter next() throws IOException {
            if (current == null || items == perFile) {
                finish();
                current = open(folder, ++segment, bom);
                header.write(current);
                items = 0;
            }
            items++;
            return current;
        }

        private void finish() throws IOException {
            if (current != null) {
                footer.write(current);
                current.close();
                current = null;
            }
        }

        @Override
        public void close() throws IOException {
            finish();
        }
    }

    /** Segments of an offers package ({@code offers/}, {@code prices/}, {@code rests/}): one Предложение an item. */
    Segments packageSegments(String folder) {
        return new Segments(folder, OFFERS_PER_FILE, true, x -> {
            openPackage(x);
            x.open("Предложения");
        }, x -> {
            x.end();
            x.end();
        });
    }

    // ---- fragments ---------------------------------------------------------------------------------

    /** The header-only Каталог that 3.1 dictionary files start with. */
    void catalogHeader(OneCXmlWriter x) throws IOException {
        x.open("Каталог", "СодержитТолькоИзменения", "true");
        x.leaf("Ид", catalogId);
        x.leaf("ИдКлассификатора", catalogId);
        x.leaf("Наименование", CATALOG_NAME);
        x.leaf("Описание", CATALOG_NAME);
        x.end();
    }

    /** The header-only ПакетПредложений that {@code propertiesOffers/} starts with. */
    void packageHeader(OneCXmlWriter x) throws IOException {
        openPackage(x);
        x.end();
    }

    private void openPackage(OneCXmlWriter x) throws IOException {
        x.open("ПакетПредложений", "СодержитТолькоИзменения", "true");
        x.leaf("Ид", "#" + catalogId);
        x.leaf("Наименование", "Пакет предложений (" + CATALOG_NAME + ")");
        x.leaf("ИдКаталога", catalogId);
        x.leaf("ИдКлассификатора", catalogId);
    }

    /** Opens the Классификатор of a dictionary file, after its header section. */
    void openClassifier(OneCXmlWriter x) throws IOException {
        x.open("Классификатор", "СодержитТолькоИзменения", "true");
        x.leaf("Ид", catalogId);
        x.leaf("Наименование", CATALOG_NAME);
    }

    void propertyValue(OneCXmlWriter x, Property p, String value) throws IOException {
        x.open("ЗначенияСвойства");
        x.leaf("Ид", ids.property(p));
        x.leaf("Значение", value);
        x.end();
    }

    /** A ЗначениеРеквизита or a ХарактеристикаТовара: both are a Наименование and a Значение. */
    static void namedValue(OneCXmlWriter x, String element, String name, String value) throws IOException {
        x.open(element);
        x.leaf("Наименование", name);
        x.leaf("Значение", value);
        x.end();
    }
}
