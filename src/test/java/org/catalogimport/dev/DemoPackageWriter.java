package org.catalogimport.dev;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a synthetic sports-goods catalog as a CommerceML 3.1 "split" export, shaped like the folder
 * tree 1C:УТ 11.5 uploads to a site ({@code groups/}, {@code propertiesGoods/}, {@code goods/},
 * {@code offers/}, {@code prices/}, {@code rests/}, …, each file {@code <folder>_1_<N>_<guid>.xml}).
 *
 * <p>It is the demo package a new user imports on first start and a test/benchmark input, so the
 * output copies the quirks of real exports that an importer has to survive, not an idealised schema:
 * <ul>
 *   <li>dictionary files start with a header-only {@code Каталог} (or {@code ПакетПредложений}) and
 *       put {@code Классификатор} after it; every section says {@code СодержитТолькоИзменения="true"}
 *       even though the package is complete;</li>
 *   <li>the brand dictionary is a pseudo-property whose {@code Ид} is the word {@code Бренд}, repeated
 *       in every properties file; products point at it twice (property value and requisite);</li>
 *   <li>a boolean property uses {@code true}/{@code false} as value ids; an unset reference is
 *       {@code 00000000-0000-0000-0000-000000000000}; empty values are {@code <Значение/>};</li>
 *   <li>offers carry characteristics twice: as ids in {@code ЗначенияСвойств} and as display text in
 *       {@code ХарактеристикиТовара} (sizes like {@code 42,5}); prices and stock live in their own
 *       files, price types only in {@code priceLists/};</li>
 *   <li>prices are mostly {@code 1990.00}, a few {@code 6990} or {@code 1631,80}; currency is
 *       {@code RUB} on price types but {@code руб} on price rows;</li>
 *   <li>units are referenced by code with a trailing space ({@code 796 });</li>
 *   <li>UTF-8 with BOM, tab-indented, LF, no final newline – except goods files, which have no BOM,
 *       as in the real sample.</li>
 * </ul>
 *
 * <p>Everything is derived from {@code (products, seed)} only: ids are name-based UUIDs, each product
 * draws from its own {@link Random} seeded by {@code (seed, index)}, and timestamps are fixed. Nothing is
 * kept per product, so the same code streams 100k products with constant memory (each pass over the
 * products recomputes them).
 */
public final class DemoPackageWriter {

    static final String NAMESPACE = "urn:1C.ru:commerceml_3";
    static final List<String> FOLDERS = List.of("groups", "propertiesGoods", "propertiesOffers", "goods",
            "offers", "prices", "priceLists", "rests", "storages", "units");
    static final String EMPTY_REFERENCE = "00000000-0000-0000-0000-000000000000";
    /** The real export uses this literal as the Ид of the brand dictionary. */
    static final String BRAND_PROPERTY_ID = "Бренд";
    static final int DEFAULT_PRODUCTS = 300;
    static final long DEFAULT_SEED = 1L;

    // 1C cuts exports into segments (≤ 500 products per goods file in the real exchange). Smaller
    // segments here so that even the 300-product demo spans several files of each kind.
    static final int GOODS_PER_FILE = 100;
    static final int OFFERS_PER_FILE = 250;
    static final int PROPERTIES_PER_FILE = 4;

    private static final String EXCHANGE_NODE = "Обмен с сайтом";
    private static final String CATALOG_NAME = "Каталог спортивных товаров";
    private static final String UNIT_CODE = "796 ";
    private static final LocalDateTime EXPORT_STARTED = LocalDateTime.of(2025, 3, 14, 9, 30, 0);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final char NBSP = '\u00A0';

    // ---- dictionaries ------------------------------------------------------------------------------

    private static final String[] BRANDS = {"Velocita", "Nordkap", "Strikeline", "AquaForm", "Kaskad",
            "Polaris Sport", "Ironvale", "Tempora", "Breeze Athletics", "Forteza", "Arktika", "Sprintex",
            "Маяк", "Северный ветер", "TopSpin", "Grandslam Pro", "Glacier", "Flexum", "Corsa", "Атлант"};
    private static final String[] BRAND_CODES = {"VL", "NK", "SL", "AQ", "KS", "PS", "IV", "TM", "BA", "FZ",
            "AR", "SX", "MK", "SV", "TS", "GP", "GL", "FX", "CR", "AT"};
    private static final String[] COLORS = {"Белый", "Чёрный", "Красный", "Синий", "Зелёный", "Жёлтый",
            "Оранжевый", "Серый", "Розовый", "Голубой", "Фиолетовый", "Тёмно-синий",
            // Real dictionaries contain values with trailing spaces; keep one so importers notice.
            "Чёрный с белым "};
    private static final String[] MATERIALS = {"Полиуретан", "ПВХ", "Термополиуретан", "Синтетическая кожа",
            "Натуральная кожа", "Текстиль", "Полиэстер", "Эластан", "Неопрен", "Чугун", "Латекс", "Карбон",
            "Алюминий", "Силикон", "Поликарбонат", "Дерево"};
    private static final String[] GENDERS = {"Мужской", "Женский", "Унисекс", "Детский"};
    private static final String[] COUNTRIES = {"Китай", "Вьетнам", "Россия", "Индонезия", "Пакистан",
            "Турция", "Беларусь", "Камбоджа"};
    private static final String[] MODELS = {"Pro", "Strike", "Aero", "Flex", "Tempo", "Nova", "Pulse", "Vega",
            "Orion", "Storm", "Rapid", "Glide", "Titan", "Zenit", "Kite", "Drive", "Edge", "Boost"};
    private static final String[] EXTRAS = {"Подходит для регулярных тренировок.",
            "Модель прошла тестирование в спортивных клубах.", "Поставляется в фирменной упаковке.",
            "Лёгкая и износостойкая конструкция.", "Рекомендуется для начинающих и опытных спортсменов.",
            "Хит продаж прошлого сезона."};

