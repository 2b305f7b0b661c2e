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
 * Creates the first users at start-up when they do not exist yet: the administrator from
 * {@code CATALOG_ADMIN_USER} / {@code CATALOG_ADMIN_PASSWORD} (role admin: console and API), and
 * the user 1C signs in with from {@code CATALOG_EXCHANGE_USER} / {@code CATALOG_EXCHANGE_PASSWORD}
 * (role exchange: {@code /1c_exchange} and nothing else). There is deliberately no built-in default
 * password: without the variables no user is created and the log says how to add one. An existing
 * user is never changed (the variables are a bootstrap, not a password reset).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class BootstrapUsers {

    private static final Logger LOG = Logger.getLogger(BootstrapUsers.class.getName());
    static final int MINIMUM_PASSWORD_LENGTH = 8;

    @Inject
    UserAccounts userAccounts;

    @Inject
    @ConfigProperty(name = "catalog.admin.user")
    Optional<String> adminUser;

    @Inject
    @ConfigProperty(name = "catalog.admin.password")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "catalog.exchange.user")
    Optional<String> exchangeUser;

    @Inject
    @ConfigProperty(name = "catalog.exchange.password")
    Optional<String> exchangePassword;

    @PostConstruct
    void createIfAbsent() {
        bootstrap(Roles.ADMIN, "CATALOG_ADMIN", adminUser, adminPassword);
        bootstrap(Roles.EXCHANGE, "CATALOG_EXCHANGE", exchangeUser, exchangePassword);
    }

    private void bootstrap(String role, String variables, Optional<String> username, Optional<String> password) {
        Optional<String> user = username.map(String::trim).filter(u -> !u.isEmpty());
        if (user.isEmpty() || password.isEmpty()) {
            if (!userAccounts.anyUserHasRole(role)) {
                LOG.warning("No user has the role '" + role + "'. Set " + variables + "_USER and " + variables
                        + "_PASSWORD and restart to create one.");
            }
            return;
        }
        if (userAccounts.findByUsername(user.get()).isPresent()) {
            return;
        }
        if (password.get().length() < MINIMUM_PASSWORD_LENGTH) {
            LOG.severe(variables + "_PASSWORD is shorter than " + MINIMUM_PASSWORD_LENGTH
                    + " characters; user '" + user.get() + "' was not created.");
            return;
        }
        userAccounts.create(user.get(), password.get().toCharArray(), Set.of(role));
        LOG.info(() -> "Created user '" + user.get() + "' with role '" + role + "' from " + variables + "_USER.");
    }
}
