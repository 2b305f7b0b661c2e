package org.catalogimport.dev;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import org.catalogimport.dev.SplitFolderItems.ItemAction;

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
 *
 * <p>This class decides which files there are and what goes into each; {@link SplitFolderItems} reads
 * the 3.1 items, {@link DialectEdits} re-shapes each one, {@link OneCXmlWriter} writes it.
 */
public final class DialectPackageWriter {

    public enum Dialect { CLASSIC, UT11 }

    static final String NAMESPACE = "urn:1C.ru:commerceml_2";
    /** Where the 3.1 package is written before it is re-shaped; deleted before {@link #write} returns. */
    static final String SCRATCH = ".commerceml-3.1-scratch";

    /** Fixed, a second apart per file, so that the output depends on (products, seed) only. */
    private static final String EXPORT_STARTED = "2025-03-14T10:15:%02d";

    private final Path dir;
    private final Path source; // the scratch 3.1 package
    private final boolean classic;
    private final DemoIds ids;
    private final String catalogId;
    private final XMLInputFactory xmlInput = SplitFolderItems.inputFactory();
    /** Units by trimmed code and price type ids in classifier order, read before any item is edited. */
    private final Map<String, ItemTree> units = new LinkedHashMap<>();
    private final List<String> priceTypeIds = new ArrayList<>();
    private final DialectEdits edits;
    private int filesWritten;

    private DialectPackageWriter(Path dir, Path source, Dialect dialect, long seed) {
        this.dir = dir;
        this.source = source;
        this.classic = dialect == Dialect.CLASSIC;
        this.ids = new DemoIds(seed); // the demo's ids, so that the catalog id matches too
        this.catalogId = ids.id("catalog");
        this.edits = new DialectEdits(classic, ids.id("property:brand"), units, priceTypeIds);
    }

    /**
     * Writes {@code products} products in {@code dialect} into {@code dir} (created if absent); returns dir.
     * Deterministic for (products, seed); product ids equal {@link DemoPackageWriter#productId}.
     *
     * @throws DirectoryNotEmptyException if {@code dir} has content: stale files of an earlier run
     *         would be read as part of this package
     */
    public static Path write(Path dir, Dialect dialect, int products, long seed) throws IOException {
        return write(dir, dialect, products, seed, DemoRevision.ORIGINAL);
    }

    /** As {@link #write(Path, Dialect, int, long)}, describing the shop at {@code revision}. */
    public static Path write(Path dir, Dialect dialect, int products, long seed, DemoRevision revision) throws IOException {
        return write(dir, dialect, products, seed, revision, DemoShape.DEMO);
    }