    private enum Axis {
        NONE(),
        CLOTHES("XS", "S", "M", "L", "XL", "XXL"),
        SHOES("36", "37", "38", "39", "40", "40,5", "41", "42", "42,5", "43", "44", "44,5", "45", "46"),
        BALL("3", "4", "5"),
        GLOVES("6", "7", "8", "9", "10"),
        WEIGHT("1 кг", "2 кг", "3 кг", "4 кг", "5 кг", "8 кг", "10 кг", "16 кг"),
        GRIP("G1", "G2", "G3", "G4"),
        SKI("150 см", "160 см", "170 см", "180 см", "190 см");

        final String[] values;

        Axis(String... values) {
            this.values = values;
        }
    }

    /** A leaf product group and what its products look like. */
    private record Leaf(String path, String kind, String[] nouns, Axis axis, boolean colors, int minPrice,
                        int maxPrice, double minKg, double maxKg, int[] materials, boolean gendered,
                        boolean waterproofApplies, String purpose) {
    }

    private static final List<Leaf> LEAVES = List.of(
            new Leaf("Футбол/Мячи", "Мячи футбольные", new String[]{"Мяч футбольный", "Мяч для мини-футбола"},
                    Axis.BALL, false, 990, 6990, 0.35, 0.45, new int[]{0, 1, 2}, false, false,
                    "для игры на натуральном и искусственном газоне"),
            new Leaf("Футбол/Бутсы", "Обувь футбольная", new String[]{"Бутсы футбольные", "Шиповки футбольные", "Футзалки"},
                    Axis.SHOES, true, 2490, 14990, 0.25, 0.5, new int[]{3, 4, 5}, true, true,
                    "для уверенного контроля мяча и быстрых ускорений"),
            new Leaf("Футбол/Форма", "Одежда футбольная", new String[]{"Футболка игровая", "Шорты игровые", "Гетры футбольные"},
                    Axis.CLOTHES, true, 590, 3990, 0.1, 0.3, new int[]{6, 7}, true, false,
                    "для матчей и тренировок"),
            new Leaf("Футбол/Вратарская экипировка", "Экипировка вратарская", new String[]{"Перчатки вратарские", "Щитки футбольные"},
                    Axis.GLOVES, false, 990, 5990, 0.15, 0.35, new int[]{10, 8, 14}, false, false,
                    "с надёжной фиксацией на руке"),
            new Leaf("Бег/Кроссовки", "Обувь беговая", new String[]{"Кроссовки беговые", "Кроссовки для трейла", "Марафонки"},
                    Axis.SHOES, true, 3490, 16990, 0.2, 0.4, new int[]{5, 3}, true, true,
                    "с амортизирующей подошвой для длинных дистанций"),
            new Leaf("Бег/Одежда для бега/Футболки", "Одежда беговая", new String[]{"Футболка беговая", "Лонгслив беговой"},
                    Axis.CLOTHES, true, 890, 4490, 0.1, 0.25, new int[]{6, 7}, true, false,
                    "из дышащей ткани, быстро отводит влагу"),
            new Leaf("Бег/Одежда для бега/Тайтсы и шорты", "Одежда беговая", new String[]{"Тайтсы беговые", "Шорты беговые"},
                    Axis.CLOTHES, true, 990, 5490, 0.1, 0.3, new int[]{7, 6}, true, false,
                    "не сковывают движений на тренировке"),
            new Leaf("Бег/Аксессуары", "Аксессуары для бега", new String[]{"Пояс для бега", "Повязка на голову", "Бутылка для воды"},
                    Axis.NONE, true, 290, 2490, 0.05, 0.3, new int[]{5, 13, 14}, false, false,
                    "для бега в любую погоду"),
            new Leaf("Фитнес/Гантели и гири", "Отягощения", new String[]{"Гантель неопреновая", "Гантель виниловая", "Гиря чугунная"},
                    Axis.WEIGHT, false, 390, 7990, 1, 16, new int[]{8, 9, 1}, false, false,
                    "для силовых тренировок дома и в зале"),
            new Leaf("Фитнес/Коврики", "Коврики", new String[]{"Коврик для йоги", "Коврик для фитнеса"},
                    Axis.NONE, true, 690, 4990, 0.6, 2.5, new int[]{1, 10, 0}, false, true,
                    "с нескользящей поверхностью"),
            new Leaf("Фитнес/Эспандеры", "Эспандеры", new String[]{"Эспандер ленточный", "Эспандер кистевой", "Набор резиновых петель"},
                    Axis.NONE, true, 190, 1990, 0.05, 0.5, new int[]{10, 13}, false, false,
                    "для разминки, реабилитации и силовых упражнений"),
            new Leaf("Теннис/Ракетки", "Ракетки", new String[]{"Ракетка для большого тенниса", "Ракетка для настольного тенниса"},
                    Axis.GRIP, false, 1490, 19990, 0.17, 0.32, new int[]{11, 12, 15}, false, false,
                    "с точным контролем удара"),
            new Leaf("Теннис/Мячи для тенниса", "Мячи теннисные", new String[]{"Мячи для тенниса (3 шт)", "Мячи для настольного тенниса (6 шт)"},
                    Axis.NONE, true, 190, 1490, 0.03, 0.2, new int[]{10, 14}, false, false,
                    "турнирного качества"),
            new Leaf("Плавание/Очки для плавания", "Аксессуары для плавания", new String[]{"Очки для плавания", "Очки для плавания стартовые"},
                    Axis.NONE, true, 390, 3490, 0.03, 0.08, new int[]{13, 14}, true, true,
                    "с защитой от запотевания"),
            new Leaf("Плавание/Купальники и плавки", "Одежда для плавания", new String[]{"Купальник спортивный", "Плавки", "Шорты для плавания"},
                    Axis.CLOTHES, true, 890, 5990, 0.1, 0.3, new int[]{6, 7}, true, true,
                    "из хлоростойкой ткани"),
            new Leaf("Зимние виды/Лыжи", "Лыжи", new String[]{"Лыжи беговые", "Лыжи горные"},
                    Axis.SKI, false, 4990, 39990, 1.0, 3.5, new int[]{11, 15, 12}, false, false,
                    "для катания по подготовленной трассе"),
            new Leaf("Зимние виды/Коньки", "Коньки", new String[]{"Коньки хоккейные", "Коньки фигурные", "Коньки прогулочные"},
                    Axis.SHOES, false, 2990, 24990, 0.8, 1.8, new int[]{3, 4, 12}, true, true,
                    "с лезвием из закалённой стали"));

