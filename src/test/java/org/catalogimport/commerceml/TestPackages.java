package org.catalogimport.commerceml;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** Writes the small CommerceML files the tests read; each test builds its own. */
final class TestPackages {

    static final String NS_2 = "urn:1C.ru:commerceml_2";
    static final String NS_210 = "urn:1C.ru:commerceml_210";
    static final String NS_3 = "urn:1C.ru:commerceml_3";

    /** A classic 2.x import: classifier with nested groups and a dictionary property, then one product. */
    static final String CLASSIC_IMPORT = """
            <Классификатор>
              <Ид>cls-1</Ид>
              <Наименование>Классификатор</Наименование>
              <Группы>
                <Группа>
                  <Ид>g-shoes</Ид>
                  <Наименование>Обувь</Наименование>
                  <Группы>
                    <Группа><Ид>g-boots</Ид><Наименование>Ботинки</Наименование></Группа>
                  </Группы>
                </Группа>
              </Группы>
              <Свойства>
                <Свойство>
                  <Ид>p-color</Ид><Наименование>Цвет</Наименование><ТипЗначений>Справочник</ТипЗначений>
                  <ВариантыЗначений>
                    <Справочник><ИдЗначения>v-red</ИдЗначения><Значение>Красный</Значение></Справочник>
                    <Справочник><ИдЗначения>v-black</ИдЗначения><Значение>Чёрный</Значение></Справочник>
                  </ВариантыЗначений>
                </Свойство>
              </Свойства>
            </Классификатор>
            <Каталог СодержитТолькоИзменения="false">
              <Ид>cat-1</Ид>
              <Товары>
                <Товар>
                  <Ид>prod-1</Ид>
                  <Артикул>Б-130001</Артикул>
                  <Наименование>Ботинки женские "Осень"</Наименование>
                  <БазоваяЕдиница Код="796 ">шт</БазоваяЕдиница>
                  <Группы><Ид>g-boots</Ид></Группы>
                  <ЗначенияСвойств>
                    <ЗначенияСвойства><Ид>p-color</Ид><Значение>v-red</Значение></ЗначенияСвойства>
                  </ЗначенияСвойств>
                </Товар>
              </Товары>
            </Каталог>""";

    private TestPackages() {
    }

    /** A UTF-8 document (no BOM) with root КоммерческаяИнформация in the given default namespace (null: none). */
    static String document(String namespace, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<КоммерческаяИнформация" + (namespace == null ? "" : " xmlns=\"" + namespace + "\"")
                + " xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" ВерсияСхемы=\"2.07\" ДатаФормирования=\"2024-05-01T10:00:00\">\n"
                + body + "\n</КоммерческаяИнформация>\n";
    }

    static String document(String body) {
        return document(NS_2, body);
    }

    static Path write(Path dir, String name, String xml) throws IOException {
        return write(dir, name, xml.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    static byte[] withBom(String xml) {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        return bytes;
    }

    /** The document re-declared and encoded in {@code charset}. */
    static byte[] encoded(String xml, Charset charset) {
        return xml.replaceFirst("encoding=\"UTF-8\"", "encoding=\"" + charset.name() + "\"").getBytes(charset);
    }

    /** Reads one file as the reader would see it in a package. */
    static RecordingVisitor read(Path file, Content... contents) throws PackageException {
        RecordingVisitor recorder = new RecordingVisitor();
        Set<Content> kinds = contents.length == 0 ? EnumSet.of(Content.CATALOG) : EnumSet.of(contents[0], contents);
        new CommerceMlReader().read(new PackageFile(file, file.getFileName().toString(), kinds), recorder);
        return recorder;
    }
}
