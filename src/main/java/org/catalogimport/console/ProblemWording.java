package org.catalogimport.console;

import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.catalogimport.commerceml.Text;

/**
 * Which problem messages are worded with given words in a language. why: a problem is stored with
 * its English text and its message key; an administrator who filters the Russian page by
 * «не число» must find the problems whose Russian wording says so, which no SQL over the English
 * text can do.
 */
final class ProblemWording {

    private static final String PROBLEM_KEYS = "problem.";

    private ProblemWording() {
    }

    /** Keys of the problem messages whose pattern in {@code locale}, without its placeholders, contains {@code words}. */
    static Set<String> keysContaining(String words, Locale locale) {
        String wanted = words.strip().toLowerCase(locale);
        if (wanted.isEmpty()) {
            return Set.of();
        }
        ResourceBundle bundle = ResourceBundle.getBundle(Text.BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Set<String> keys = new TreeSet<>();
        for (String key : Collections.list(bundle.getKeys())) {
            if (key.startsWith(PROBLEM_KEYS)
                    && bundle.getString(key).replaceAll("\\{[^}]*}", " ").toLowerCase(locale).contains(wanted)) {
                keys.add(key);
            }
        }
        return keys;
    }
}