    /** A top-level group that is marked for deletion and holds nothing, as old 1C trees do. */
    private static final String DELETED_GROUP = "Архив (не использовать)";

    private enum PriceType {
        RETAIL("Розничная"), WHOLESALE("Оптовая"), PURCHASE("Закупочная");

        final String title;

        PriceType(String title) {
            this.title = title;
        }
    }

    private static final String[] WAREHOUSES = {"Основной склад (Москва)", "Склад Санкт-Петербург",
            "Магазин на Ленинском проспекте"};

    /** code, short name, full name, international abbreviation. */
    private static final String[][] UNITS = {
            {"796 ", "шт", "Штука", "PCE"},
            {"715 ", "пар", "Пара (2 шт.)", ""},
            // 1C pads some full names with spaces up to the field length.
            {"778 ", "упак", "Упаковка                                ", ""},
            {"166 ", "кг", "Килограмм", "KGM"}};

    // ---- properties --------------------------------------------------------------------------------

    private enum ValueType { DICTIONARY, NUMBER, STRING }

    /** key: stable key for the id; values: dictionary entries (value text), empty for literals. */
    private record Property(String key, String name, ValueType type, List<String> values) {
    }

    private static final Property P_MATERIAL = new Property("material", "Материал", ValueType.DICTIONARY, List.of(MATERIALS));
    private static final Property P_COLOR = new Property("color", "Цвет", ValueType.DICTIONARY, List.of(COLORS));
    private static final Property P_WEIGHT = new Property("weight", "Вес (кг)", ValueType.NUMBER, List.of());
    private static final Property P_COUNTRY = new Property("country", "Страна производства", ValueType.STRING, List.of());
    private static final Property P_GENDER = new Property("gender", "Пол", ValueType.DICTIONARY, List.of(GENDERS));
    private static final Property P_WATERPROOF = new Property("waterproof", "Водонепроницаемость", ValueType.DICTIONARY, List.of("Да", "Нет"));
    /** A dictionary property without values: products reference it with the all-zero GUID. */
    private static final Property P_SEASON = new Property("season", "Сезон", ValueType.DICTIONARY, List.of());
    private static final Property P_WARRANTY = new Property("warranty", "Гарантия (мес)", ValueType.NUMBER, List.of());
    private static final Property P_BRAND = new Property("brand", "Бренд", ValueType.DICTIONARY, List.of(BRANDS));
    private static final Property P_SIZE = new Property("size", "Размер", ValueType.DICTIONARY, allSizes());

    private static final List<Property> GOODS_PROPERTIES = List.of(P_MATERIAL, P_COLOR, P_WEIGHT, P_COUNTRY,
            P_GENDER, P_WATERPROOF, P_SEASON, P_WARRANTY);
    // The real export defines the same colour property in both files, so offers and goods share the id.
    private static final List<Property> OFFER_PROPERTIES = List.of(P_SIZE, P_COLOR);

    private static List<String> allSizes() {
        LinkedHashSet<String> sizes = new LinkedHashSet<>();
        for (Axis axis : Axis.values()) {
            sizes.addAll(List.of(axis.values));
        }
        return List.copyOf(sizes);
    }

    // ---- generated model (recomputed on every pass, never stored) -----------------------------------

    private record Variant(String id, String size, String color, boolean deleted) {
    }

    private record Product(int index, String id, Leaf leaf, int brand, String name, String article,
                           String barcode, String description, int material, int color, String weightKg,
                           int country, int gender, Boolean waterproof, String warrantyMonths, long version,
                           boolean deleted, BigDecimal retail, List<Variant> variants) {
    }

    private record Offer(long ordinal, Product product, Variant variant) {
        String id() {
            return variant == null ? product.id : product.id + "#" + variant.id;
        }

        boolean deleted() {
            return product.deleted || (variant != null && variant.deleted);
        }
    }

    // ---- entry points ------------------------------------------------------------------------------

