package org.catalogimport.dev;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small 1C packages in the shapes real exports have and tidy generators do not: products in
 * groups the package never declares, prices and stock of undeclared price types and warehouses,
 * offers that carry only their Ид with prices or stock (for products that have no offer yet), every
 * stock shape, duplicated Ид, empty {@code <Предложение/>}, offers of unknown products. Each shape
 * can be written in each dialect it occurs in, so tests can prove that every item read is stored or
 * reported, whatever the exporter.
 *
 * <p>Dialects and their files:
 * <ul>
 *   <li>{@link Dialect#CLASSIC}: {@code import.xml} + {@code offers.xml} (2.08, namespace, BOM), and
 *       {@code rests.xml} for the records that carry only prices or stock;</li>
 *   <li>{@link Dialect#UT11}: {@code import___<id>.xml}, {@code offers___}, {@code prices___},
 *       {@code rests___} (2.09);</li>
 *   <li>{@link Dialect#SPLIT_31}: {@code groups/}, {@code goods/}, {@code offers/}, {@code prices/},
 *       {@code rests/} (3.1);</li>
 *   <li>{@link Dialect#BITRIX}: a Bitrix-written 2.021 package in windows-1251 without namespace or BOM,
 *       numeric Ид, offers with only Ид, Цены and Количество.</li>
 * </ul>
 */
public final class ShapePackageWriter {

    public enum Dialect { CLASSIC, UT11, SPLIT_31, BITRIX }

    /** How an offer's stock is written. */
    public enum StockShape {
        /** {@code <Склад ИдСклада="w" КоличествоНаСкладе="3"/>} (2.07/2.08). */
        WAREHOUSE_ATTRIBUTES,
        /** {@code <Склады ИдСклада="w" КоличествоНаСкладе="3"/>} (2.10 changes packages: plural, attributes). */
        WAREHOUSES_ATTRIBUTES,
        /** {@code <Остатки><Остаток><Склад><Ид>w</Ид><Количество>3</Количество></Склад></Остаток></Остатки>} (UT 11, 3.x). */
        RESTS_WAREHOUSE,
        /** {@code <Количество>3</Количество>}: a total without a warehouse. */
        TOTAL,
        /** {@code <Остатки><Остаток><Количество>3</Количество></Остаток></Остатки>}: a total in rests. */
        RESTS_TOTAL
    }

    /**
     * Where the containers go: where CommerceML puts them, or where other exchange modules put them
     * (a third-party client nests the catalog inside the classifier, others write bare lists or wrap
     * everything in an element of their own). {@link #PRODUCTS_IN_A_GROUP} is a shape no reader
     * reads: the products sit inside a group, and must be reported as not read.
     */
    public enum Placement {
        STANDARD, CATALOG_IN_CLASSIFIER, OFFERS_IN_CLASSIFIER, CLASSIFIER_IN_CATALOG, BARE_LISTS, UNKNOWN_WRAPPER,
        PRODUCTS_IN_A_GROUP
    }

    /** The section that carries the offers with only prices or stock. */
    public enum OffersSection {
        PACKAGE("ПакетПредложений"), CHANGES("ИзмененияПакетаПредложений");

        final String element;

        OffersSection(String element) {
            this.element = element;
        }
    }

    private record Price(String typeId, String amount) {
    }

    private record Stock(StockShape shape, String warehouseId, String quantity) {
    }

    private record Offer(String id, String name, List<Price> prices, List<Stock> stock) {
    }

    private final Dialect dialect;
    private final Map<String, String> groups = new LinkedHashMap<>();
    private final List<String[]> products = new ArrayList<>();
    private final Map<String, String> priceTypes = new LinkedHashMap<>();
    private final Map<String, String> warehouses = new LinkedHashMap<>();
    private final List<Offer> offers = new ArrayList<>();
    private final List<Offer> idOnlyOffers = new ArrayList<>();
    private OffersSection idOnlySection = OffersSection.PACKAGE;
    private boolean full;
    private boolean lastWasIdOnly;
    private int emptyOffers;
    private Placement placement = Placement.STANDARD;

    public ShapePackageWriter(Dialect dialect) {
        this.dialect = dialect;
    }

    /** A group declared in the classifier. */
    public ShapePackageWriter group(String id, String name) {
        groups.put(id, name);
        return this;
    }

    /** A product in the catalog, in {@code groupId} (declared or not; null for none). */
    public ShapePackageWriter product(String id, String name, String groupId) {
        products.add(new String[] {id, name, groupId});
        return this;
    }

    public ShapePackageWriter priceType(String id, String name) {
        priceTypes.put(id, name);
        return this;
    }

    public ShapePackageWriter warehouse(String id, String name) {
        warehouses.put(id, name);
        return this;
    }

    /** An offer with its data (name) in the offers file; prices and stock as {@code price}/{@code stock} add them. */
    public ShapePackageWriter offer(String id, String name) {
        offers.add(new Offer(id, name, new ArrayList<>(), new ArrayList<>()));
        lastWasIdOnly = false;
        return this;
    }

    /** An offer record with only its Ид (plus the prices and stock added next), as prices and rests files write it. */
    public ShapePackageWriter idOnlyOffer(String id) {
        idOnlyOffers.add(new Offer(id, null, new ArrayList<>(), new ArrayList<>()));
        lastWasIdOnly = true;
        return this;
    }

    /** A price of the offer added last. */
    public ShapePackageWriter price(String typeId, String amount) {
        last().prices.add(new Price(typeId, amount));
        return this;
    }

    /** Stock of the offer added last, in {@code shape} ({@code warehouseId} is ignored for totals). */
    public ShapePackageWriter stock(StockShape shape, String warehouseId, String quantity) {
        last().stock.add(new Stock(shape, warehouseId, quantity));
        return this;
    }

    /** An empty {@code <Предложение/>} among the offers. */
    public ShapePackageWriter emptyOffer() {
        emptyOffers++;
        return this;
    }

    /** Where the Ид-only offers go: an offers package (default) or a 2.10 changes package. */
    public ShapePackageWriter idOnlyOffersIn(OffersSection section) {
        idOnlySection = section;
        return this;
    }

    /** Where the containers go (default: where CommerceML puts them). */
    public ShapePackageWriter placed(Placement where) {
        placement = where;
        return this;
    }

    /** Sections say {@code СодержитТолькоИзменения="false"}: a full exchange (default: changes only). */
    public ShapePackageWriter fullExchange() {
        full = true;
        return this;
    }

    private Offer last() {
        return lastWasIdOnly ? idOnlyOffers.get(idOnlyOffers.size() - 1) : offers.get(offers.size() - 1);
    }

    /** Writes the package into {@code dir} (created) and returns it. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String classifier = classifier();
        String catalog = catalog();
        String catalogFile = switch (placement) {
            case CATALOG_IN_CLASSIFIER -> inside(classifier, catalog);
            case CLASSIFIER_IN_CATALOG -> catalog.replace("<Товары>", classifier + "<Товары>");
            case PRODUCTS_IN_A_GROUP -> productsInFirstGroup(classifier, catalog);
            default -> classifier + placed(catalog);
        };
        String offersPackage = placed(offersSection("ПакетПредложений", offers, true));
        String idOnly = idOnlyOffers.isEmpty() ? "" : placed(offersSection(idOnlySection.element, idOnlyOffers, false));
        switch (dialect) {
            case CLASSIC -> {
                file(dir.resolve("import.xml"), catalogFile);
                file(dir.resolve("offers.xml"), offersPackage);
                if (!idOnly.isEmpty()) {
                    file(dir.resolve("rests.xml"), idOnly);
                }
            }
            case UT11 -> {
                file(dir.resolve("import___7d2c.xml"), catalogFile);
                file(dir.resolve("offers___7d2c.xml"), offersPackage);
                if (!idOnly.isEmpty()) {
                    file(dir.resolve("rests___7d2c.xml"), idOnly);
                }
            }
            case SPLIT_31 -> {
                switch (placement) {
                    case CATALOG_IN_CLASSIFIER -> {
                        file(dir.resolve("groups/groups.xml"), classifier);
                        file(dir.resolve("goods/goods.xml"), inside("<Классификатор><Ид>cls</Ид></Классификатор>", catalog));
                    }
                    case CLASSIFIER_IN_CATALOG -> {
                        file(dir.resolve("groups/groups.xml"), "<Каталог СодержитТолькоИзменения=\"true\"><Ид>cat</Ид>"
                                + classifier + "</Каталог>\n");
                        file(dir.resolve("goods/goods.xml"), catalog);
                    }
                    case PRODUCTS_IN_A_GROUP -> file(dir.resolve("goods/goods.xml"), catalogFile);
                    default -> {
                        file(dir.resolve("groups/groups.xml"), placed(classifier));
                        file(dir.resolve("goods/goods.xml"), placed(catalog));
                    }
                }
                file(dir.resolve("offers/offers.xml"), offersPackage);
                if (!idOnly.isEmpty()) {
                    file(dir.resolve("rests/rests.xml"), idOnly);
                }
            }
            case BITRIX -> {
                // why one section: Bitrix writes the Ид-only offers into offers.xml's own package.
                List<Offer> all = new ArrayList<>(offers);
                all.addAll(idOnlyOffers);
                file(dir.resolve("import.xml"), catalogFile);
                file(dir.resolve("offers.xml"), placed(offersSection("ПакетПредложений", all, true)));
            }
        }
        return dir;
    }

    /** A section as {@link #placement} puts it, when it stands alone in its place. */
    private String placed(String section) {
        return switch (placement) {
            case OFFERS_IN_CLASSIFIER -> section.startsWith("<Каталог") || section.startsWith("<Классификатор")
                    ? section : inside("<Классификатор><Ид>cls</Ид></Классификатор>", section);
            case BARE_LISTS -> section.startsWith("<Классификатор") ? section : bare(section);
            case UNKNOWN_WRAPPER -> "<Данные>" + section + "</Данные>\n";
            default -> section;
        };
    }

    /** {@code element} placed just before the end tag of {@code container}. */
    private static String inside(String container, String element) {
        int end = container.lastIndexOf("</");
        return container.substring(0, end) + element + container.substring(end);
    }

    /** The section without its own element and header: its lists stand right under the root. */
    private static String bare(String section) {
        return section.replaceAll("^<(Каталог|ПакетПредложений|ИзмененияПакетаПредложений)[^>]*>"
                        + "(<(Ид|Наименование|ИдКаталога|ИдКлассификатора)>[^<]*</(Ид|Наименование|ИдКаталога|ИдКлассификатора)>)*", "")
                .replaceAll("</(Каталог|ПакетПредложений|ИзмененияПакетаПредложений)>\n$", "\n");
    }

    /** The catalog's Товары moved into the classifier's first group, where no reader looks for products. */
    private static String productsInFirstGroup(String classifier, String catalog) {
        String products = catalog.substring(catalog.indexOf("<Товары>"), catalog.indexOf("</Товары>") + "</Товары>".length());
        int groupEnd = classifier.indexOf("</Группа>");
        return classifier.substring(0, groupEnd) + products + classifier.substring(groupEnd);
    }

    private String classifier() {
        StringBuilder xml = new StringBuilder("<Классификатор><Ид>cls</Ид><Наименование>Классификатор</Наименование>");
        if (!groups.isEmpty()) {
            xml.append("<Группы>");
            groups.forEach((id, name) -> xml.append("<Группа><Ид>").append(id).append("</Ид><Наименование>")
                    .append(name).append("</Наименование></Группа>"));
            xml.append("</Группы>");
        }
        return xml.append("</Классификатор>\n").toString();
    }

    private String catalog() {
        StringBuilder xml = new StringBuilder("<Каталог СодержитТолькоИзменения=\"").append(!full)
                .append("\"><Ид>cat</Ид><ИдКлассификатора>cls</ИдКлассификатора><Наименование>Каталог</Наименование><Товары>\n");
        for (String[] p : products) {
            xml.append("<Товар><Ид>").append(p[0]).append("</Ид><Наименование>").append(p[1]).append("</Наименование>");
            if (p[2] != null) {
                xml.append("<Группы><Ид>").append(p[2]).append("</Ид></Группы>");
            }
            xml.append("</Товар>\n");
        }
        return xml.append("</Товары></Каталог>\n").toString();
    }

    private String offersSection(String element, List<Offer> list, boolean declare) {
        StringBuilder xml = new StringBuilder("<").append(element).append(" СодержитТолькоИзменения=\"").append(!full)
                .append("\"><Ид>cat#</Ид><Наименование>Предложения</Наименование><ИдКаталога>cat</ИдКаталога>");
        if (declare && !priceTypes.isEmpty()) {
            xml.append("<ТипыЦен>");
            priceTypes.forEach((id, name) -> xml.append("<ТипЦены><Ид>").append(id).append("</Ид><Наименование>")
                    .append(name).append("</Наименование><Валюта>RUB</Валюта></ТипЦены>"));
            xml.append("</ТипыЦен>");
        }
        if (declare && !warehouses.isEmpty()) {
            xml.append("<Склады>");
            warehouses.forEach((id, name) -> xml.append("<Склад><Ид>").append(id).append("</Ид><Наименование>")
                    .append(name).append("</Наименование></Склад>"));
            xml.append("</Склады>");
        }
        xml.append("<Предложения>\n");
        for (Offer offer : list) {
            xml.append("<Предложение><Ид>").append(offer.id).append("</Ид>");
            if (offer.name != null) {
                xml.append("<Наименование>").append(offer.name).append("</Наименование>");
            }
            if (!offer.prices.isEmpty()) {
                xml.append("<Цены>");
                for (Price price : offer.prices) {
                    xml.append("<Цена><ИдТипаЦены>").append(price.typeId).append("</ИдТипаЦены><ЦенаЗаЕдиницу>")
                            .append(price.amount).append("</ЦенаЗаЕдиницу><Валюта>RUB</Валюта></Цена>");
                }
                xml.append("</Цены>");
            }
            for (Stock stock : offer.stock) {
                xml.append(switch (stock.shape) {
                    case WAREHOUSE_ATTRIBUTES -> "<Склад ИдСклада=\"" + stock.warehouseId + "\" КоличествоНаСкладе=\""
                            + stock.quantity + "\"/>";
                    case WAREHOUSES_ATTRIBUTES -> "<Склады ИдСклада=\"" + stock.warehouseId + "\" КоличествоНаСкладе=\""
                            + stock.quantity + "\"/>";
                    case RESTS_WAREHOUSE -> "<Остатки><Остаток><Склад><Ид>" + stock.warehouseId + "</Ид><Количество>"
                            + stock.quantity + "</Количество></Склад></Остаток></Остатки>";
                    case TOTAL -> "<Количество>" + stock.quantity + "</Количество>";
                    case RESTS_TOTAL -> "<Остатки><Остаток><Количество>" + stock.quantity + "</Количество></Остаток></Остатки>";
                });
            }
            xml.append("</Предложение>\n");
        }
        if (declare) {
            xml.append("<Предложение/>\n".repeat(emptyOffers));
        }
        return xml.append("</Предложения></").append(element).append(">\n").toString();
    }

    private void file(Path path, String body) throws IOException {
        Files.createDirectories(path.getParent());
        boolean bitrix = dialect == Dialect.BITRIX;
        Charset charset = bitrix ? Charset.forName("windows-1251") : StandardCharsets.UTF_8;
        String version = switch (dialect) {
            case CLASSIC -> "2.08";
            case UT11 -> "2.09";
            case SPLIT_31 -> "3.1";
            case BITRIX -> "2.021";
        };
        String namespace = switch (dialect) {
            case CLASSIC, UT11 -> " xmlns=\"urn:1C.ru:commerceml_2\"";
            case SPLIT_31 -> " xmlns=\"urn:1C.ru:commerceml_3\"";
            case BITRIX -> "";
        };
        String xml = (bitrix ? "" : "\uFEFF") + "<?xml version=\"1.0\" encoding=\"" + (bitrix ? "windows-1251" : "UTF-8")
                + "\"?>\n<КоммерческаяИнформация" + namespace + " ВерсияСхемы=\"" + version
                + "\" ДатаФормирования=\"2026-11-01T10:00:00\">\n" + body + "</КоммерческаяИнформация>";
        Files.writeString(path, xml, charset);
    }
}
