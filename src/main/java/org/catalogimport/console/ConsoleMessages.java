package org.catalogimport.console;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import org.catalogimport.platform.security.UserChangeRefused;
import org.catalogimport.platform.security.UserMessages;

/** The console's messages from the bundle, in the page's language. */
final class ConsoleMessages {

    private ConsoleMessages() {
    }

    static String text(String key, Object... arguments) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String pattern = faces.getApplication().getResourceBundle(faces, "msg").getString(key);
        return new MessageFormat(pattern, faces.getViewRoot().getLocale()).format(arguments);
    }

    static void info(String clientId, String key, Object... arguments) {
        add(clientId, FacesMessage.SEVERITY_INFO, text(key, arguments));
    }

    static void refused(String clientId, UserChangeRefused refused) {
        FacesContext faces = FacesContext.getCurrentInstance();
        add(clientId, FacesMessage.SEVERITY_ERROR, UserMessages.text(faces.getViewRoot().getLocale(), refused));
    }

    static void error(String clientId, String key, Object... arguments) {
        add(clientId, FacesMessage.SEVERITY_ERROR, text(key, arguments));
    }

    private static void add(String clientId, FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(severity, text, null));
    }
}
