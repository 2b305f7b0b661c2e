package org.catalogimport.console;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;

/** The console's language: the browser's (Accept-Language) until the user picks one. */
@Named
@SessionScoped
public class LocaleBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private Locale chosen;

    public Locale getLocale() {
        return chosen != null ? chosen : FacesContext.getCurrentInstance().getViewRoot().getLocale();
    }

    /**
     * The console's language outside a page (the problems CSV): the one picked, else the first of
     * the browser's languages the console speaks, else English (as Faces chooses for a page).
     */
    public Locale localeOf(HttpServletRequest request) {
        if (chosen != null) {
            return chosen;
        }
        for (Locale wanted : Collections.list(request.getLocales())) {
            if (SPOKEN.contains(wanted.getLanguage())) {
                return Locale.forLanguageTag(wanted.getLanguage());
            }
        }
        return Locale.ENGLISH;
    }

    /** The languages faces-config.xml lists (default and supported). */
    private static final Set<String> SPOKEN = Set.of("en", "ru");

    public String getLanguage() {
        return getLocale().getLanguage();
    }

    public void switchTo(String language) {
        chosen = Locale.forLanguageTag(language);
        FacesContext.getCurrentInstance().getViewRoot().setLocale(chosen);
    }
}
