package org.catalogimport.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.catalogimport.platform.audit.Actor;
import org.catalogimport.platform.audit.AuditAction;
import org.catalogimport.platform.audit.AuditTrail;
import org.catalogimport.platform.security.UserChangeRefused.Reason;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every change of users, from the Users page, the users API, a user's own password page and the
 * bootstrap variables: the rules (names, passwords, known roles, never without an enabled
 * administrator) and an audit row in the same transaction as the change. Every change of password,
 * roles or enabled flag bumps the user's session epoch, which ends that user's other sessions
 * ({@code SessionValidity}).
 */
@Stateless
public class UserAdministration {

    @Inject
    UserAccounts accounts;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "catalog.password.min-length")
    int minimumPasswordLength;

    private PasswordRules rules;

    @PostConstruct
    void init() {
        rules = new PasswordRules(minimumPasswordLength);
    }

    public PasswordRules rules() {
        return rules;
    }

    public List<AppUser> list() {
        return accounts.all();
    }

    public Optional<AppUser> find(String name) {
        return accounts.findByUsername(name);
    }

    public AppUser add(Actor by, String name, String password, Set<String> roles) {
        rules.checkName(name).ifPresent(UserAdministration::invalid);
        Set<String> checkedRoles = knownRoles(roles);
        rules.check(name, password).ifPresent(UserAdministration::invalid);
        if (accounts.findByUsername(name).isPresent()) {
            throw new UserChangeRefused(Reason.EXISTS, "user.exists", name);
        }
        AppUser user = accounts.create(name, password.toCharArray(), checkedRoles);
        audit.record(by, AuditAction.USER_ADDED, "user " + name + " (" + String.join(", ", sorted(checkedRoles)) + ")");
        return user;
    }

    /** New roles for {@code name}; the last enabled administrator keeps the admin role. */
    public AppUser changeRoles(Actor by, String name, Set<String> roles) {
        AppUser user = locked(name);
        Set<String> checkedRoles = knownRoles(roles);
        if (user.getRoles().equals(checkedRoles)) {
            return user;
        }
        if (user.isEnabled() && user.hasRole(Roles.ADMIN) && !checkedRoles.contains(Roles.ADMIN)) {
            requireAnotherAdmin(name);
        }
        String before = String.join(", ", sorted(user.getRoles()));
        user.changeRoles(checkedRoles, accounts.now());
        audit.record(by, AuditAction.USER_CHANGED, "user " + name + " roles: " + before + " → "
                + String.join(", ", sorted(checkedRoles)));
        return user;
    }

    /** Disables or enables {@code name}; the last enabled administrator cannot be disabled. */
    public AppUser setEnabled(Actor by, String name, boolean enabled) {
        AppUser user = locked(name);
        if (user.isEnabled() == enabled) {
            return user;
        }
        if (!enabled && user.hasRole(Roles.ADMIN)) {
            requireAnotherAdmin(name);
        }
        user.enable(enabled, accounts.now());
        audit.record(by, enabled ? AuditAction.USER_CHANGED : AuditAction.USER_DISABLED,
                "user " + name + (enabled ? " enabled" : " disabled"));
        return user;
    }

    /** An administrator sets {@code name}'s password (given, or generated when {@code password} is null). */
    public String resetPassword(Actor by, String name, String password) {
        AppUser user = locked(name);
        String newPassword = password == null ? rules.generate() : password;
        rules.check(name, newPassword).ifPresent(UserAdministration::invalid);
        user.changePassword(accounts.hash(newPassword.toCharArray()), accounts.now());
        audit.record(by, AuditAction.PASSWORD_RESET, "user " + name);
        return newPassword;
    }

    /**
     * A user changes their own password, knowing the current one. Their other sessions end; the
     * caller keeps its own by taking the returned epoch.
     */
    public int changeOwnPassword(Actor self, String current, String newPassword) {
        AppUser user = locked(self.user());
        if (current == null || !accounts.matches(user, current.toCharArray())) {
            throw new UserChangeRefused(Reason.WRONG_PASSWORD, "password.wrongCurrent");
        }
        rules.check(self.user(), newPassword).ifPresent(UserAdministration::invalid);
        if (accounts.matches(user, newPassword.toCharArray())) {
            throw new UserChangeRefused(Reason.INVALID, "password.same");
        }
        user.changePassword(accounts.hash(newPassword.toCharArray()), accounts.now());
        audit.record(self, AuditAction.PASSWORD_CHANGED, "user " + self.user());
        return user.getSessionEpoch();
    }

    /**
     * The bootstrap variables' reset ({@code CATALOG_ADMIN_RESET_PASSWORD=true}): {@code name} gets
     * this password, is enabled and holds the admin role. Nothing happens (no session ends) when that
     * is already so, so a node restarting with the variable still set changes nothing.
     *
     * @return whether anything changed
     */
    public boolean restoreAdministrator(Actor by, String name, String password) {
        rules.check(name, password).ifPresent(UserAdministration::invalid);
        AppUser user = locked(name);
        boolean changed = false;
        if (!accounts.matches(user, password.toCharArray())) {
            user.changePassword(accounts.hash(password.toCharArray()), accounts.now());
            audit.record(by, AuditAction.PASSWORD_RESET, "user " + name + " (CATALOG_ADMIN_RESET_PASSWORD)");
            changed = true;
        }
        if (!user.isEnabled()) {
            user.enable(true, accounts.now());
            audit.record(by, AuditAction.USER_CHANGED, "user " + name + " enabled (CATALOG_ADMIN_RESET_PASSWORD)");
            changed = true;
        }
        if (!user.hasRole(Roles.ADMIN)) {
            Set<String> roles = new TreeSet<>(user.getRoles());
            roles.add(Roles.ADMIN);
            user.changeRoles(roles, accounts.now());
            audit.record(by, AuditAction.USER_CHANGED, "user " + name + " given the admin role (CATALOG_ADMIN_RESET_PASSWORD)");
            changed = true;
        }
        return changed;
    }

    /**
     * Several changes of one user at once (the API's PATCH), all or none: roles, enabled, a password
     * given or generated.
     *
     * @return the generated password (to be shown once), or null when none was generated
     */
    public String change(Actor by, String name, UserChange change) {
        locked(name);
        if (change.roles() != null) {
            changeRoles(by, name, change.roles());
        }
        if (change.enabled() != null) {
            setEnabled(by, name, change.enabled());
        }
        if (change.password() != null || change.generatePassword()) {
            String password = resetPassword(by, name, change.password());
            return change.password() == null ? password : null;
        }
        return null;
    }

    /** What a PATCH changes; null parts stay as they are. */
    public record UserChange(Set<String> roles, Boolean enabled, String password, boolean generatePassword) {
    }

    private AppUser locked(String name) {
        return accounts.lockByUsername(name)
                .orElseThrow(() -> new UserChangeRefused(Reason.NOT_FOUND, "user.notFound", name));
    }

    private void requireAnotherAdmin(String name) {
        if (accounts.lockActiveWithRole(Roles.ADMIN, name).isEmpty()) {
            throw new UserChangeRefused(Reason.LAST_ADMIN, "user.lastAdmin", name);
        }
    }

    private static Set<String> knownRoles(Set<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new UserChangeRefused(Reason.INVALID, "user.noRole");
        }
        Set<String> known = new LinkedHashSet<>();
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                throw new UserChangeRefused(Reason.INVALID, "user.unknownRole", role, String.join(", ", Roles.ALL));
            }
            known.add(role);
        }
        return known;
    }

    private static Set<String> sorted(Set<String> roles) {
        Set<String> ordered = new LinkedHashSet<>();
        Roles.ALL.stream().filter(roles::contains).forEach(ordered::add);
        return ordered;
    }

    private static void invalid(PasswordRules.Refusal refusal) {
        throw new UserChangeRefused(Reason.INVALID, refusal.key(), refusal.arguments());
    }
}