    private final Path dir;
    private final int products;
    private final long seed;
    private final String catalogId;
    private final int pictureBytes;
    private int filesWritten;

    private DemoPackageWriter(Path dir, int products, long seed, int pictureBytes) {
        this.dir = dir;
        this.products = products;
        this.seed = seed;
        this.pictureBytes = pictureBytes;
        this.catalogId = id("catalog");
    }

    /**
     * Writes a complete 3.1 split package into {@code dir} (created if absent); returns dir.
     * Deterministic for a given (products, seed).
     *
     * @throws DirectoryNotEmptyException if {@code dir} already has content: a package with fewer
     *         segments would otherwise leave stale segments of an earlier run next to it, and the
     *         importer would read them as part of this package.
     */
    public static Path write(Path dir, int products, long seed) throws IOException {
        return write(dir, products, seed, 0);
    }

    /**
     * As {@link #write(Path, int, long)}, and when {@code pictureBytes} is positive every product
     * also names one picture ({@code <Картинка>import_files/<2 chars>/<Ид>_1.jpg}, relative to
     * {@code goods/} as 1C writes it) whose file of that size (JPEG signature, then bytes derived from
     * the product) is written into {@code goods/import_files/}.
     */
    public static Path write(Path dir, int products, long seed, int pictureBytes) throws IOException {
        if (products < 1) {
            throw new IllegalArgumentException("products must be at least 1, was " + products);
        }
        Files.createDirectories(dir);
        try (Stream<Path> existing = Files.list(dir)) {
            if (existing.findAny().isPresent()) {
                throw new DirectoryNotEmptyException(dir.toString());
            }
        }
        new DemoPackageWriter(dir, products, seed, pictureBytes).writeAll();
        return dir;
    }

    /** Default demo: 300 products, seed 1. */
    public static Path writeDefault(Path dir) throws IOException {
        return write(dir, DEFAULT_PRODUCTS, DEFAULT_SEED);
    }

    /** args: {@code <dir> [products] [seed]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: DemoPackageWriter <dir> [products=" + DEFAULT_PRODUCTS + "] [seed=" + DEFAULT_SEED + "]");
            System.exit(2);
        }
        Path dir = Paths.get(args[0]);
        int products = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_PRODUCTS;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        write(dir, products, seed);
        long bytes;
        try (Stream<Path> files = Files.walk(dir)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "Wrote %d products (seed %d) to %s, %d bytes%n", products, seed, dir.toAbsolutePath(), bytes);
    }

    // ---- passes ------------------------------------------------------------------------------------

    // Order follows a real upload: dictionaries first, then products, offers, prices, stock.
    private void writeAll() throws IOException {
        writeUnits();
        writeStorages();
        writePriceLists();
        writeGroups();
        writeProperties("propertiesGoods", GOODS_PROPERTIES, this::catalogHeader);
        writeProperties("propertiesOffers", OFFER_PROPERTIES, this::packageHeader);
        writeGoods();
        writeOffers();
        writePrices();
        writeRests();
    }

    private void writeUnits() throws IOException {
        try (Xml x = openFile("units", 1, true)) {
            catalogHeader(x);
            x.open("Классификатор", "СодержитТолькоИзменения", "true");
            classifierTitle(x);
            x.open("ЕдиницыИзмерения");
            for (String[] unit : UNITS) {
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
            x.end();
            x.end();
        }
    }

    private void writeStorages() throws IOException {
        try (Xml x = openFile("storages", 1, true)) {
            catalogHeader(x);
            x.open("Классификатор", "СодержитТолькоИзменения", "true");
            classifierTitle(x);
            x.open("Склады");
            for (int w = 0; w < WAREHOUSES.length; w++) {
                x.open("Склад");
                x.leaf("Ид", warehouseId(w));
                x.leaf("НомерВерсии", version(w + 1));
                x.leaf("ПометкаУдаления", "false");
                x.leaf("Наименование", WAREHOUSES[w]);
                x.end();
            }
            x.end();
            x.end();
        }
    }

    private void writePriceLists() throws IOException {
        try (Xml x = openFile("priceLists", 1, true)) {
            catalogHeader(x);
            x.open("Классификатор", "СодержитТолькоИзменения", "true");
            classifierTitle(x);
            x.open("ТипыЦен");
            for (PriceType type : PriceType.values()) {
                x.open("ТипЦены");
                x.leaf("Ид", priceTypeId(type));
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
            x.end();
            x.end();
        }
    }

    /** Group tree node built from the leaf paths; LinkedHashMap keeps declaration order. */
    private static final class GroupNode {
        final Map<String, GroupNode> children = new LinkedHashMap<>();
    }

    private void writeGroups() throws IOException {
        GroupNode root = new GroupNode();
        for (Leaf leaf : LEAVES) {
            GroupNode node = root;
            for (String part : leaf.path.split("/")) {
                node = node.children.computeIfAbsent(part, k -> new GroupNode());
            }
        }
        try (Xml x = openFile("groups", 1, true)) {
            catalogHeader(x);
            x.open("Классификатор", "СодержитТолькоИзменения", "true");
            classifierTitle(x);
            x.open("Группы");
            for (Map.Entry<String, GroupNode> top : root.children.entrySet()) {
                writeGroup(x, top.getKey(), top.getKey(), top.getValue(), false);
            }
            writeGroup(x, DELETED_GROUP, DELETED_GROUP, new GroupNode(), true);
            x.end();
            x.end();
        }
    }

