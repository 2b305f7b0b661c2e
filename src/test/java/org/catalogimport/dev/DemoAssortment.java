package org.catalogimport.dev;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * What the demo sports shop sells: the fixed dictionaries (brands, colours, materials, …), the group
 * tree with what each leaf's products look like, the price types, warehouses, units and properties.
 * Pure data, no randomness: {@link DemoProducts} draws from it per product, the dictionary files list
 * it as it is.
 */
final class DemoAssortment {

    private DemoAssortment() {
    }

    static final String[] BRANDS = {"Velocita", "Nordkap", "Strikeline", "AquaForm", "Kaskad",
            "Polaris Sport", "Ironvale", "Tempora", "Breeze Athletics", "Forteza", "Arktika", "Sprintex",
            "Маяк", "Северный ветер", "TopSpin", "Grandslam Pro", "Glacier", "Flexum", "Corsa", "Атлант"};
    static final String[] BRAND_CODES = {"VL", "NK", "SL", "AQ", "KS", "PS", "IV", "TM", "BA", "FZ",
            "AR", "SX", "MK", "SV", "TS", "GP", "GL", "FX", "CR", "AT"};
    static final String[] COLORS = {"Белый", "Чёрный", "Красный", "Синий", "Зелёный", "Жёлтый",
            "Оранжевый", "Серый", "Розовый", "Голубой", "Фиолетовый", "Тёмно-синий",
            // Real dictionaries contain values with trailing spaces; keep one so importers notice.
            "Чёрный с белым "};
    static final String[] MATERIALS = {"Полиуретан", "ПВХ", "Термополиуретан", "Синтетическая кожа",
            "Натуральная кожа", "Текстиль", "Полиэстер", "Эластан", "Неопрен", "Чугун", "Латекс", "Карбон",
            "Алюминий", "Силикон", "Поликарбонат", "Дерево"};
    static final String[] GENDERS = {"Мужской", "Женский", "Унисекс", "Детский"};
    static final String[] COUNTRIES = {"Китай", "Вьетнам", "Россия", "Индонезия", "Пакистан",
            "Турция", "Беларусь", "Камбоджа"};
    static final String[] MODELS = {"Pro", "Strike", "Aero", "Flex", "Tempo", "Nova", "Pulse", "Vega",
            "Orion", "Storm", "Rapid", "Glide", "Titan", "Zenit", "Kite", "Drive", "Edge", "Boost"};
    static final String[] EXTRAS = {"Подходит для регулярных тренировок.",
            "Модель прошла тестирование в спортивных клубах.", "Поставляется в фирменной упаковке.",
            "Лёгкая и износостойкая конструкция.", "Рекомендуется для начинающих и опытных спортсменов.",
            "Хит продаж прошлого сезона."};

    enum Axis {
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
    record Leaf(String path, String kind, String[] nouns, Axis axis, boolean colors, int minPrice,
                        int maxPrice, double minKg, double maxKg, int[] materials, boolean gendered,
                        boolean waterproofApplies, String purpose) {
    }

    static final List<Leaf> LEAVES = List.of(
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
    static final String DELETED_GROUP = "Архив (не использовать)";

    enum PriceType {
        RETAIL("Розничная"), WHOLESALE("Оптовая"), PURCHASE("Закупочная");

        final String title;

        PriceType(String title) {
            this.title = title;
        }
    }

    static final String[] WAREHOUSES = {"Основной склад (Москва)", "Склад Санкт-Петербург",
            "Магазин на Ленинском проспекте"};

    /** code, short name, full name, international abbreviation. */
    static final String[][] UNITS = {
            {"796 ", "шт", "Штука", "PCE"},
            {"715 ", "пар", "Пара (2 шт.)", ""},
            // 1C pads some full names with spaces up to the field length.
            {"778 ", "упак", "Упаковка                                ", ""},
            {"166 ", "кг", "Килограмм", "KGM"}};

    // ---- properties --------------------------------------------------------------------------------

    enum ValueType { DICTIONARY, NUMBER, STRING }

    /** key: stable key for the id; values: dictionary entries (value text), empty for literals. */
    record Property(String key, String name, ValueType type, List<String> values) {
    }

    static final Property P_MATERIAL = new Property("material", "Материал", ValueType.DICTIONARY, List.of(MATERIALS));
    static final Property P_COLOR = new Property("color", "Цвет", ValueType.DICTIONARY, List.of(COLORS));
    static final Property P_WEIGHT = new Property("weight", "Вес (кг)", ValueType.NUMBER, List.of());
    static final Property P_COUNTRY = new Property("country", "Страна производства", ValueType.STRING, List.of());
    static final Property P_GENDER = new Property("gender", "Пол", ValueType.DICTIONARY, List.of(GENDERS));
    static final Property P_WATERPROOF = new Property("waterproof", "Водонепроницаемость", ValueType.DICTIONARY, List.of("Да", "Нет"));
    /** A dictionary property without values: products reference it with the all-zero GUID. */
    static final Property P_SEASON = new Property("season", "Сезон", ValueType.DICTIONARY, List.of());
    static final Property P_WARRANTY = new Property("warranty", "Гарантия (мес)", ValueType.NUMBER, List.of());
    static final Property P_BRAND = new Property("brand", "Бренд", ValueType.DICTIONARY, List.of(BRANDS));
    static final Property P_SIZE = new Property("size", "Размер", ValueType.DICTIONARY, allSizes());

    static final List<Property> GOODS_PROPERTIES = List.of(P_MATERIAL, P_COLOR, P_WEIGHT, P_COUNTRY,
            P_GENDER, P_WATERPROOF, P_SEASON, P_WARRANTY);
    // The real export defines the same colour property in both files, so offers and goods share the id.
    static final List<Property> OFFER_PROPERTIES = List.of(P_SIZE, P_COLOR);

    private static List<String> allSizes() {
        LinkedHashSet<String> sizes = new LinkedHashSet<>();
        for (Axis axis : Axis.values()) {
            sizes.addAll(List.of(axis.values));
        }
        return List.copyOf(sizes);
    }
}
