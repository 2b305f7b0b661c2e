package org.catalogimport.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A demo package as an importer would see it, for the tests that check it: every file parsed with
 * StAX into a small element tree, the dictionaries indexed by Ид, products and offers listed. The
 * tests judge the files, not the generator's own bookkeeping; test packages are small, so holding
 * them in memory is fine here.
 */
final class ParsedDemoPackage {

    /** One element: its attributes, its children, and its text when it has none. */
    static final class Node {
        final String name;
        final String namespace;
        final Map<String, String> attributes = new HashMap<>();
        final List<Node> children = new ArrayList<>();
        private final StringBuilder buffer = new StringBuilder();
        String text;

        Node(String name, String namespace) {
            this.name = name;
            this.namespace = namespace;
        }

        List<Node> children(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }

        Node child(String childName) {
            List<Node> found = children(childName);
            assertEquals(1, found.size(), "exactly one <" + childName + "> in <" + name + ">");
            return found.get(0);
        }

        /** Raw text of a leaf child (trailing spaces matter: "796 "), or null when absent. */
        String text(String childName) {
            List<Node> found = children(childName);
            return found.isEmpty() ? null : found.get(0).text;
        }
    }

    record ParsedFile(Path path, String folder, Node root) {
    }

    record Group(String name, int depth, boolean deleted) {
    }

    record Property(String name, String type, Map<String, String> values) {
    }

    /** The folder the package was read from. */
    final Path root;
    final List<ParsedFile> files = new ArrayList<>();
    final Map<String, Group> groups = new HashMap<>();
    final Map<String, Property> goodsProperties = new HashMap<>();
    final Map<String, Property> offerProperties = new HashMap<>();
    final Set<String> priceTypes = new HashSet<>();
    final List<String> priceTypeCurrencies = new ArrayList<>();
    final Set<String> warehouses = new HashSet<>();
    final Set<String> units = new HashSet<>();
    final List<Node> products = new ArrayList<>();
    final List<Node> offers = new ArrayList<>();
    final List<Node> priceOffers = new ArrayList<>();
    final List<Node> restOffers = new ArrayList<>();
    String catalogId;

    private ParsedDemoPackage(Path root) {
        this.root = root;
    }

    /** Writes the default demo package (300 products, seed 1) into {@code dir} and reads it. */
    static ParsedDemoPackage writeDefault(Path dir) throws IOException, XMLStreamException {
        return read(DemoPackageWriter.writeDefault(dir.resolve("default")));
    }

    static ParsedDemoPackage read(Path root) throws IOException, XMLStreamException {
        ParsedDemoPackage c = new ParsedDemoPackage(root);
        for (Map.Entry<String, List<Path>> folder : filesByFolder(root).entrySet()) {
            for (Path file : folder.getValue()) {
                c.add(new ParsedFile(file, folder.getKey(), parse(file)));
            }
        }
        return c;
    }

    private void add(ParsedFile f) {
        files.add(f);
        Node root = f.root();
        switch (f.folder()) {
            case "groups" -> addGroups(root.child("Классификатор").child("Группы"), 1);
            case "propertiesGoods" -> addProperties(root, goodsProperties);
            case "propertiesOffers" -> addProperties(root, offerProperties);
            case "priceLists" -> root.child("Классификатор").child("ТипыЦен").children("ТипЦены").forEach(t -> {
                priceTypes.add(t.text("Ид"));
                priceTypeCurrencies.add(t.text("Валюта"));
            });
            case "storages" -> root.child("Классификатор").child("Склады").children("Склад").forEach(s -> warehouses.add(s.text("Ид")));
            case "units" -> root.child("Классификатор").child("ЕдиницыИзмерения").children("ЕдиницаИзмерения").forEach(u -> units.add(u.text("Ид")));
            case "goods" -> {
                catalogId = root.child("Каталог").text("Ид");
                products.addAll(root.child("Каталог").child("Товары").children("Товар"));
            }
            case "offers" -> offers.addAll(offersOf(root));
            case "prices" -> priceOffers.addAll(offersOf(root));
            case "rests" -> restOffers.addAll(offersOf(root));
            default -> throw new AssertionError("unexpected folder " + f.folder());
        }
    }

