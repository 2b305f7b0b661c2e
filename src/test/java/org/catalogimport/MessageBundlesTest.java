package org.catalogimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;

/**
 * The console's words: every key is defined once per bundle (a second definition silently
 * replaced a column header with "Import {0} started."), both languages hold the same keys, and
 * every key a page names exists.
 */
class MessageBundlesTest {

    private static final Path BUNDLES = Path.of("src/main/resources/org/catalogimport");

    private static List<String> keys(String bundle) throws IOException {
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(BUNDLES.resolve(bundle), StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("!")) {
                keys.add(trimmed.split("[=:]", 2)[0].strip());
            }
        }
        return keys;
    }

    private static Set<String> duplicates(List<String> keys) {
        Set<String> seen = new TreeSet<>();
        Set<String> duplicates = new TreeSet<>();
        keys.forEach(key -> (seen.add(key) ? seen : duplicates).add(key));
        return duplicates;
    }

    @Test
    void everyKeyIsDefinedOncePerBundle() throws IOException {
        assertEquals(Set.of(), duplicates(keys("messages.properties")), "messages.properties");
        assertEquals(Set.of(), duplicates(keys("messages_ru.properties")), "messages_ru.properties");
    }

    @Test
    void bothLanguagesHoldTheSameKeys() throws IOException {
        assertEquals(new TreeSet<>(keys("messages.properties")), new TreeSet<>(keys("messages_ru.properties")));
    }

    @Test
    void everyKeyAPageNamesExists() throws IOException {
        Set<String> defined = new TreeSet<>(keys("messages.properties"));
        Pattern literalKey = Pattern.compile("msg\\['([A-Za-z0-9_.]+)'\\]");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> pages = Files.walk(Path.of("src/main/webapp"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".xhtml")).toList()) {
                Matcher matcher = literalKey.matcher(Files.readString(page, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    if (!defined.contains(matcher.group(1))) {
                        missing.add(page.getFileName() + ": " + matcher.group(1));
                    }
                }
            }
        }
        assertEquals(Set.of(), missing);
        assertTrue(defined.contains("imports.startedAt") && !defined.contains("imports.started.header"));
    }

    /** Messages whose first argument is a session (or upload) id: shown as "Import 1234", never "Import 1,234". */
    private static final List<String> SESSION_ID_KEYS = List.of("imports.started", "imports.completed",
            "imports.failed", "imports.checkStarted", "imports.checkCompleted", "imports.cancelRequested",
            "imports.cancelledNow", "imports.cancelTooLate", "imports.cancelledMessage", "imports.completedWithProblems",
            "lock.holder", "package.importedBy", "upload.discarded", "upload.notPending");

    @Test
    void sessionIdsAreWrittenWithoutThousandsSeparators() throws IOException {
        for (String bundle : List.of("messages.properties", "messages_ru.properties")) {
            Properties messages = new Properties();
            try (Reader in = Files.newBufferedReader(BUNDLES.resolve(bundle), StandardCharsets.UTF_8)) {
                messages.load(in);
            }
            Locale locale = bundle.contains("_ru") ? Locale.forLanguageTag("ru") : Locale.ENGLISH;
            for (String key : SESSION_ID_KEYS) {
                String pattern = messages.getProperty(key);
                assertTrue(pattern != null, bundle + " lacks " + key);
                String text = new MessageFormat(pattern, locale).format(new Object[] {1234567L, 2L, 3L, 4L, 5L});
                assertTrue(text.contains("1234567"), bundle + " " + key + " shows the id as: " + text);
            }
        }
    }
}
