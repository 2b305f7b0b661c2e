package org.catalogimport.catalog;

import org.catalogimport.commerceml.MessageKey;

/** Every reason the writer refuses to let an import commit ({@link CatalogWriteRefused}). */
public enum WriteRefusal implements MessageKey {
    IMBALANCE("refused.imbalance", 8),
    MASS_DEACTIVATION_PRODUCTS("refused.massDeactivation.products", 3),
    MASS_DEACTIVATION_OFFERS("refused.massDeactivation.offers", 3);

    private final String key;
    private final int arity;

    WriteRefusal(String key, int arity) {
        this.key = key;
        this.arity = arity;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public int arity() {
        return arity;
    }
}
