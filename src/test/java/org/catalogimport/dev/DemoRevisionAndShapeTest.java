package org.catalogimport.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import benchmark's premises: a revision changes only the offers package files (what 1C
 * rewrites when only offers changed), and the field shape is the third-party package's.
 */
class DemoRevisionAndShapeTest {

    @TempDir
    Path temp;

    @Test
    void aRevisionChangesOnlyTheOffersPricesAndRestsFilesAndOneOfferInTwenty() throws IOException {
        Map<String, String> original = files(DemoPackageWriter.write(temp.resolve("a"), 400, 3, 0, DemoRevision.ORIGINAL));
        Map<String, String> offersChanged = files(DemoPackageWriter.write(temp.resolve("b"), 400, 3, 0, DemoRevision.OFFERS_CHANGED));
        Map<String, String> stockChanged = files(DemoPackageWriter.write(temp.resolve("c"), 400, 3, 0, DemoRevision.STOCK_CHANGED));

        assertEquals(original.keySet(), offersChanged.keySet());
        original.forEach((name, xml) -> {
            String folder = name.substring(0, name.indexOf('/'));
            boolean offersFile = List.of("offers", "prices", "rests").contains(folder);
            assertEquals(!offersFile, xml.equals(offersChanged.get(name)), name);
            // the stock revision differs from the offers revision in the rests files only
            assertEquals(!folder.equals("rests"), offersChanged.get(name).equals(stockChanged.get(name)), name);
        });
        List<String> changed = DemoRevision.changedOffers(400, 3, DemoShape.DEMO);
        long offers = original.entrySet().stream().filter(e -> e.getKey().startsWith("offers/"))
                .mapToLong(e -> count(e.getValue(), "<Предложение>")).sum();
        assertTrue(changed.size() > offers / 40 && changed.size() < offers / 10, changed.size() + " of " + offers);
        long renamed = offersChanged.entrySet().stream().filter(e -> e.getKey().startsWith("offers/"))
                .mapToLong(e -> count(e.getValue(), " (новая коллекция)</Наименование>")).sum();
        assertEquals(changed.size(), renamed);
    }

    @Test
    void theFieldShapeHasTwoOffersPerProductTwoWarehousesAndHtmlDescriptions() throws IOException {
        Map<String, String> files = files(DemoPackageWriter.write(temp.resolve("field"), 300, 5, 0, DemoRevision.ORIGINAL,
                DemoShape.FIELD));

        assertEquals(600, files.entrySet().stream().filter(e -> e.getKey().startsWith("offers/"))
                .mapToLong(e -> count(e.getValue(), "<Предложение>")).sum());
        assertEquals(2, files.entrySet().stream().filter(e -> e.getKey().startsWith("storages/"))
                .mapToLong(e -> count(e.getValue(), "<Склад>")).sum());
        assertEquals(1200, files.entrySet().stream().filter(e -> e.getKey().startsWith("rests/"))
                .mapToLong(e -> count(e.getValue(), "<Остаток>")).sum());
        String goods = String.join("", files.entrySet().stream().filter(e -> e.getKey().startsWith("goods/"))
                .map(Map.Entry::getValue).toList());
        assertTrue(count(goods, "&lt;ul&gt;&lt;li&gt;Материал: ") > 250, "descriptions in HTML, escaped as 1C writes them");
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static long count(String text, String what) {
        Matcher matcher = Pattern.compile(Pattern.quote(what)).matcher(text);
        long n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
