package org.catalogimport.console;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.catalogimport.platform.security.AppUser;
import org.catalogimport.platform.security.Roles;
import org.catalogimport.platform.security.UserAdministration;
import org.catalogimport.platform.security.UserChangeRefused;
import org.catalogimport.platform.web.Caller;

/**
 * Backs {@code /admin/users} (admin role): the users with their roles and state; add one, change its
 * roles, reset its password (a random one, shown on this page once and never again: only its hash is
 * kept), disable or enable it. Every rule (password, last administrator) and the audit row are
 * {@link UserAdministration}'s; this bean only says what happened in the page's language.
 */
@Named
@ViewScoped
public class UsersBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    UserAdministration administration;

    @Inject
    Caller caller;

    private String newName;
    private String newPassword;
    private List<String> newRoles = new ArrayList<>(List.of(Roles.VIEWER));
    private String selectedName;
    private List<String> selectedRoles = new ArrayList<>();
    private String shownPasswordUser;
    private String shownPassword;
    private transient List<AppUser> users;

    public List<AppUser> getUsers() {
        if (users == null) {
            users = administration.list();
        }
        return users;
    }

    public List<String> getAllRoles() {
        return Roles.ALL;
    }

    /** The roles of {@code user} in the console's order, as labels: "Administrator, Viewer". */
    public String roleLabels(AppUser user) {
        List<String> labels = new ArrayList<>();
        Roles.ALL.stream().filter(user::hasRole).forEach(role -> labels.add(ConsoleMessages.text("role." + role)));
        return String.join(", ", labels);
    }

    public int getMinimumPasswordLength() {
        return administration.rules().minimumLength();
    }

    public void add() {
        if (AdminOnly.refused(caller)) {
            return;
        }
        forgetShownPassword();
        try {
            administration.add(caller.actor(), newName == null ? null : newName.trim(), newPassword,
                    new LinkedHashSet<>(newRoles));
            ConsoleMessages.info(null, "users.added", newName.trim());
            newName = null;
            newPassword = null;
            newRoles = new ArrayList<>(List.of(Roles.VIEWER));
        } catch (UserChangeRefused refused) {
            ConsoleMessages.refused(null, refused);
        }
        users = null;
    }

    /** A row's "Roles…": the dialog edits this user's roles. */
    public void editRoles(String name) {
        forgetShownPassword();
        selectedName = name;
        selectedRoles = administration.find(name).map(u -> new ArrayList<>(Roles.ALL.stream().filter(u::hasRole).toList()))
                .orElseGet(ArrayList::new);
    }

    public void saveRoles() {
        if (AdminOnly.refused(caller)) {
            return;
        }
        try {
            administration.changeRoles(caller.actor(), selectedName, new LinkedHashSet<>(selectedRoles));
            ConsoleMessages.info(null, "users.rolesSaved", selectedName);
        } catch (UserChangeRefused refused) {
            ConsoleMessages.refused(null, refused);
        }
        users = null;
    }

    public void resetPassword(String name) {
        if (AdminOnly.refused(caller)) {
            return;
        }
        forgetShownPassword();
        try {
            shownPassword = administration.resetPassword(caller.actor(), name, null);
            shownPasswordUser = name;
        } catch (UserChangeRefused refused) {
            ConsoleMessages.refused(null, refused);
        }
        users = null;
    }

    public void setEnabled(String name, boolean enabled) {
        if (AdminOnly.refused(caller)) {
            return;
        }
        forgetShownPassword();
        try {
            administration.setEnabled(caller.actor(), name, enabled);
            ConsoleMessages.info(null, enabled ? "users.enabledNow" : "users.disabledNow", name);
        } catch (UserChangeRefused refused) {
            ConsoleMessages.refused(null, refused);
        }
        users = null;
    }

    /** why: a generated password is shown by the action that made it, and gone with the next one. */
    private void forgetShownPassword() {
        shownPassword = null;
        shownPasswordUser = null;
    }

    public String getShownPassword() {
        return shownPassword;
    }

    public String getShownPasswordUser() {
        return shownPasswordUser;
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public List<String> getNewRoles() {
        return newRoles;
    }

    public void setNewRoles(List<String> newRoles) {
        this.newRoles = newRoles;
    }

    public String getSelectedName() {
        return selectedName;
    }

    public List<String> getSelectedRoles() {
        return selectedRoles;
    }

    public void setSelectedRoles(List<String> selectedRoles) {
        this.selectedRoles = selectedRoles;
    }
}
