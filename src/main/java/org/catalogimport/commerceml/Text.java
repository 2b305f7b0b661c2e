package org.catalogimport.commerceml;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * What the application tells a person, kept as a message key and its arguments rather than as
 * a sentence: a problem, a refusal or an error is stored once and read in the language of whoever
 * looks at it (the Russian console, an English log, the API). English, the root bundle, is the text
 * for logs, the API and exception messages.
 *
 * <p>An argument is a string (an Ид, a file name, a number written plainly: {@code 1234.5}) or
 * another {@code Text} (a quoted name, a located reason), itself translated. A number argument is
 * formatted by its pattern ({@code {0,number,integer}}), so each language writes it its own way
 * ("1,234" / "1 234"); without a format it is shown exactly as given (Ид, line numbers).
 *
 * @param key  a key of the bundle {@value #BUNDLE}
 * @param args strings and nested texts, in the order of the pattern's {@code {0}}, {@code {1}}...
 */
public record Text(String key, List<Object> args) {

    public static final String BUNDLE = "org.catalogimport.messages";

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public Text {
        Objects.requireNonNull(key, "key");
        List<Object> normalised = new ArrayList<>(args.size());
        for (Object arg : args) {
            normalised.add(normalise(arg));
        }
        args = List.copyOf(normalised);
    }

    /** {@code key} with {@code args}; refuses a wrong number of arguments (a message would show "{2}"). */
    public static Text of(MessageKey key, Object... args) {
        if (args.length != key.arity()) {
            throw new IllegalArgumentException(key.key() + " takes " + key.arity() + " argument(s), not " + args.length);
        }
        return new Text(key.key(), List.of(args.length == 0 ? new Object[0] : nonNull(args)));
    }

    /** A name in quotes followed by a space, or nothing when there is no name: "a product "Чай" has no Ид". */
    public static Text quoted(String name) {
        return name == null ? CommonText.NOTHING.with() : CommonText.QUOTED.with(name);
    }

    /** A size in mebibytes with at most one decimal, written with each language's unit and separators. */
    public static Text mebibytes(long bytes) {
        return CommonText.MEBIBYTES.with(BigDecimal.valueOf(bytes)
                .divide(BigDecimal.valueOf(1L << 20), 1, RoundingMode.HALF_UP));
    }

    /** The text in {@code locale} (English for any language without a bundle of its own). */
    public String in(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, Text.class.getClassLoader(), NO_FALLBACK);
        MessageFormat format = new MessageFormat(bundle.getString(key), locale);
        Format[] formats = format.getFormatsByArgumentIndex();
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            Object arg = args.get(i);
            if (arg instanceof Text nested) {
                values[i] = nested.in(locale);
            } else if (i < formats.length && formats[i] instanceof NumberFormat) {
                values[i] = number((String) arg);
                if (values[i] == null) {
                    // why: a number that is not one (a quantity as 1C wrote it) is shown as written, not refused
                    format.setFormatByArgumentIndex(i, null);
                    values[i] = arg;
                }
            } else {
                values[i] = arg;
            }
        }
        return format.format(values);
    }

    /** The English text: for logs, the API and exception messages. */
    public String english() {
        return in(Locale.ROOT);
    }

    @Override
    public String toString() {
        return english();
    }

    private static Object normalise(Object arg) {
        if (arg == null) {
            return "";
        }
        if (arg instanceof Text || arg instanceof String) {
            return arg;
        }
        if (arg instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (arg instanceof Double || arg instanceof Float) {
            return BigDecimal.valueOf(((Number) arg).doubleValue()).toPlainString();
        }
        return String.valueOf(arg);
    }

    private static Object[] nonNull(Object[] args) {
        Object[] copy = args.clone();
        for (int i = 0; i < copy.length; i++) {
            copy[i] = normalise(copy[i]);
        }
        return copy;
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
