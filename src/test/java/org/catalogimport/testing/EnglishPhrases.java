package org.catalogimport.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds English sentences in text meant to be Russian. The rule: three Latin words of two or more
 * letters in a row (separated by spaces or punctuation) are an English phrase. Ид, file names and
 * codes ("т-1#х-9", "offers.xml", "SQLSTATE 23505", "UTF-8") never make three such words, while any
 * sentence a program writes in English does ("it was skipped", "is not in the catalog").
 */
public final class EnglishPhrases {

    private static final Pattern PHRASE =
            Pattern.compile("(?<![\\w.#/-])[A-Za-z]{2,}(?:[ ,;:()]+[A-Za-z]{2,}){2,}(?![\\w.#/-])");

    private EnglishPhrases() {
    }

    /** Every English phrase in {@code text}, empty when there is none. */
    public static List<String> in(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = PHRASE.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
