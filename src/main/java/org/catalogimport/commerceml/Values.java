package org.catalogimport.commerceml;

import java.math.BigDecimal;
import java.util.Locale;

/** How 1C spells numbers, booleans, deletion and "no value" in element text. */
final class Values {

    /** An unfilled reference in 1C. */
    static final String ZERO_GUID = "00000000-0000-0000-0000-000000000000";
    /** An unfilled number in 1C (also written {@code -999 999 999,9}). */
    private static final BigDecimal UNSET_NUMBER = new BigDecimal("-999999999.9");
    /** An unfilled date in 1C. */
    private static final String UNSET_DATE = "0001-01-01";

    private Values() {
    }

    /** {@code true}, {@code 1} or {@code да}, any case. */
    static boolean isTrue(String text) {
        return text != null && (text.equalsIgnoreCase("true") || text.equals("1") || text.equalsIgnoreCase("да"));
    }

    /** {@code Статус} that means deleted: {@code Удален}/{@code Удалён}, any case. */
    static boolean isDeletedStatus(String status) {
        return status != null && status.strip().toLowerCase(Locale.ROOT).replace('ё', 'е').equals("удален");
    }

    /** Null, the all-zero GUID, 1C's unset number or unset date. {@code text} is already trimmed. */
    static boolean isNoValue(String text) {
        if (text == null) {
            return true;
        }
        char first = text.charAt(0);
        if (first == '0') {
            return text.equals(ZERO_GUID) || text.startsWith(UNSET_DATE);
        }
        if (first == '-' && text.startsWith("-999")) {
            BigDecimal number = decimal(text);
            return number != null && number.compareTo(UNSET_NUMBER) == 0;
        }
        return false;
    }

    /** The id, or null when it is absent or the all-zero GUID. */
    static String id(String text) {
        return text == null || text.equals(ZERO_GUID) ? null : text;
    }

    /** The owning product's id: the part of an offer id before the first {@code #}. */
    static String productId(String offerId) {
        int hash = offerId.indexOf('#');
        return hash < 0 ? offerId : offerId.substring(0, hash);
    }

    /**
     * A decimal written the way 1C and others write it: {@code 1990.00}, {@code 1631,80},
     * {@code 1 990}, with ordinary or no-break spaces. Null when {@code text} is null or not a number.
     */
    static BigDecimal decimal(String text) {
        if (text == null) {
            return null;
        }
        boolean plain = true;
        for (int i = 0, n = text.length(); i < n && plain; i++) {
            char c = text.charAt(i);
            plain = (c >= '0' && c <= '9') || c == '.' || c == '-';
        }
        try {
            return new BigDecimal(plain ? text : normalize(text));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String normalize(String text) {
        boolean hasDot = text.indexOf('.') >= 0;
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == ',') {
                // "1,234.5" uses the comma to group thousands; "1631,80" as the decimal separator.
                if (!hasDot) {
                    digits.append('.');
                }
            } else if (!Character.isSpaceChar(c) && !Character.isWhitespace(c)) {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