    private void writeGroup(Xml x, String path, String name, GroupNode node, boolean deleted) throws IOException {
        x.open("Группа");
        x.leaf("Ид", groupId(path));
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
        for (int from = 0; from < properties.size(); from += PROPERTIES_PER_FILE) {
            try (Xml x = openFile(folder, ++fileNo, true)) {
                header.write(x);
                x.open("Классификатор", "СодержитТолькоИзменения", "true");
                classifierTitle(x);
                x.open("Свойства");
                for (Property p : properties.subList(from, Math.min(from + PROPERTIES_PER_FILE, properties.size()))) {
                    writeProperty(x, p);
                }
                // 1C appends the brand pseudo-property to every properties file.
                writeProperty(x, P_BRAND);
                x.end();
                x.end();
            }
        }
    }

    private void writeProperty(Xml x, Property p) throws IOException {
        boolean brand = p == P_BRAND;
        x.open("Свойство");
        x.leaf("Ид", propertyId(p));
        x.leaf("Наименование", p.name);
        x.leaf("НомерВерсии", brand ? "" : version(1));
        x.leaf("ПометкаУдаления", "false");
        x.leaf("Внешний", "false");
        x.leaf("Информационное", "true");
        x.leaf("ТипЗначений", switch (p.type) {
            case DICTIONARY -> "Справочник";
            case NUMBER -> "Число";
            case STRING -> "Строка";
        });
        if (!p.values.isEmpty()) {
            x.open("ВариантыЗначений");
            for (String value : p.values) {
                x.open("Справочник");
                x.leaf("ИдЗначения", valueId(p, value));
                x.leaf("Значение", value);
                x.end();
            }
            x.end();
        }
        x.end();
    }

    private void writeGoods() throws IOException {
        try (Segments s = new Segments("goods", GOODS_PER_FILE, false, x -> {
            x.open("Каталог", "СодержитТолькоИзменения", "true");
            x.leaf("Ид", catalogId);
            x.leaf("ИдКлассификатора", catalogId);
            x.leaf("Наименование", CATALOG_NAME);
            x.open("Товары");
        }, x -> {
            x.end();
            // The real goods file puts the catalog description after the products.
            x.leaf("Описание", CATALOG_NAME);
            x.end();
        })) {
            for (int i = 0; i < products; i++) {
                writeProduct(s.next(), product(i));
            }
        }
    }

    private void writeProduct(Xml x, Product p) throws IOException {
        x.open("Товар");
        x.leaf("Ид", p.id);
        x.leaf("НомерВерсии", version(p.version));
        x.leaf("ПометкаУдаления", Boolean.toString(p.deleted));
        x.leaf("Штрихкод", p.barcode);
        x.leaf("Артикул", p.article);
        x.leaf("Наименование", p.name);
        x.leaf("БазоваяЕдиница", UNIT_CODE);
        x.open("Группы");
        x.leaf("Ид", groupId(p.leaf.path));
        x.end();
        x.leaf("Описание", p.description);
        if (pictureBytes > 0) {
            x.leaf("Картинка", picturePath(p.id));
            writePicture(p.id);
        }
        x.leaf("Страна", COUNTRIES[p.country].toUpperCase(Locale.ROOT));
        x.open("ЗначенияСвойств");
        propertyValue(x, P_MATERIAL, valueId(P_MATERIAL, MATERIALS[p.material]));
        // Colour varies per offer for these products; 1C still lists the property, empty.
        propertyValue(x, P_COLOR, p.color < 0 ? "" : valueId(P_COLOR, COLORS[p.color]));
        propertyValue(x, P_WEIGHT, p.weightKg);
        propertyValue(x, P_COUNTRY, COUNTRIES[p.country]);
        if (p.gender >= 0) {
            propertyValue(x, P_GENDER, valueId(P_GENDER, GENDERS[p.gender]));
        }
        if (p.waterproof != null) {
            propertyValue(x, P_WATERPROOF, p.waterproof.toString());
            // An unfilled reference comes as the all-zero GUID, not as an empty element.
            propertyValue(x, P_SEASON, EMPTY_REFERENCE);
        }
        if (!p.warrantyMonths.isEmpty()) {
            propertyValue(x, P_WARRANTY, p.warrantyMonths);
        }
        propertyValue(x, P_BRAND, valueId(P_BRAND, BRANDS[p.brand]));
        x.end();
        x.open("СтавкиНалогов");
        x.open("СтавкаНалога");
        x.leaf("Наименование", "НДС");
        x.leaf("Ставка", "20");
        x.end();
        x.end();
        x.open("ЗначенияРеквизитов");
        requisite(x, "ВидНоменклатуры", p.leaf.kind);
        requisite(x, "ТипНоменклатуры", "Товар");
        requisite(x, "Полное наименование", p.name);
        requisite(x, "Бренд", valueId(P_BRAND, BRANDS[p.brand]));
        x.end();
        x.end();
    }

    private void writeOffers() throws IOException {
        try (Segments s = packageSegments("offers")) {
            forEachOffer(o -> writeOffer(s.next(), o));
        }
    }

