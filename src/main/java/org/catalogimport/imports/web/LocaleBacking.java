package org.catalogimport.imports.web;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Locale;

/** The console's language: the browser's (Accept-Language) until the user picks one. */
@Named
@SessionScoped
public class LocaleBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private Locale chosen;

    public Locale getLocale() {
        return chosen != null ? chosen : FacesContext.getCurrentInstance().getViewRoot().getLocale();
    }

    public String getLanguage() {
        return getLocale().getLanguage();
    }

    public void switchTo(String language) {
        chosen = Locale.forLanguageTag(language);
        FacesContext.getCurrentInstance().getViewRoot().setLocale(chosen);
    }
}
