package org.catalogimport.catalog;

import org.catalogimport.commerceml.Text;

/**
 * The writer refuses to let the import commit: its accounting does not add up, or a full exchange
 * would deactivate too much. The message is for the administrator and says what to do: {@link #text()}
 * in any language, {@link #getMessage()} in English.
 */
public final class CatalogWriteRefused extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Text text;

    public CatalogWriteRefused(Text text) {
        super(text.english());
        this.text = text;
    }

    public Text text() {
        return text;
    }
}