    private void writeOffer(Xml x, Offer o) throws IOException {
        Product p = o.product;
        Variant v = o.variant;
        x.open("Предложение");
        x.leaf("Ид", o.id());
        x.leaf("НомерВерсии", version(p.version));
        x.leaf("ПометкаУдаления", Boolean.toString(o.deleted()));
        x.leaf("Наименование", v == null ? p.name : p.name + " (" + variantLabel(v) + ")");
        if (v != null) {
            x.open("ХарактеристикиТовара");
            if (v.size != null) {
                characteristic(x, "Размер", v.size);
            }
            if (v.color != null) {
                characteristic(x, "Цвет", v.color);
            }
            x.end();
            x.open("ЗначенияСвойств");
            if (v.size != null) {
                propertyValue(x, P_SIZE, valueId(P_SIZE, v.size));
            }
            if (v.color != null) {
                propertyValue(x, P_COLOR, valueId(P_COLOR, v.color));
            }
            x.end();
        }
        x.end();
    }

    private void writePrices() throws IOException {
        try (Segments s = packageSegments("prices")) {
            forEachOffer(o -> {
                Xml x = s.next();
                x.open("Предложение");
                x.leaf("Ид", o.id());
                x.open("Цены");
                BigDecimal retail = o.product.retail;
                price(x, o, PriceType.RETAIL, retail);
                // Not every offer has every price type in real exports.
                if (o.ordinal % 23 != 11) {
                    price(x, o, PriceType.WHOLESALE, retail.multiply(new BigDecimal("0.82")));
                }
                price(x, o, PriceType.PURCHASE, retail.multiply(new BigDecimal("0.55")));
                x.end();
                x.end();
            });
        }
    }

    private void price(Xml x, Offer o, PriceType type, BigDecimal amount) throws IOException {
        BigDecimal value = amount.setScale(2, RoundingMode.HALF_UP);
        String text = value.toPlainString();
        if (type == PriceType.RETAIL && o.ordinal % 41 == 7 && value.stripTrailingZeros().scale() <= 0) {
            text = value.setScale(0, RoundingMode.UNNECESSARY).toPlainString(); // "6990", as 1C often writes
        } else if (type == PriceType.WHOLESALE && o.ordinal % 157 == 5) {
            text = text.replace('.', ','); // "1631,80": seen from some 1C configurations
        }
        x.open("Цена");
        x.leaf("Представление", presentation(value));
        x.leaf("ИдТипаЦены", priceTypeId(type));
        x.leaf("ЦенаЗаЕдиницу", text);
        x.leaf("Валюта", "руб");
        x.end();
    }

    private void writeRests() throws IOException {
        try (Segments s = packageSegments("rests")) {
            forEachOffer(o -> {
                Random r = new Random(mix(seed ^ 0x5EED_2E57L, o.ordinal));
                Xml x = s.next();
                x.open("Предложение");
                x.leaf("Ид", o.id());
                x.open("Остатки");
                for (int w = 0; w < WAREHOUSES.length; w++) {
                    // Real stock files are mostly zeros; the main warehouse holds the most.
                    int quantity = o.deleted() || r.nextInt(100) < 40 ? 0 : 1 + r.nextInt(w == 0 ? 60 : 15);
                    x.open("Остаток");
                    x.open("Склад");
                    x.leaf("Ид", warehouseId(w));
                    x.leaf("Количество", Integer.toString(quantity));
                    x.end();
                    x.end();
                }
                x.end();
                x.end();
            });
        }
    }

    // ---- model -------------------------------------------------------------------------------------

    private interface OfferAction {
        void accept(Offer offer) throws IOException;
    }

    private void forEachOffer(OfferAction action) throws IOException {
        long ordinal = 0;
        for (int i = 0; i < products; i++) {
            Product p = product(i);
            if (p.variants.isEmpty()) {
                action.accept(new Offer(ordinal++, p, null));
            } else {
                for (Variant v : p.variants) {
                    action.accept(new Offer(ordinal++, p, v));
                }
            }
        }
    }

