package org.catalogimport.platform.security;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of a refused user change, from the console's message bundle: in the reader's language
 * on the console, in English for the API and the log (one text per rule, not two).
 */
public final class UserMessages {

    private static final String BUNDLE = "org.catalogimport.messages";

    private UserMessages() {
    }

    public static String english(UserChangeRefused refused) {
        return text(Locale.ROOT, refused);
    }

    public static String text(Locale locale, UserChangeRefused refused) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale);
        return new MessageFormat(bundle.getString(refused.key()), locale).format(refused.arguments());
    }
}
