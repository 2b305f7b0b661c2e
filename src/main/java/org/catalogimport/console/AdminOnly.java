package org.catalogimport.console;

import jakarta.faces.context.FacesContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.catalogimport.platform.web.Caller;

/**
 * The second check of every console action that changes something: web.xml and {@link
 * ConsoleActionGuard} keep a viewer's POSTs away already; an action must not rely on that alone.
 */
public final class AdminOnly {

    private AdminOnly() {
    }

    /** True (and the response is a 403) when the caller is not an administrator: the action must stop. */
    public static boolean refused(Caller caller) {
        if (caller.isAdmin()) {
            return false;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            faces.getExternalContext().responseSendError(403, "This action needs the admin role.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
        return true;
    }
}
