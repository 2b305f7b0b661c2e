package org.catalogimport.dev;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
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
 * draws from its own {@code Random} seeded by {@code (seed, index)}, and timestamps are fixed. Nothing is
 * kept per product, so the same code streams 100k products with constant memory (each pass over the
 * products recomputes them).
 *
 * <p>This class is the entry point; the work is split by what it writes: {@link DemoAssortment} (what
 * the shop sells), {@link DemoProducts} (each product and its offers), {@link DemoIds}, and one writer
 * per group of folders – {@link DemoDictionaryFiles}, {@link DemoGoodsFiles}, {@link DemoOfferFiles} –
 * over {@link DemoFiles} (names, timestamps, segments).
 */
public final class DemoPackageWriter {

    static final String NAMESPACE = "urn:1C.ru:commerceml_3";
    static final List<String> FOLDERS = List.of("groups", "propertiesGoods", "propertiesOffers", "goods",
            "offers", "prices", "priceLists", "rests", "storages", "units");
    /** The real export uses this literal as the Ид of the brand dictionary. */
    static final String BRAND_PROPERTY_ID = "Бренд";
    static final int DEFAULT_PRODUCTS = 300;
    static final long DEFAULT_SEED = 1L;

    private DemoPackageWriter() {
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
        return write(dir, products, seed, pictureBytes, DemoRevision.ORIGINAL);
    }

    /**
     * As {@link #write(Path, int, long, int)}, describing the shop at {@code revision}: the goods and
     * dictionary files are the same in every revision, the offers, prices and rests files differ.
     */
    public static Path write(Path dir, int products, long seed, int pictureBytes, DemoRevision revision) throws IOException {
        return write(dir, products, seed, pictureBytes, revision, DemoShape.DEMO);
    }

    /** As {@link #write(Path, int, long, int, DemoRevision)}, with the catalog shaped as {@code shape}. */
    public static Path write(Path dir, int products, long seed, int pictureBytes, DemoRevision revision, DemoShape shape)
            throws IOException {
        requireEmptyTarget(dir, products);
        DemoIds ids = new DemoIds(seed);
        DemoFiles files = new DemoFiles(dir, ids);
        DemoProducts catalog = new DemoProducts(products, seed, ids, shape);
        // Order follows a real upload: dictionaries first, then products, offers, prices, stock.
        new DemoDictionaryFiles(files, shape).write();
        new DemoGoodsFiles(files, catalog, pictureBytes).write();
        new DemoOfferFiles(files, catalog, revision).write();
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
        System.out.printf(Locale.ROOT, "Wrote %d products (seed %d) to %s, %d bytes%n", products, seed,
                dir.toAbsolutePath(), bytesUnder(dir));
    }

    /** The classes the writer runs on, for an Arquillian deployment that writes packages inside the server. */
    public static Class<?>[] classes() {
        return new Class<?>[]{DemoPackageWriter.class, DemoAssortment.class, DemoIds.class, DemoProducts.class,
                DemoFiles.class, DemoDictionaryFiles.class, DemoGoodsFiles.class, DemoOfferFiles.class, OneCXmlWriter.class,
                DemoRevision.class, DemoRevision.Changes.class, DemoShape.class};
    }

    /** The 1C Ид of product number {@code index} (0-based) of the package written with {@code seed}. */
    public static String productId(long seed, int index) {
        return new DemoIds(seed).product(index);
    }

    /** The picture path a product names (relative to {@code goods/}, where 3.1 puts import_files). */
    public static String picturePath(String productId) {
        return "import_files/" + productId.substring(0, 2) + "/" + productId + "_1.jpg";
    }

    /**
     * Refuses a count below one and a {@code dir} with content, then creates {@code dir}: stale files of
     * an earlier run would be read as part of the new package.
     */
    static void requireEmptyTarget(Path dir, int products) throws IOException {
        if (products < 1) {
            throw new IllegalArgumentException("products must be at least 1, was " + products);
        }
        Files.createDirectories(dir);
        try (Stream<Path> existing = Files.list(dir)) {
            if (existing.findAny().isPresent()) {
                throw new DirectoryNotEmptyException(dir.toString());
            }
        }
    }

    /** The size of every file under {@code dir}, for the mains' closing line. */
    static long bytesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