    /** As {@link #write(Path, Dialect, int, long, DemoRevision)}, with the catalog shaped as {@code shape}. */
    public static Path write(Path dir, Dialect dialect, int products, long seed, DemoRevision revision, DemoShape shape)
            throws IOException {
        Objects.requireNonNull(dialect, "dialect");
        DemoPackageWriter.requireEmptyTarget(dir, products);
        // Inside dir rather than in /tmp: it is as big as the result, and dir is where the caller has room.
        Path source = dir.resolve(SCRATCH);
        try {
            DemoPackageWriter.write(source, products, seed, 0, revision, shape);
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
        System.out.printf(Locale.ROOT, "Wrote %d products (%s, seed %d) to %s, %d bytes in %d ms%n",
                products, dialect, seed, dir.toAbsolutePath(), DemoPackageWriter.bytesUnder(dir), millis);
    }

    // ---- files -------------------------------------------------------------------------------------

    private void writeAll() throws IOException {
        each("units", "ЕдиницаИзмерения", unit -> units.put(unit.text("Код").strip(), unit));
        each("priceLists", "ТипЦены", type -> priceTypeIds.add(type.text("Ид")));
        if (classic) {
            writeImport("import.xml");
            writeClassicOffers();
        } else {
            writeImport("import___" + ids.id("file:ut11:import") + ".xml");
            for (String kind : List.of("offers", "prices", "rests")) {
                writeUt11Package(kind);
            }
        }
    }

    /** A file of this dialect in {@code dir}, its root open: BOM, 2.07 or 2.09, UT 11's empty exchange-node Ид. */
    private OneCXmlWriter file(String fileName) throws IOException {
        return new OneCXmlWriter(dir.resolve(fileName), true, NAMESPACE, classic ? "2.07" : "2.09",
                String.format(Locale.ROOT, EXPORT_STARTED, filesWritten++), classic ? null : "");
    }

    private void writeImport(String name) throws IOException {
        try (OneCXmlWriter x = file(name)) {
            x.open("Классификатор", classic ? new String[0] : new String[]{"СодержитТолькоИзменения", "true"});
            classifierTitle(x);
            copy(x, "groups", "Группы", "Группа");
            writeProperties(x);
            if (!classic) { // 2.09 moved these from the offers package into the classifier
                copy(x, "priceLists", "ТипыЦен", "ТипЦены");
                copy(x, "storages", "Склады", "Склад");
                x.open("ЕдиницыИзмерения");
                for (ItemTree unit : units.values()) {
                    unit.writeTo(x);
                }
                x.end();
            }
            x.end();
            x.open("Каталог", "СодержитТолькоИзменения", "false");
            x.leaf("Ид", catalogId);
            x.leaf("ИдКлассификатора", catalogId);
            x.leaf("Наименование", DemoFiles.CATALOG_NAME);
            x.open("Товары");
            each("goods", "Товар", product -> edits.product(product).writeTo(x));
            x.end();
            x.end();
        }
    }

    private void writeProperties(OneCXmlWriter x) throws IOException {
        Set<String> written = new HashSet<>();
        x.open("Свойства");
        for (String folder : List.of("propertiesGoods", "propertiesOffers")) {
            each(folder, "Свойство", property -> {
                ItemTree edited = edits.property(property);
                if (written.add(edited.text("Ид"))) { // 3.1 repeats brand in every file, colour in two
                    edited.writeTo(x);
                }
            });
        }
        x.end();
    }

    private void writeClassicOffers() throws IOException {
        try (OneCXmlWriter x = file("offers.xml");
             SplitFolderItems prices = new SplitFolderItems(xmlInput, source.resolve("prices"), "Предложение");
             SplitFolderItems rests = new SplitFolderItems(xmlInput, source.resolve("rests"), "Предложение")) {
            // Real 2.07 offers.xml open with a header-only classifier.
            x.open("Классификатор");
            classifierTitle(x);
            x.end();
            openPackage(x);
            copy(x, "priceLists", "ТипыЦен", "ТипЦены");
            copy(x, "storages", "Склады", "Склад");
            x.open("Предложения");
            each("offers", "Предложение", offer -> edits.classicOffer(offer, prices.next(), rests.next()).writeTo(x));
            if (prices.next() != null || rests.next() != null) {
                throw new IllegalStateException("the 3.1 prices or rests files list more offers than the offers files");
            }
            x.end();
            x.end();
        }
    }

    private void writeUt11Package(String kind) throws IOException {
        try (OneCXmlWriter x = file(kind + "___" + ids.id("file:ut11:" + kind) + ".xml")) {
            openPackage(x);
            x.open("Предложения");
            each(kind, "Предложение", offer -> (kind.equals("prices") ? edits.prices(offer) : offer).writeTo(x));
            x.end();
            x.end();
        }
    }

    private void classifierTitle(OneCXmlWriter x) throws IOException {
        x.leaf("Ид", catalogId);
        x.leaf("Наименование", classic ? "Классификатор (" + DemoFiles.CATALOG_NAME + ")" : DemoFiles.CATALOG_NAME);
    }

    private void openPackage(OneCXmlWriter x) throws IOException {
        x.open("ПакетПредложений", "СодержитТолькоИзменения", "false");
        x.leaf("Ид", catalogId + "#"); // 2.x puts the # after the GUID, 3.1 before it
        x.leaf("Наименование", "Пакет предложений (" + DemoFiles.CATALOG_NAME + ")");
        x.leaf("ИдКаталога", catalogId);
        x.leaf("ИдКлассификатора", catalogId);
    }

    private void copy(OneCXmlWriter x, String folder, String container, String item) throws IOException {
        x.open(container);
        each(folder, item, node -> edits.dialect(node).writeTo(x));
        x.end();
    }

    private void each(String folder, String item, ItemAction action) throws IOException {
        SplitFolderItems.forEach(xmlInput, source.resolve(folder), item, action);
    }
}
