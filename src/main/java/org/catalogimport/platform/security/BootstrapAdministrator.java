package org.catalogimport.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the first administrator from {@code CATALOG_ADMIN_USER} / {@code CATALOG_ADMIN_PASSWORD}
 * at start-up when that user does not exist yet. There is deliberately no built-in default
 * password: without the variables no administrator is created and the log says how to add one.
 * An existing user is never changed (the variables are a bootstrap, not a password reset).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class BootstrapAdministrator {

    private static final Logger LOG = Logger.getLogger(BootstrapAdministrator.class.getName());
    static final int MINIMUM_PASSWORD_LENGTH = 8;

    @Inject
    UserAccounts userAccounts;

    @Inject
    @ConfigProperty(name = "catalog.admin.user")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "catalog.admin.password")
    Optional<String> password;

    @PostConstruct
    void createIfAbsent() {
        Optional<String> user = username.map(String::trim).filter(u -> !u.isEmpty());
        if (user.isEmpty() || password.isEmpty()) {
            if (!userAccounts.anyUserHasRole(Roles.ADMIN)) {
                LOG.warning("No administrator exists. Set CATALOG_ADMIN_USER and CATALOG_ADMIN_PASSWORD "
                        + "and restart to create one.");
            }
            return;
        }
        if (userAccounts.findByUsername(user.get()).isPresent()) {
            return;
        }
        if (password.get().length() < MINIMUM_PASSWORD_LENGTH) {
            LOG.severe("CATALOG_ADMIN_PASSWORD is shorter than " + MINIMUM_PASSWORD_LENGTH
                    + " characters; administrator '" + user.get() + "' was not created.");
            return;
        }
        userAccounts.create(user.get(), password.get().toCharArray(), Set.of(Roles.ADMIN));
        LOG.info(() -> "Created administrator '" + user.get() + "' from CATALOG_ADMIN_USER.");
    }
}
