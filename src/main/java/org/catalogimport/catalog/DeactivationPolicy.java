package org.catalogimport.catalog;

/**
 * How much of the catalog one full exchange may deactivate without an explicit permission.
 *
 * @param maxShare              share of the active products (or offers) above which the import is refused
 * @param allowMassDeactivation the administrator asked for this import to deactivate whatever it must
 */
public record DeactivationPolicy(double maxShare, boolean allowMassDeactivation) {

    public static final DeactivationPolicy DEFAULT = new DeactivationPolicy(0.5, false);

    public DeactivationPolicy {
        if (!(maxShare >= 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("The share of the catalog an import may deactivate must be between 0 and 1: " + maxShare);
        }
    }
}