    /** Everything about product {@code i}; draws from a Random of its own so passes agree. */
    private Product product(int i) {
        Random r = new Random(mix(seed, i));
        Leaf leaf = LEAVES.get(r.nextInt(LEAVES.size()));
        int brand = r.nextInt(BRANDS.length);
        String noun = leaf.nouns[r.nextInt(leaf.nouns.length)];
        String model = MODELS[r.nextInt(MODELS.length)] + " " + (100 + 10 * r.nextInt(90));
        int material = leaf.materials[r.nextInt(leaf.materials.length)];
        int country = r.nextInt(COUNTRIES.length);
        int gender = leaf.gendered ? r.nextInt(GENDERS.length) : -1;
        Boolean waterproof = leaf.waterproofApplies ? r.nextInt(3) == 0 : null;
        String warranty = switch (r.nextInt(3)) {
            case 0 -> "";
            case 1 -> "6";
            default -> "12";
        };
        double kg = leaf.minKg + (leaf.maxKg - leaf.minKg) * r.nextDouble();
        // new BigDecimal(double) is exact; valueOf goes through Double.toString, which changed in JDK 19.
        String weight = new BigDecimal(kg).setScale(kg >= 1 ? 1 : 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
        int rub = leaf.minPrice + r.nextInt(leaf.maxPrice - leaf.minPrice + 1);
        BigDecimal retail = BigDecimal.valueOf(Math.max(190, rub / 100 * 100 + 90));
        long version = 1 + r.nextInt(3);

        List<Variant> variants = new ArrayList<>();
        int productColor = r.nextInt(COLORS.length);
        if (r.nextInt(3) < 2) { // about two thirds of the products come in 2–4 variants
            int roll = r.nextInt(10);
            int count = roll < 6 ? 2 : roll < 9 ? 3 : 4;
            boolean sizes = leaf.axis != Axis.NONE;
            boolean colors = leaf.colors || !sizes;
            int mode = sizes && colors ? r.nextInt(10) : (sizes ? 0 : 5);
            // mode: 0–4 sizes only, 5–6 colours only, 7–9 two sizes × two colours
            if (sizes && colors && mode >= 7) {
                count = 4;
            }
            String[] axis = leaf.axis.values;
            int firstSize = axis.length == 0 ? 0 : r.nextInt(Math.max(1, axis.length - (count - 1)));
            int firstColor = r.nextInt(COLORS.length);
            for (int k = 0; k < count; k++) {
                String size = null;
                String color = null;
                if (sizes && (mode < 5 || mode >= 7)) {
                    int step = mode >= 7 ? k / 2 : k;
                    size = axis[Math.min(axis.length - 1, firstSize + step)];
                }
                if (colors && mode >= 5) {
                    int step = mode >= 7 ? k % 2 : k;
                    color = COLORS[(firstColor + step) % COLORS.length];
                }
                variants.add(new Variant(id("characteristic:" + i + ":" + k), size, color, false));
            }
            variants = distinct(variants);
            if (variants.size() < 2) {
                variants.clear();
            }
        }
        boolean colorVariants = variants.stream().anyMatch(v -> v.color != null);
        int color = colorVariants ? -1 : productColor;

        // Deletion marks: a few whole products, and single variants of a few living products.
        boolean deleted = i % 97 == 42;
        if (!deleted && !variants.isEmpty() && i % 53 == 17) {
            Variant last = variants.get(variants.size() - 1);
            variants.set(variants.size() - 1, new Variant(last.id, last.size, last.color, true));
        }

        String name = noun + " " + BRANDS[brand] + " " + model
                + (color >= 0 ? ", " + COLORS[color].trim().toLowerCase(Locale.ROOT) : "");
        String article = BRAND_CODES[brand] + "-" + (100000 + i);
        // A few products have no barcode, like real catalogs.
        String barcode = r.nextInt(20) == 0 ? "" : ean13(String.format(Locale.ROOT, "4607%08d", (barcodeBase() + i) % 100_000_000));
        String description = r.nextInt(30) == 0 ? "" : noun + " " + BRANDS[brand] + " " + model + " " + leaf.purpose
                + ". Материал: " + MATERIALS[material].toLowerCase(Locale.ROOT) + ".<br>"
                + EXTRAS[r.nextInt(EXTRAS.length)];
        return new Product(i, id("product:" + i), leaf, brand, name, article, barcode, description, material,
                color, weight, country, gender, waterproof, warranty, version, deleted, retail, variants);
    }

    private static List<Variant> distinct(List<Variant> variants) {
        Map<String, Variant> byLabel = new LinkedHashMap<>();
        for (Variant v : variants) {
            byLabel.putIfAbsent(variantLabel(v), v);
        }
        return new ArrayList<>(byLabel.values());
    }

    private static String variantLabel(Variant v) {
        if (v.size != null && v.color != null) {
            return v.size + ", " + v.color.trim();
        }
        return v.size != null ? v.size : v.color.trim();
    }

    private long barcodeBase() {
        return Math.floorMod(mix(seed, -1), 10_000_000L);
    }

    static String ean13(String twelveDigits) {
        int sum = 0;
        for (int k = 0; k < 12; k++) {
            int digit = twelveDigits.charAt(k) - '0';
            sum += (k % 2 == 0) ? digit : 3 * digit;
        }
        return twelveDigits + (10 - sum % 10) % 10;
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

    // ---- ids ---------------------------------------------------------------------------------------

    /** The 1C Ид of product number {@code index} (0-based) of the package written with {@code seed}. */
    public static String productId(long seed, int index) {
        return UUID.nameUUIDFromBytes((seed + "|product:" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String id(String key) {
        return UUID.nameUUIDFromBytes((seed + "|" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String groupId(String path) {
        return id("group:" + path);
    }

    private String propertyId(Property p) {
        return p == P_BRAND ? BRAND_PROPERTY_ID : id("property:" + p.key);
    }

    private String valueId(Property p, String value) {
        if (p == P_WATERPROOF) {
            return "Да".equals(value) ? "true" : "false";
        }
        return id("value:" + p.key + ":" + value);
    }

    private String priceTypeId(PriceType type) {
        return id("priceType:" + type.name());
    }

    private String warehouseId(int w) {
        return id("warehouse:" + w);
    }

    /** 1C's НомерВерсии: a base64 counter, e.g. AAAAAAAAAAE= for 1. */
    private static String version(long n) {
        byte[] bytes = new byte[8];
        for (int k = 7; k >= 0; k--) {
            bytes[k] = (byte) (n >>> (8 * (7 - k)));
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** SplitMix64 finaliser: decorrelates Random seeds of neighbouring products. */
    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---- shared fragments --------------------------------------------------------------------------

    private void catalogHeader(Xml x) throws IOException {
        x.open("Каталог", "СодержитТолькоИзменения", "true");
        x.leaf("Ид", catalogId);
        x.leaf("ИдКлассификатора", catalogId);
        x.leaf("Наименование", CATALOG_NAME);
        x.leaf("Описание", CATALOG_NAME);
        x.end();
    }

    private void packageHeader(Xml x) throws IOException {
        openPackage(x);
        x.end();
    }

    private void openPackage(Xml x) throws IOException {
        x.open("ПакетПредложений", "СодержитТолькоИзменения", "true");
        x.leaf("Ид", "#" + catalogId);
        x.leaf("Наименование", "Пакет предложений (" + CATALOG_NAME + ")");
        x.leaf("ИдКаталога", catalogId);
        x.leaf("ИдКлассификатора", catalogId);
    }

    private Segments packageSegments(String folder) {
        return new Segments(folder, OFFERS_PER_FILE, true, x -> {
            openPackage(x);
            x.open("Предложения");
        }, x -> {
            x.end();
            x.end();
        });
    }

    private void classifierTitle(Xml x) throws IOException {
        x.leaf("Ид", catalogId);
        x.leaf("Наименование", CATALOG_NAME);
    }

    private void propertyValue(Xml x, Property p, String value) throws IOException {
        x.open("ЗначенияСвойства");
        x.leaf("Ид", propertyId(p));
        x.leaf("Значение", value);
        x.end();
    }

    private static void requisite(Xml x, String name, String value) throws IOException {
        x.open("ЗначениеРеквизита");
        x.leaf("Наименование", name);
        x.leaf("Значение", value);
        x.end();
    }

    private static void characteristic(Xml x, String name, String value) throws IOException {
        x.open("ХарактеристикаТовара");
        x.leaf("Наименование", name);
        x.leaf("Значение", value);
        x.end();
    }

    // ---- files -------------------------------------------------------------------------------------

    /** The picture path a product names (relative to {@code goods/}, where 3.1 puts import_files). */
    public static String picturePath(String productId) {
        return "import_files/" + productId.substring(0, 2) + "/" + productId + "_1.jpg";
    }

    private void writePicture(String productId) throws IOException {
        Path file = dir.resolve("goods").resolve(picturePath(productId));
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[pictureBytes];
        new Random(productId.hashCode()).nextBytes(bytes);
        // why a real signature: the importer copies only files that are images by their first bytes
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        Files.write(file, bytes);
    }

    private Xml openFile(String folder, int segment, boolean bom) throws IOException {
        Path folderPath = dir.resolve(folder);
        Files.createDirectories(folderPath);
        String name = folder + "_1_" + segment + "_" + id("file:" + folder + ":" + segment) + ".xml";
        String timestamp = EXPORT_STARTED.plusSeconds(filesWritten++).format(TIMESTAMP);
        return new Xml(folderPath.resolve(name), bom, timestamp);
    }

    private interface XmlPart {
        void write(Xml x) throws IOException;
    }

    /** Rolls over to a new {@code <folder>_1_<N>_<guid>.xml} every {@code perFile} items. */
    private final class Segments implements Closeable {
        private final String folder;
        private final int perFile;
        private final boolean bom;
        private final XmlPart header;
        private final XmlPart footer;
        private Xml current;
        private int segment;
        private int items;

        Segments(String folder, int perFile, boolean bom, XmlPart header, XmlPart footer) {
            this.folder = folder;
            this.perFile = perFile;
            this.bom = bom;
            this.header = header;
            this.footer = footer;
        }

        Xml next() throws IOException {
            if (current == null || items == perFile) {
                finish();
                current = openFile(folder, ++segment, bom);
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

    /**
     * Minimal streaming XML writer with 1C's layout: one element per line, tab indentation, LF, no
     * newline after the root end tag. {@code leaf(name, null)} skips the element entirely.
     */
    private static final class Xml implements Closeable {
        private final Writer out;
        private final List<String> open = new ArrayList<>();

        Xml(Path file, boolean bom, String timestamp) throws IOException {
            out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
            if (bom) {
                out.write('\uFEFF');
            }
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            open("КоммерческаяИнформация", "xmlns", NAMESPACE, "xmlns:xs", "http://www.w3.org/2001/XMLSchema",
                    "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance", "ВерсияСхемы", "3.1",
                    "ДатаФормирования", timestamp, "Ид", EXCHANGE_NODE);
        }

        void open(String name, String... attributes) throws IOException {
            indent(open.size());
            out.write('<');
            out.write(name);
            for (int k = 0; k < attributes.length; k += 2) {
                out.write(' ');
                out.write(attributes[k]);
                out.write("=\"");
                escape(attributes[k + 1], true);
                out.write('"');
            }
            out.write('>');
            open.add(name);
        }

        void end() throws IOException {
            String name = open.remove(open.size() - 1);
            indent(open.size());
            out.write("</");
            out.write(name);
            out.write('>');
            if (open.isEmpty()) {
                out.close();
            }
        }

        void leaf(String name, String text) throws IOException {
            if (text == null) {
                return;
            }
            indent(open.size());
            out.write('<');
            out.write(name);
            if (text.isEmpty()) {
                out.write("/>");
                return;
            }
            out.write('>');
            escape(text, false);
            out.write("</");
            out.write(name);
            out.write('>');
        }

        private void indent(int depth) throws IOException {
            out.write('\n');
            for (int k = 0; k < depth; k++) {
                out.write('\t');
            }
        }

        private void escape(String s, boolean attribute) throws IOException {
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                switch (c) {
                    case '&' -> out.write("&amp;");
                    case '<' -> out.write("&lt;");
                    case '>' -> out.write("&gt;");
                    case '"' -> out.write(attribute ? "&quot;" : "\"");
                    default -> out.write(c);
                }
            }
        }

        /** Closes the root element; every section must have been closed already. */
        @Override
        public void close() throws IOException {
            if (open.isEmpty()) {
                return;
            }
            if (open.size() != 1) {
                out.close();
                throw new IllegalStateException("unclosed elements: " + open);
            }
            end();
        }
    }
}
