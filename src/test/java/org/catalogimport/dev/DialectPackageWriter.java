package org.catalogimport.dev;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Writes the catalog of {@link DemoPackageWriter} in the two older CommerceML dialects importers still
 * receive: {@link Dialect#CLASSIC}, a 2.07 {@code import.xml} + {@code offers.xml} whose offers carry
 * prices, total and per-warehouse stock, and {@link Dialect#UT11}, the 2.09 package of 1C:УТ 11
 * ({@code import___<guid>.xml} with every dictionary in the classifier, then {@code offers___},
 * {@code prices___} and {@code rests___<guid>.xml}).
 *
 * <p>Why a transform and not a second generator: the content model is private to DemoPackageWriter and
 * a fork would drift from it. So this writes the 3.1 package into a scratch folder inside {@code dir}
 * and re-shapes it one item at a time (a small tree per {@code Товар}, {@code Предложение}, …), which
 * keeps memory constant and every id equal to the demo's for the same (products, seed). The 3.1
 * offers, prices and rests files list offers in the same order, so {@code offers.xml} merges them in
 * lockstep. The price is writing the package twice and parsing it once.
 *
 * <p>Deliberate differences from the 3.1 package, because the older dialects differ or to keep counts exact:
 * the brand dictionary gets a GUID instead of the Ид {@code Бренд} (a 3.x habit) and each property is
 * listed once; every offer has all three prices (the demo leaves out every 23rd wholesale price), in
 * {@code RUB}; units are {@code БазоваяЕдиница} attributes; CLASSIC drops {@code НомерВерсии},
 * {@code ПометкаУдаления} and UT extras, marking deletions with {@code Статус="Удален"}; sections with
 * items say {@code СодержитТолькоИзменения="false"}, the UT11 classifier {@code true} as the real one does.
 */
public final class DialectPackageWriter {

    public enum Dialect { CLASSIC, UT11 }

    static final String NAMESPACE = "urn:1C.ru:commerceml_2";
    /** Where the 3.1 package is written before it is re-shaped; deleted before {@link #write} returns. */
    static final String SCRATCH = ".commerceml-3.1-scratch";

    /** DemoPackageWriter's catalog name (private there); 2.x repeats it in section titles. */
    private static final String CATALOG_NAME = "Каталог спортивных товаров";
    /** The demo's wholesale price is 82% of retail; used for the rows it leaves out. */
    private static final BigDecimal WHOLESALE_SHARE = new BigDecimal("0.82");
    /** 1C's НомерВерсии for version 1 (a base64 counter). */
    private static final String FIRST_VERSION = "AAAAAAAAAAE=";
    /** Fixed, a second apart per file, so that the output depends on (products, seed) only. */
    private static final String EXPORT_STARTED = "2025-03-14T10:15:%02d";

    private final Path dir;
    private final Path source; // the scratch 3.1 package
    private final boolean classic;
    private final long seed;
    private final String catalogId;
    private final String brandId;
    private final XMLInputFactory xmlInput = new InputFactoryImpl();
    /** Units by trimmed code and price type ids in classifier order: a handful of entries. */
    private final Map<String, Node> units = new LinkedHashMap<>();
    private final List<String> priceTypeIds = new ArrayList<>();
    private int filesWritten;

    private DialectPackageWriter(Path dir, Path source, Dialect dialect, long seed) {
        this.dir = dir;
        this.source = source;
        this.classic = dialect == Dialect.CLASSIC;
        this.seed = seed;
        this.catalogId = id("catalog"); // the same key as DemoPackageWriter, so the catalog id matches too
        this.brandId = id("property:brand");
        xmlInput.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        xmlInput.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        xmlInput.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
    }

    /**
     * Writes {@code products} products in {@code dialect} into {@code dir} (created if absent); returns dir.
     * Deterministic for (products, seed); product ids equal {@link DemoPackageWriter#productId}.
     *
     * @throws DirectoryNotEmptyException if {@code dir} has content: stale files of an earlier run
     *         would be read as part of this package
     */
    public static Path write(Path dir, Dialect dialect, int products, long seed) throws IOException {
        Objects.requireNonNull(dialect, "dialect");
        if (products < 1) {
            throw new IllegalArgumentException("products must be at least 1, was " + products);
        }
        Files.createDirectories(dir);
        try (Stream<Path> existing = Files.list(dir)) {
            if (existing.findAny().isPresent()) {
                throw new DirectoryNotEmptyException(dir.toString());
            }
        }
        // Inside dir rather than in /tmp: it is as big as the result, and dir is where the caller has room.
        Path source = dir.resolve(SCRATCH);
        try {
            DemoPackageWriter.write(source, products, seed);
            new DialectPackageWriter(dir, source, dialect, seed).writeAll();
        } finally {
            if (Files.exists(source)) {
                try (Stream<Path> paths = Files.walk(source)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        }
        return dir;
    }

    /** args: {@code <dir> <CLASSIC|UT11> [products=300] [seed=1]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: DialectPackageWriter <dir> <CLASSIC|UT11> [products=300] [seed=1]");
            System.exit(2);
        }
        Path dir = Paths.get(args[0]);
        Dialect dialect = Dialect.valueOf(args[1].toUpperCase(Locale.ROOT));
        int products = args.length > 2 ? Integer.parseInt(args[2]) : DemoPackageWriter.DEFAULT_PRODUCTS;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : DemoPackageWriter.DEFAULT_SEED;
        long started = System.nanoTime();
        write(dir, dialect, products, seed);
        long millis = (System.nanoTime() - started) / 1_000_000;
        long bytes;
        try (Stream<Path> files = Files.walk(dir)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "Wrote %d products (%s, seed %d) to %s, %d bytes in %d ms%n",
                products, dialect, seed, dir.toAbsolutePath(), bytes, millis);
    }

    // ---- files -------------------------------------------------------------------------------------

    private void writeAll() throws IOException {
        each("units", "ЕдиницаИзмерения", unit -> units.put(unit.text("Код").strip(), unit));
        each("priceLists", "ТипЦены", type -> priceTypeIds.add(type.text("Ид")));
        if (classic) {
            writeImport("import.xml");
            writeClassicOffers();
        } else {
            writeImport("import___" + id("file:ut11:import") + ".xml");
            for (String kind : List.of("offers", "prices", "rests")) {
                writeUt11Package(kind);
            }
        }
    }

    private void writeImport(String name) throws IOException {
        try (Xml x = new Xml(name)) {
            x.open("Классификатор", classic ? new String[0] : new String[]{"СодержитТолькоИзменения", "true"});
            classifierTitle(x);
            copy(x, "groups", "Группы", "Группа");
            writeProperties(x);
            if (!classic) { // 2.09 moved these from the offers package into the classifier
                copy(x, "priceLists", "ТипыЦен", "ТипЦены");
                copy(x, "storages", "Склады", "Склад");
                x.open("ЕдиницыИзмерения");
                for (Node unit : units.values()) {
                    x.node(unit);
                }
                x.end();
            }
            x.end();
            x.open("Каталог", "СодержитТолькоИзменения", "false");
            x.leaf("Ид", catalogId);
            x.leaf("ИдКлассификатора", catalogId);
            x.leaf("Наименование", CATALOG_NAME);
            x.open("Товары");
            each("goods", "Товар", product -> x.node(product(product)));
            x.end();
            x.end();
        }
    }

    private void writeProperties(Xml x) throws IOException {
        Set<String> written = new HashSet<>();
        x.open("Свойства");
        for (String folder : List.of("propertiesGoods", "propertiesOffers")) {
            each(folder, "Свойство", property -> {
                if (DemoPackageWriter.BRAND_PROPERTY_ID.equals(property.text("Ид"))) {
                    property.child("Ид").text = brandId;
                    property.child("НомерВерсии").text = FIRST_VERSION; // empty in the 3.1 export
                }
                if (written.add(property.text("Ид"))) { // 3.1 repeats brand in every file, colour in two
                    x.node(dialect(property));
                }
            });
        }
        x.end();
    }

    private void writeClassicOffers() throws IOException {
        try (Xml x = new Xml("offers.xml");
             Items prices = new Items("prices", "Предложение");
             Items rests = new Items("rests", "Предложение")) {
            // Real 2.07 offers.xml open with a header-only classifier.
            x.open("Классификатор");
            classifierTitle(x);
            x.end();
            openPackage(x);
            copy(x, "priceLists", "ТипыЦен", "ТипЦены");
            copy(x, "storages", "Склады", "Склад");
            x.open("Предложения");
            each("offers", "Предложение",
                    offer -> x.node(classicOffer(offer, sameOffer(offer, prices.next()), sameOffer(offer, rests.next()))));
            if (prices.next() != null || rests.next() != null) {
                throw new IllegalStateException("the 3.1 prices or rests files list more offers than the offers files");
            }
            x.end();
            x.end();
        }
    }

    private void writeUt11Package(String kind) throws IOException {
        try (Xml x = new Xml(kind + "___" + id("file:ut11:" + kind) + ".xml")) {
            openPackage(x);
            x.open("Предложения");
            each(kind, "Предложение", offer -> x.node(kind.equals("prices") ? prices(offer) : offer));
            x.end();
            x.end();
        }
    }

    private void classifierTitle(Xml x) throws IOException {
        x.leaf("Ид", catalogId);
        x.leaf("Наименование", classic ? "Классификатор (" + CATALOG_NAME + ")" : CATALOG_NAME);
    }

    private void openPackage(Xml x) throws IOException {
        x.open("ПакетПредложений", "СодержитТолькоИзменения", "false");
        x.leaf("Ид", catalogId + "#"); // 2.x puts the # after the GUID, 3.1 before it
        x.leaf("Наименование", "Пакет предложений (" + CATALOG_NAME + ")");
        x.leaf("ИдКаталога", catalogId);
        x.leaf("ИдКлассификатора", catalogId);
    }

    private void copy(Xml x, String folder, String container, String item) throws IOException {
        x.open(container);
        each(folder, item, node -> x.node(dialect(node)));
        x.end();
    }

    // ---- item edits --------------------------------------------------------------------------------

    private Node product(Node product) {
        Node values = product.child("ЗначенияСвойств");
        for (Node value : values == null ? List.<Node>of() : values.children) {
            if (DemoPackageWriter.BRAND_PROPERTY_ID.equals(value.text("Ид"))) {
                value.child("Ид").text = brandId;
            }
        }
        Node unit = product.child("БазоваяЕдиница");
        Node known = unit == null ? null : units.get(unit.text.strip());
        if (known != null) {
            // 2.x names the unit in attributes: 2.07 keeps 1C's trailing space in the code and adds
            // Пересчет, UT 11 trims it and puts the short name in the text.
            unit.attribute("Код", classic ? unit.text : unit.text.strip())
                    .attribute("НаименованиеПолное", known.text("НаименованиеПолное").strip());
            if (!known.text("МеждународноеСокращение").isEmpty()) {
                unit.attribute("МеждународноеСокращение", known.text("МеждународноеСокращение"));
            }
            if (classic) {
                unit.add(new Node("Пересчет", "").add("Единица", unit.text.strip()).add("Коэффициент", "1"));
            }
            unit.text = known.text("НаименованиеКраткое");
        }
        return dialect(product);
    }

    /** CLASSIC: one 3.1 offer with its prices and stock becomes one 2.07 {@code Предложение}. */
    private Node classicOffer(Node offer, Node priced, Node rest) {
        offer.add(prices(priced).child("Цены"));
        BigDecimal total = BigDecimal.ZERO;
        List<Node> warehouses = new ArrayList<>();
        for (Node stock : rest.child("Остатки").children) {
            Node warehouse = stock.child("Склад");
            total = total.add(new BigDecimal(warehouse.text("Количество")));
            warehouses.add(new Node("Склад", "").attribute("ИдСклада", warehouse.text("Ид"))
                    .attribute("КоличествоНаСкладе", warehouse.text("Количество")));
        }
        offer.add("Количество", total.toPlainString());
        offer.children.addAll(warehouses);
        return dialect(offer);
    }

    private static Node sameOffer(Node offer, Node other) {
        if (other == null || !offer.text("Ид").equals(other.text("Ид"))) {
            throw new IllegalStateException("the 3.1 offers, prices and rests files are no longer in the same offer"
                    + " order at " + offer.text("Ид") + "; merging them into offers.xml relies on it");
        }
        return other;
    }

    /** One row per price type, in classifier order; keeps the demo's price text ({@code 6990}, {@code 1631,80}). */
    private Node prices(Node offer) {
        Node prices = offer.child("Цены");
        Map<String, String> byType = new HashMap<>();
        for (Node row : prices.children) {
            byType.put(row.text("ИдТипаЦены"), row.text("ЦенаЗаЕдиницу"));
        }
        BigDecimal first = amount(prices.children.get(0).text("ЦенаЗаЕдиницу"));
        prices.children.clear();
        for (String type : priceTypeIds) {
            String text = byType.getOrDefault(type,
                    first.multiply(WHOLESALE_SHARE).setScale(2, RoundingMode.HALF_UP).toPlainString());
            // Представление is display text; 2.x exports write it like "1719 RUB за шт".
            String shown = amount(text).setScale(2, RoundingMode.HALF_UP).toPlainString().replace(".00", "").replace('.', ',');
            Node price = new Node("Цена", "").add("Представление", shown + " RUB за шт")
                    .add("ИдТипаЦены", type).add("ЦенаЗаЕдиницу", text).add("Валюта", "RUB");
            prices.add(classic ? price.add("Коэффициент", "1") : price);
        }
        return offer;
    }

    /** CLASSIC: 2.07 has no НомерВерсии, ПометкаУдаления or UT extras; deletion is {@code Статус}. Groups nest. */
    private Node dialect(Node node) {
        if (!classic) {
            return node;
        }
        for (Iterator<Node> children = node.children.iterator(); children.hasNext(); ) {
            Node child = children.next();
            switch (child.name) {
                case "НомерВерсии", "Внешний", "Информационное" -> children.remove();
                case "ПометкаУдаления" -> {
                    children.remove();
                    if (Boolean.parseBoolean(child.text)) {
                        node.attribute("Статус", "Удален");
                    }
                }
                default -> dialect(child);
            }
        }
        return node;
    }

    private static BigDecimal amount(String text) {
        return new BigDecimal(text.replace(',', '.'));
    }

    private String id(String key) {
        return UUID.nameUUIDFromBytes((seed + "|" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---- reading the 3.1 package -------------------------------------------------------------------

    private interface ItemAction {
        void accept(Node item) throws IOException;
    }

    private void each(String folder, String item, ItemAction action) throws IOException {
        try (Items items = new Items(folder, item)) {
            for (Node node = items.next(); node != null; node = items.next()) {
                action.accept(node);
            }
        }
    }

    /** One element: attributes, children, and its text when it has no children. */
    private static final class Node {
        final String name;
        final List<String> attributes = new ArrayList<>(0); // name, value, name, value, …
        final List<Node> children = new ArrayList<>(4);
        String text;

        Node(String name, String text) {
            this.name = name;
            this.text = text;
        }

        Node child(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst().orElse(null);
        }

        String text(String childName) {
            Node child = child(childName);
            return child == null ? null : child.text;
        }

        Node add(Node child) {
            children.add(child);
            return this;
        }

        Node add(String childName, String childText) {
            return add(new Node(childName, childText));
        }

        Node attribute(String attributeName, String value) {
            attributes.add(attributeName);
            attributes.add(value);
            return this;
        }
    }

    /**
     * The {@code item} elements of one 3.1 folder, segment after segment. Nested elements of the same
     * name (subgroups) come inside their item, so the first {@code item} met is always a top-level one.
     */
    private final class Items implements Closeable {
        private final Iterator<Path> files;
        private final String item;
        private InputStream in;
        private XMLStreamReader reader;

        Items(String folder, String item) throws IOException {
            try (Stream<Path> list = Files.list(source.resolve(folder))) {
                // <folder>_1_<N>_<guid>.xml: N compares as a number, or segment 10 would precede 2.
                files = list.sorted(Comparator.comparingInt(
                        (Path f) -> Integer.parseInt(f.getFileName().toString().split("_")[2]))).toList().iterator();
            }
            this.item = item;
        }

        /** The next item, or null after the last one. */
        Node next() throws IOException {
            try {
                while (true) {
                    if (reader == null) {
                        if (!files.hasNext()) {
                            return null;
                        }
                        in = new BufferedInputStream(Files.newInputStream(files.next()), 1 << 16);
                        reader = xmlInput.createXMLStreamReader(in);
                    } else if (!reader.hasNext()) {
                        close();
                    } else if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals(item)) {
                        return tree(reader);
                    }
                }
            } catch (XMLStreamException e) {
                throw new IOException("cannot read the scratch 3.1 package: " + e.getMessage(), e);
            }
        }

        /** Reads the element at the cursor up to its end tag. */
        private Node tree(XMLStreamReader r) throws XMLStreamException {
            Node node = new Node(r.getLocalName(), "");
            for (int k = 0; k < r.getAttributeCount(); k++) {
                node.attribute(r.getAttributeLocalName(k), r.getAttributeValue(k));
            }
            StringBuilder text = new StringBuilder();
            while (true) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> node.add(tree(r));
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            text.append(r.getText());
                    case XMLStreamConstants.END_ELEMENT -> {
                        node.text = node.children.isEmpty() ? text.toString() : "";
                        return node;
                    }
                    default -> {
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            reader = null; // holds nothing but the stream
            if (in != null) {
                in.close();
                in = null;
            }
        }
    }

    // ---- writing -----------------------------------------------------------------------------------

    /** Streams one file in 1C's layout: BOM, tab indentation, LF, no newline after the root end tag. */
    private final class Xml implements Closeable {
        private final Writer out;
        private final Deque<String> open = new ArrayDeque<>();

        Xml(String fileName) throws IOException {
            out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(dir.resolve(fileName)),
                    StandardCharsets.UTF_8), 1 << 16);
            out.write("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            List<String> root = new ArrayList<>(List.of("xmlns", NAMESPACE, "xmlns:xs", "http://www.w3.org/2001/XMLSchema",
                    "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance", "ВерсияСхемы", classic ? "2.07" : "2.09",
                    "ДатаФормирования", String.format(Locale.ROOT, EXPORT_STARTED, filesWritten++)));
            if (!classic) {
                root.addAll(List.of("Ид", "")); // UT 11 writes an empty exchange-node id
            }
            open("КоммерческаяИнформация", root.toArray(String[]::new));
        }

        void open(String name, String... attributes) throws IOException {
            start(name, List.of(attributes));
            out.write('>');
            open.push(name);
        }

        void end() throws IOException {
            String name = open.pop();
            indent(open.size());
            out.write("</" + name + ">");
        }

        void leaf(String name, String text) throws IOException {
            node(new Node(name, text));
        }

        void node(Node node) throws IOException {
            if (!node.children.isEmpty()) {
                open(node.name, node.attributes.toArray(String[]::new));
                for (Node child : node.children) {
                    node(child);
                }
                end();
            } else if (node.text.isEmpty()) {
                start(node.name, node.attributes);
                out.write("/>");
            } else {
                start(node.name, node.attributes);
                out.write('>');
                escape(node.text, false);
                out.write("</" + node.name + ">");
            }
        }

        private void start(String name, List<String> attributes) throws IOException {
            indent(open.size());
            out.write("<" + name);
            for (int k = 0; k < attributes.size(); k += 2) {
                out.write(" " + attributes.get(k) + "=\"");
                escape(attributes.get(k + 1), true);
                out.write('"');
            }
        }

        private void indent(int depth) throws IOException {
            out.write('\n');
            for (int k = 0; k < depth; k++) {
                out.write('\t');
            }
        }

        /** Quotes stay literal in text, as 1C writes them. */
        private void escape(String s, boolean attribute) throws IOException {
            String escaped = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            out.write(attribute ? escaped.replace("\"", "&quot;") : escaped);
        }

        /** Closes the root element (unless a failure left sections open) and the file. */
        @Override
        public void close() throws IOException {
            try (out) {
                if (open.size() == 1) {
                    end();
                }
            }
        }
    }
}
