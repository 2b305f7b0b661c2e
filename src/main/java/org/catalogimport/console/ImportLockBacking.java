package org.catalogimport.console;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.text.MessageFormat;
import java.time.Instant;
import org.catalogimport.imports.ImportLockPanel;
import org.catalogimport.platform.web.Caller;

/**
 * Backs the lock panel of {@code /admin/imports}: who holds the import lock, and "Release" when the
 * holder is gone. Read once per request (the poll refreshes it while an import runs).
 */
@Named
@RequestScoped
public class ImportLockBacking {

    @Inject
    ImportLockPanel panel;

    @Inject
    Caller caller;

    private ImportLockPanel.View view;
    private String unavailable;

    /** What the panel shows; {@code null} when Redis cannot be asked (the panel says so). */
    public ImportLockPanel.View getView() {
        if (view == null && unavailable == null) {
            try {
                view = panel.view(Instant.now());
            } catch (RuntimeException e) {
                unavailable = e.getMessage();
            }
        }
        return view;
    }

    public String getUnavailable() {
        getView();
        return unavailable;
    }

    public void release() {
        if (AdminOnly.refused(caller)) {
            return;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        boolean released = panel.release(caller.actor(), Instant.now());
        view = null;
        String key = released ? "lock.released" : "lock.notReleased";
        String text = faces.getApplication().getResourceBundle(faces, "msg").getString(key);
        faces.addMessage(null, new FacesMessage(released ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_WARN,
                MessageFormat.format(text, new Object[0]), null));
    }
}