    private static List<Node> offersOf(Node root) {
        return root.child("ПакетПредложений").child("Предложения").children("Предложение");
    }

    private void addGroups(Node container, int depth) {
        for (Node g : container.children("Группа")) {
            Group previous = groups.put(g.text("Ид"), new Group(g.text("Наименование"), depth, "true".equals(g.text("ПометкаУдаления"))));
            assertNull(previous, "group id defined once: " + g.text("Ид"));
            g.children("Группы").forEach(sub -> addGroups(sub, depth + 1));
        }
    }

    private static void addProperties(Node root, Map<String, Property> into) {
        for (Node p : root.child("Классификатор").child("Свойства").children("Свойство")) {
            Map<String, String> values = new LinkedHashMap<>();
            p.children("ВариантыЗначений").forEach(v -> v.children("Справочник")
                    .forEach(s -> values.put(s.text("ИдЗначения"), s.text("Значение"))));
            Property property = new Property(p.text("Наименование"), p.text("ТипЗначений"), values);
            Property previous = into.put(p.text("Ид"), property);
            // Repeats (the brand in every file) must be identical, or an importer's upsert would flap.
            if (previous != null) {
                assertEquals(previous, property, "repeated definition of property " + p.text("Ид"));
            }
        }
    }

    Set<String> productIds() {
        return products.stream().map(p -> p.text("Ид")).collect(Collectors.toSet());
    }

    long distinctPropertyCount() {
        Set<String> ids = new HashSet<>(goodsProperties.keySet());
        ids.addAll(offerProperties.keySet());
        return ids.size();
    }

    long distinctDictionaryValueCount() {
        Set<String> ids = new HashSet<>();
        Stream.concat(goodsProperties.entrySet().stream(), offerProperties.entrySet().stream())
                .forEach(e -> e.getValue().values().keySet().forEach(v -> ids.add(e.getKey() + "/" + v)));
        return ids.size();
    }

    List<Node> priceRows() {
        return priceOffers.stream().flatMap(o -> o.child("Цены").children("Цена").stream()).toList();
    }

    List<Node> stockRows() {
        return restOffers.stream().flatMap(o -> o.child("Остатки").children("Остаток").stream()).toList();
    }

    static Map<String, List<Path>> filesByFolder(Path root) throws IOException {
        Map<String, List<Path>> result = new TreeMap<>();
        try (Stream<Path> top = Files.list(root)) {
            for (Path folder : top.toList()) {
                assertTrue(Files.isDirectory(folder), "only folders at the top: " + folder);
                try (Stream<Path> files = Files.list(folder)) {
                    List<Path> list = files.toList();
                    list.forEach(f -> assertTrue(Files.isRegularFile(f), "only files inside " + folder + ": " + f));
                    result.put(folder.getFileName().toString(), list);
                }
            }
        }
        return result;
    }

    /** Parses with DTDs and external entities off, as the importer must. */
    private static Node parse(Path file) throws IOException, XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = factory.createXMLStreamReader(in); // honours BOM and declaration
            Deque<Node> open = new ArrayDeque<>();
            Node root = null;
            try {
                while (reader.hasNext()) {
                    switch (reader.next()) {
                        case XMLStreamConstants.START_ELEMENT -> {
                            Node node = new Node(reader.getLocalName(), reader.getNamespaceURI());
                            for (int a = 0; a < reader.getAttributeCount(); a++) {
                                node.attributes.put(reader.getAttributeLocalName(a), reader.getAttributeValue(a));
                            }
                            if (open.isEmpty()) {
                                root = node;
                            } else {
                                open.peek().children.add(node);
                            }
                            open.push(node);
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                            if (!open.isEmpty()) {
                                open.peek().buffer.append(reader.getText());
                            }
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            Node node = open.pop();
                            node.text = node.children.isEmpty() ? node.buffer.toString() : null;
                        }
                        case XMLStreamConstants.DTD -> throw new AssertionError("DTD in " + file);
                        default -> {
                        }
                    }
                }
            } finally {
                reader.close();
            }
            assertNotNull(root, "root element in " + file);
            assertNotEquals(0, root.children.size(), "root has sections in " + file);
            return root;
        }
    }
}
