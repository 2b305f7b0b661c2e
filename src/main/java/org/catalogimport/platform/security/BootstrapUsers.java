package org.catalogimport.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.catalogimport.platform.audit.Actor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the first users at start-up when they do not exist yet: the administrator from
 * {@code CATALOG_ADMIN_USER} / {@code CATALOG_ADMIN_PASSWORD} (role admin), and the user 1C signs in
 * with from {@code CATALOG_EXCHANGE_USER} / {@code CATALOG_EXCHANGE_PASSWORD} (role exchange:
 * {@code /1c_exchange} and nothing else). There is deliberately no built-in default password:
 * without the variables no user is created and the log says how to add one.
 *
 * <p>An existing user is never changed, with one exception for the administrator who forgot the
 * password: with {@code CATALOG_ADMIN_RESET_PASSWORD=true} the administrator named by
 * {@code CATALOG_ADMIN_USER} gets {@code CATALOG_ADMIN_PASSWORD}, is enabled again and holds the
 * admin role (recorded in the audit trail as done by "system"). why an explicit flag: the
 * variables usually stay in the deployment, and a restart must not silently undo a password the
 * administrator has since changed in the console.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
// why bean-managed: each user is created or restored in its own transaction, so a refused one
// (logged) does not roll back the other.
@TransactionManagement(TransactionManagementType.BEAN)
public class BootstrapUsers {

    private static final Logger LOG = Logger.getLogger(BootstrapUsers.class.getName());

    @Inject
    UserAccounts userAccounts;

    @Inject
    UserAdministration administration;

    @Inject
    @ConfigProperty(name = "catalog.admin.user")
    Optional<String> adminUser;

    @Inject
    @ConfigProperty(name = "catalog.admin.password")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "catalog.admin.reset-password")
    boolean resetAdminPassword;

    @Inject
    @ConfigProperty(name = "catalog.exchange.user")
    Optional<String> exchangeUser;

    @Inject
    @ConfigProperty(name = "catalog.exchange.password")
    Optional<String> exchangePassword;

    @PostConstruct
    void createIfAbsent() {
        bootstrap(Roles.ADMIN, "CATALOG_ADMIN", adminUser, adminPassword, resetAdminPassword);
        bootstrap(Roles.EXCHANGE, "CATALOG_EXCHANGE", exchangeUser, exchangePassword, false);
    }

    private void bootstrap(String role, String variables, Optional<String> username, Optional<String> password,
                           boolean reset) {
        Optional<String> user = username.map(String::trim).filter(u -> !u.isEmpty());
        if (user.isEmpty() || password.isEmpty()) {
            if (!userAccounts.anyUserHasRole(role)) {
                LOG.warning("No enabled user has the role '" + role + "'. Set " + variables + "_USER and " + variables
                        + "_PASSWORD and restart to create one.");
            }
            return;
        }
        try {
            if (userAccounts.findByUsername(user.get()).isPresent()) {
                if (reset && administration.restoreAdministrator(Actor.SYSTEM, user.get(), password.get())) {
                    LOG.warning(() -> "CATALOG_ADMIN_RESET_PASSWORD: user '" + user.get() + "' has the password of "
                            + "CATALOG_ADMIN_PASSWORD, is enabled and holds the admin role; its sessions ended. "
                            + "Remove CATALOG_ADMIN_RESET_PASSWORD now.");
                }
                return;
            }
            administration.add(Actor.SYSTEM, user.get(), password.get(), Set.of(role));
            LOG.info(() -> "Created user '" + user.get() + "' with role '" + role + "' from " + variables + "_USER.");
        } catch (UserChangeRefused refused) {
            LOG.severe(variables + "_USER / " + variables + "_PASSWORD: user '" + user.get() + "' was not created or "
                    + "changed: " + UserMessages.english(refused));
        }
    }
}
