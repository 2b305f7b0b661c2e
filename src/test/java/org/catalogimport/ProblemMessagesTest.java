package org.catalogimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.MessageKey;
import org.catalogimport.commerceml.Text;
import org.catalogimport.testing.EnglishPhrases;
import org.junit.jupiter.api.Test;

/**
 * Every message the engine stores or shows (a problem of an item, a refusal of a package, an
 * import error) has both translations, takes the arguments it is given in both, and reads as
 * Russian in Russian. The messages are found as the compiled enums that implement
 * {@link MessageKey}, so a new kind of problem is checked the moment it exists.
 */
class ProblemMessagesTest {

    private static final Path BUNDLES = Path.of("src/main/resources/org/catalogimport");
    private static final Path CLASSES = Path.of("target/classes");

    private static Properties bundle(String name) throws IOException {
        Properties messages = new Properties();
        try (Reader in = Files.newBufferedReader(BUNDLES.resolve(name), StandardCharsets.UTF_8)) {
            messages.load(in);
        }
        return messages;
    }

    /** Every constant of every enum in the main classes that implements MessageKey. */
    static List<MessageKey> allMessages() throws IOException, ClassNotFoundException {
        List<MessageKey> messages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = CLASSES.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ProblemMessagesTest.class.getClassLoader());
                if (type.isEnum() && MessageKey.class.isAssignableFrom(type)) {
                    for (Object constant : type.getEnumConstants()) {
                        messages.add((MessageKey) constant);
                    }
                }
            }
        }
        return messages;
    }

    private static Set<Integer> placeholders(String pattern) {
        Set<Integer> used = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\{(\\d+)").matcher(pattern);
        while (matcher.find()) {
            used.add(Integer.parseInt(matcher.group(1)));
        }
        return used;
    }

    @Test
    void theCatalogueIsFoundAndEveryKeyIsUsedOnce() throws Exception {
        List<MessageKey> messages = allMessages();
        assertTrue(messages.size() > 100, "the enums of problems, refusals and errors: " + messages.size());
        Set<String> keys = new TreeSet<>();
        for (MessageKey message : messages) {
            assertTrue(keys.add(message.key()), "two messages share " + message.key());
        }
    }

    @Test
    void everyMessageHasBothTranslationsWithTheSameArguments() throws Exception {
        Properties english = bundle("messages.properties");
        Properties russian = bundle("messages_ru.properties");
        List<String> wrong = new ArrayList<>();
        for (MessageKey message : allMessages()) {
            Set<Integer> expected = new TreeSet<>();
            for (int i = 0; i < message.arity(); i++) {
                expected.add(i);
            }
            for (Properties bundle : List.of(english, russian)) {
                String pattern = bundle.getProperty(message.key());
                String language = bundle == english ? "en" : "ru";
                if (pattern == null) {
                    wrong.add(language + " lacks " + message.key());
                } else if (!placeholders(pattern).equals(expected)) {
                    wrong.add(language + " " + message.key() + " uses " + placeholders(pattern) + ", takes " + expected);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyMessageFormatsWithItsArgumentsAndReadsAsRussianInRussian() throws Exception {
        Locale ru = Locale.forLanguageTag("ru");
        List<String> wrong = new ArrayList<>();
        for (MessageKey message : allMessages()) {
            Object[] args = new Object[message.arity()];
            for (int i = 0; i < args.length; i++) {
                args[i] = String.valueOf(1000 + i);
            }
            Text text = message.with(args);
            for (Locale locale : List.of(Locale.ROOT, ru)) {
                String shown = text.in(locale);
                // why "{" is enough: an unpaired ' quotes the rest of a pattern, its placeholders survive
                if (shown.contains("{")) {
                    wrong.add(locale + " " + message.key() + ": a placeholder survived: " + shown);
                }
                for (int i = 0; i < args.length; i++) {
                    // why digits only: a number argument is grouped ("1,000" / "1 000"), the digits stay
                    String digits = shown.replaceAll("[^0-9]", "");
                    if (!digits.contains(String.valueOf(1000 + i))) {
                        wrong.add(locale + " " + message.key() + " does not show argument " + i + ": " + shown);
                    }
                }
            }
            String russian = text.in(ru);
            // why these are exempt: pieces made only of their arguments, a number, or quotes around a name
            if (!russian.isEmpty() && !message.key().matches("text\\.(located|quoted)") && !russian.matches("(?s).*[А-Яа-яЁё].*")
                    && !russian.matches("[0-9 ,.\\u00a0]*МиБ")) {
                wrong.add(message.key() + " has no Russian word: " + russian);
            }
            if (!EnglishPhrases.in(russian).isEmpty()) {
                wrong.add(message.key() + " reads as English in Russian: " + russian);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyEntityNameAMessageUsesHasBothTranslations() throws Exception {
        Properties english = bundle("messages.properties");
        Properties russian = bundle("messages_ru.properties");
        for (CatalogEntity entity : CatalogEntity.values()) {
            String key = entity.label().key();
            assertTrue(english.containsKey(key) && russian.containsKey(key), key);
            assertTrue(english.containsKey("csv.entity." + entity.key()) && russian.containsKey("csv.entity." + entity.key()));
        }
    }

    @Test
    void aNumberArgumentIsWrittenEachLanguagesWayAndAnIdIsWrittenAsItIs() {
        // Given a pattern that formats its second argument as a number, and the first not
        MessageFormat english = new MessageFormat("{0}: {1,number,integer}", Locale.ROOT);
        assertEquals("1234: 12,345", english.format(new Object[] {"1234", 12345}));
        Text refusal = new Text("refused.massDeactivation.products", List.of("12345", "20000", "50"));

        // Then English groups with a comma, Russian with a no-break space
        assertTrue(refusal.english().startsWith("This full exchange would deactivate 12,345 of 20,000 active products"
                + " (more than 50 %)"), refusal.english());
        assertTrue(refusal.in(Locale.forLanguageTag("ru")).contains("товары: 12\u00a0345 из 20\u00a0000 активных"),
                refusal.in(Locale.forLanguageTag("ru")));
        // and an Ид that happens to be digits is never grouped
        assertEquals("Товар «Чай» без Ид пропущен", new Text("problem.product.noId",
                List.of(Text.quoted("Чай"))).in(Locale.forLanguageTag("ru")));
        assertEquals("Цена типа 123456 не число («сто»); цена пропущена",
                new Text("problem.price.notNumber", List.of("123456", "сто")).in(Locale.forLanguageTag("ru")));
    }

    @Test
    void sizesReadInEachLanguagesUnitsAndSeparators() {
        Text size = Text.mebibytes(2_202_009_600L);
        assertEquals("2,100 MiB", size.english());
        assertEquals("2\u00a0100 МиБ", size.in(Locale.forLanguageTag("ru")));
        assertEquals("1.5 MiB", Text.mebibytes(1_572_864).english());
        assertEquals("1,5 МиБ", Text.mebibytes(1_572_864).in(Locale.forLanguageTag("ru")));
        assertEquals("0 МиБ", Text.mebibytes(0).in(Locale.forLanguageTag("ru")));
    }

    @Test
    void aNameIsQuotedEachLanguagesWayAndLeftOutWhenThereIsNone() {
        Locale ru = Locale.forLanguageTag("ru");
        assertEquals("a product (Товар) \"Чай\" has no Ид; it was skipped",
                new Text("problem.product.noId", List.of(Text.quoted("Чай"))).english());
        assertEquals("a product (Товар) has no Ид; it was skipped",
                new Text("problem.product.noId", List.of(Text.quoted(null))).english());
        assertEquals("Товар без Ид пропущен", new Text("problem.product.noId", List.of(Text.quoted(null))).in(ru));
        assertFalse(new Text("text.located", List.of("import.xml:3", new Text("package.refused.truncated", List.of("EOF"))))
                .in(ru).contains("truncated"));
    }

    @Test
    void anEnglishPhraseIsFoundAndIdsFileNamesAndCodesAreNot() {
        assertEquals(List.of("it was skipped"), EnglishPhrases.in("Товар т-1: it was skipped"));
        assertEquals(List.of("is not in the catalog"), EnglishPhrases.in("group g-1 is not in the catalog"));
        assertEquals(List.of(), EnglishPhrases.in("offers/offers_1.xml:40 т-1#х-9 SQLSTATE 23505 UTF-8 «Tea» 12,5 МиБ"));
        assertEquals(List.of(), EnglishPhrases.in("Ошибка в XML: Unexpected"));
    }

    @Test
    void aLanguageWithoutItsOwnBundleReadsEnglish() {
        Text text = new Text("problem.offer.empty", List.of());
        assertEquals(text.english(), text.in(Locale.GERMAN));
        assertEquals(text.in(Locale.forLanguageTag("ru")), text.in(Locale.forLanguageTag("ru-RU")));
    }
}
