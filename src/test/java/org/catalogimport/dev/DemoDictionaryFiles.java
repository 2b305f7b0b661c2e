package org.catalogimport.dev;

import static org.catalogimport.dev.DemoIds.version;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.catalogimport.dev.DemoAssortment.Leaf;
import org.catalogimport.dev.DemoAssortment.PriceType;
import org.catalogimport.dev.DemoAssortment.Property;
import org.catalogimport.dev.DemoFiles.XmlPart;

/**
 * The dictionary files of a demo package, in the order of a real upload: {@code units/},
 * {@code storages/}, {@code priceLists/}, {@code groups/}, {@code propertiesGoods/} and
 * {@code propertiesOffers/}. Each is a header section, then a {@code Классификатор} with one list.
 */
final class DemoDictionaryFiles {

    private final DemoFiles files;
    private final DemoIds ids;
    private final DemoShape shape;

    DemoDictionaryFiles(DemoFiles files, DemoShape shape) {
        this.files = files;
        this.ids = files.ids;
        this.shape = shape;
    }

    void write() throws IOException {
        writeUnits();
        writeStorages();
        writePriceLists();
        writeGroups();
        writeProperties("propertiesGoods", DemoAssortment.GOODS_PROPERTIES, files::catalogHeader);
        writeProperties("propertiesOffers", DemoAssortment.OFFER_PROPERTIES, files::packageHeader);
    }

    /** One segment: {@code header}, then {@code <Классификатор><list>…</list></Классификатор>}. */
    private void dictionaryFile(String folder, int segment, XmlPart header, String list, XmlPart items)
            throws IOException {
        try (OneCXmlWriter x = files.open(folder, segment, true)) {
            header.write(x);
            files.openClassifier(x);
            x.open(list);
            items.write(x);
            x.end();
            x.end();
        }
    }

    private void writeUnits() throws IOException {
        dictionaryFile("units", 1, files::catalogHeader, "ЕдиницыИзмерения", x -> {
            for (String[] unit : DemoAssortment.UNITS) {
                x.open("ЕдиницаИзмерения");
                x.leaf("Ид", unit[0]);
                x.leaf("НомерВерсии", version(1));
                x.leaf("ПометкаУдаления", "false");
                x.leaf("НаименованиеКраткое", unit[1]);
                x.leaf("Код", unit[0]);
                x.leaf("НаименованиеПолное", unit[2]);
                x.leaf("МеждународноеСокращение", unit[3]);
                x.end();
            }
        });
    }

    private void writeStorages() throws IOException {
        dictionaryFile("storages", 1, files::catalogHeader, "Склады", x -> {
            for (int w = 0; w < shape.warehouses(); w++) {
                x.open("Склад");
                x.leaf("Ид", ids.warehouse(w));
                x.leaf("НомерВерсии", version(w + 1));
                x.leaf("ПометкаУдаления", "false");
                x.leaf("Наименование", DemoAssortment.WAREHOUSES[w]);
                x.end();
            }
        });
    }

    private void writePriceLists() throws IOException {
        dictionaryFile("priceLists", 1, files::catalogHeader, "ТипыЦен", x -> {
            for (PriceType type : PriceType.values()) {
                x.open("ТипЦены");
                x.leaf("Ид", ids.priceType(type));
                x.leaf("НомерВерсии", version(1));
                x.leaf("ПометкаУдаления", "false");
                x.leaf("Наименование", type.title);
                x.leaf("Валюта", "RUB");
                x.open("Налог");
                x.leaf("Наименование", "НДС");
                x.leaf("УчтеноВСумме", "true");
                x.leaf("Акциз", "false");
                x.end();
                x.end();
            }
        });
    }

    /** Group tree node built from the leaf paths; LinkedHashMap keeps declaration order. */
    private static final class GroupNode {
        final Map<String, GroupNode> children = new LinkedHashMap<>();
    }

    private void writeGroups() throws IOException {
        GroupNode root = new GroupNode();
        for (Leaf leaf : DemoAssortment.LEAVES) {
            GroupNode node = root;
            for (String part : leaf.path().split("/")) {
                node = node.children.computeIfAbsent(part, k -> new GroupNode());
            }
        }
        dictionaryFile("groups", 1, files::catalogHeader, "Группы", x -> {
            for (Map.Entry<String, GroupNode> top : root.children.entrySet()) {
                writeGroup(x, top.getKey(), top.getKey(), top.getValue(), false);
            }
            writeGroup(x, DemoAssortment.DELETED_GROUP, DemoAssortment.DELETED_GROUP, new GroupNode(), true);
        });
    }

    private void writeGroup(OneCXmlWriter x, String path, String name, GroupNode node, boolean deleted)
            throws IOException {
        x.open("Группа");
        x.leaf("Ид", ids.group(path));
        x.leaf("НомерВерсии", version(1));
        x.leaf("ПометкаУдаления", Boolean.toString(deleted));
        x.leaf("Наименование", name);
        if (!node.children.isEmpty()) {
            x.open("Группы");
            for (Map.Entry<String, GroupNode> child : node.children.entrySet()) {
                writeGroup(x, path + "/" + child.getKey(), child.getKey(), child.getValue(), false);
            }
            x.end();
        }
        x.end();
    }

    private void writeProperties(String folder, List<Property> properties, XmlPart header) throws IOException {
        int fileNo = 0;
        for (int from = 0; from < properties.size(); from += DemoFiles.PROPERTIES_PER_FILE) {
            List<Property> segment = properties.subList(from, Math.min(from + DemoFiles.PROPERTIES_PER_FILE, properties.size()));
            dictionaryFile(folder, ++fileNo, header, "Свойства", x -> {
                for (Property p : segment) {
                    writeProperty(x, p);
                }
                // 1C appends the brand pseudo-property to every properties file.
                writeProperty(x, DemoAssortment.P_BRAND);
            });
        }
    }

    private void writeProperty(OneCXmlWriter x, Property p) throws IOException {
        boolean brand = p == DemoAssortment.P_BRAND;
        x.open("Свойство");
        x.leaf("Ид", ids.property(p));
        x.leaf("Наименование", p.name());
        x.leaf("НомерВерсии", brand ? "" : version(1));
        x.leaf("ПометкаУдаления", "false");
        x.leaf("Внешний", "false");
        x.leaf("Информационное", "true");
        x.leaf("ТипЗначений", switch (p.type()) {
            case DICTIONARY -> "Справочник";
            case NUMBER -> "Число";
            case STRING -> "Строка";
        });
        if (!p.values().isEmpty()) {
            x.open("ВариантыЗначений");
            for (String value : p.values()) {
                x.open("Справочник");
                x.leaf("ИдЗначения", ids.value(p, value));
                x.leaf("Значение", value);
                x.end();
            }
            x.end();
        }
        x.end();
    }
}
