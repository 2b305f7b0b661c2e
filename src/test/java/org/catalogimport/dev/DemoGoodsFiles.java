package org.catalogimport.dev;

import static org.catalogimport.dev.DemoAssortment.BRANDS;
import static org.catalogimport.dev.DemoAssortment.COLORS;
import static org.catalogimport.dev.DemoAssortment.COUNTRIES;
import static org.catalogimport.dev.DemoAssortment.GENDERS;
import static org.catalogimport.dev.DemoAssortment.MATERIALS;
import static org.catalogimport.dev.DemoAssortment.P_BRAND;
import static org.catalogimport.dev.DemoAssortment.P_COLOR;
import static org.catalogimport.dev.DemoAssortment.P_COUNTRY;
import static org.catalogimport.dev.DemoAssortment.P_GENDER;
import static org.catalogimport.dev.DemoAssortment.P_MATERIAL;
import static org.catalogimport.dev.DemoAssortment.P_SEASON;
import static org.catalogimport.dev.DemoAssortment.P_WARRANTY;
import static org.catalogimport.dev.DemoAssortment.P_WATERPROOF;
import static org.catalogimport.dev.DemoAssortment.P_WEIGHT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.catalogimport.dev.DemoFiles.Segments;
import org.catalogimport.dev.DemoProducts.Product;

/**
 * The {@code goods/} files of a demo package: one {@code Товар} per product, 100 a segment, without
 * a BOM as in the real sample; with {@code pictureBytes} above zero also one picture per product in
 * {@code goods/import_files/}.
 */
final class DemoGoodsFiles {

    private static final String UNIT_CODE = "796 ";
    private static final String EMPTY_REFERENCE = "00000000-0000-0000-0000-000000000000";

    private final DemoFiles files;
    private final DemoIds ids;
    private final DemoProducts products;
    private final int pictureBytes;

    DemoGoodsFiles(DemoFiles files, DemoProducts products, int pictureBytes) {
        this.files = files;
        this.ids = files.ids;
        this.products = products;
        this.pictureBytes = pictureBytes;
    }

    void write() throws IOException {
        String catalogId = files.catalogId;
        try (Segments s = files.new Segments("goods", DemoFiles.GOODS_PER_FILE, false, x -> {
            x.open("Каталог", "СодержитТолькоИзменения", "true");
            x.leaf("Ид", catalogId);
            x.leaf("ИдКлассификатора", catalogId);
            x.leaf("Наименование", DemoFiles.CATALOG_NAME);
            x.open("Товары");
        }, x -> {
            x.end();
            // The real goods file puts the catalog description after the products.
            x.leaf("Описание", DemoFiles.CATALOG_NAME);
            x.end();
        })) {
            for (int i = 0; i < products.count(); i++) {
                writeProduct(s.next(), products.product(i));
            }
        }
    }

    private void writeProduct(OneCXmlWriter x, Product p) throws IOException {
        x.open("Товар");
        x.leaf("Ид", p.id());
        x.leaf("НомерВерсии", DemoIds.version(p.version()));
        x.leaf("ПометкаУдаления", Boolean.toString(p.deleted()));
        x.leaf("Штрихкод", p.barcode());
        x.leaf("Артикул", p.article());
        x.leaf("Наименование", p.name());
        x.leaf("БазоваяЕдиница", UNIT_CODE);
        x.open("Группы");
        x.leaf("Ид", ids.group(p.leaf().path()));
        x.end();
        x.leaf("Описание", p.description());
        if (pictureBytes > 0) {
            x.leaf("Картинка", DemoPackageWriter.picturePath(p.id()));
            writePicture(p.id());
        }
        x.leaf("Страна", COUNTRIES[p.country()].toUpperCase(Locale.ROOT));
        x.open("ЗначенияСвойств");
        files.propertyValue(x, P_MATERIAL, ids.value(P_MATERIAL, MATERIALS[p.material()]));
        // Colour varies per offer for these products; 1C still lists the property, empty.
        files.propertyValue(x, P_COLOR, p.color() < 0 ? "" : ids.value(P_COLOR, COLORS[p.color()]));
        files.propertyValue(x, P_WEIGHT, p.weightKg());
        files.propertyValue(x, P_COUNTRY, COUNTRIES[p.country()]);
        if (p.gender() >= 0) {
            files.propertyValue(x, P_GENDER, ids.value(P_GENDER, GENDERS[p.gender()]));
        }
        if (p.waterproof() != null) {
            files.propertyValue(x, P_WATERPROOF, p.waterproof().toString());
            // An unfilled reference comes as the all-zero GUID, not as an empty element.
            files.propertyValue(x, P_SEASON, EMPTY_REFERENCE);
        }
        if (!p.warrantyMonths().isEmpty()) {
            files.propertyValue(x, P_WARRANTY, p.warrantyMonths());
        }
        files.propertyValue(x, P_BRAND, ids.value(P_BRAND, BRANDS[p.brand()]));
        x.end();
        x.open("СтавкиНалогов");
        x.open("СтавкаНалога");
        x.leaf("Наименование", "НДС");
        x.leaf("Ставка", "20");
        x.end();
        x.end();
        x.open("ЗначенияРеквизитов");
        DemoFiles.namedValue(x, "ЗначениеРеквизита", "ВидНоменклатуры", p.leaf().kind());
        DemoFiles.namedValue(x, "ЗначениеРеквизита", "ТипНоменклатуры", "Товар");
        DemoFiles.namedValue(x, "ЗначениеРеквизита", "Полное наименование", p.name());
        DemoFiles.namedValue(x, "ЗначениеРеквизита", "Бренд", ids.value(P_BRAND, BRANDS[p.brand()]));
        x.end();
        x.end();
    }

    private void writePicture(String productId) throws IOException {
        Path file = files.dir.resolve("goods").resolve(DemoPackageWriter.picturePath(productId));
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[pictureBytes];
        new Random(productId.hashCode()).nextBytes(bytes);
        // why a real signature: the importer copies only files that are images by their first bytes
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        Files.write(file, bytes);
    }
}
