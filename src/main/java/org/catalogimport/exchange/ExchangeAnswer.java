package org.catalogimport.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an exchange call answers: line 1 exactly {@code success}, {@code progress} or
 * {@code failure}, then lines of text or {@code key=value}. Nothing may come before line 1: junk
 * there is what 1C reports as «неизвестный статус импорта». The one exception is {@code init}'s
 * answer, which 1C reads as settings only: {@code zip=…} then {@code file_limit=…}, no status line
 * ({@link #settings}).
 */
public record ExchangeAnswer(Status status, List<String> lines) {

    /** {@code SETTINGS}: no status line at all (the answer to {@code init}). */
    public enum Status { SUCCESS, PROGRESS, FAILURE, SETTINGS }

    /** {@code key=value} lines and nothing else: what {@code init} answers. */
    public static ExchangeAnswer settings(List<String> lines) {
        return new ExchangeAnswer(Status.SETTINGS, List.copyOf(lines));
    }

    public static ExchangeAnswer success(String... lines) {
        return new ExchangeAnswer(Status.SUCCESS, List.of(lines));
    }

    public static ExchangeAnswer progress(String... lines) {
        return new ExchangeAnswer(Status.PROGRESS, List.of(lines));
    }

    public static ExchangeAnswer failure(String message) {
        return new ExchangeAnswer(Status.FAILURE, List.of(oneLine(message)));
    }

    /** The body: status and lines joined by {@code \n}. */
    public String text() {
        List<String> all = new ArrayList<>();
        if (status != Status.SETTINGS) {
            all.add(status.name().toLowerCase(Locale.ROOT));
        }
        lines.forEach(line -> all.add(oneLine(line)));
        return String.join("\n", all);
    }

    /** A message on one line: 1C shows line 2 as the reason, and a line break would cut it. */
    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
