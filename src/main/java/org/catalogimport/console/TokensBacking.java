package org.catalogimport.console;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.catalogimport.platform.security.ApiToken;
import org.catalogimport.platform.security.ApiTokens;
import org.catalogimport.platform.security.AppUser;
import org.catalogimport.platform.security.UserAdministration;
import org.catalogimport.platform.security.UserChangeRefused;
import org.catalogimport.platform.web.Caller;

/**
 * Backs the API tokens part of {@code /admin/users} (admin role): every token with its user, who
 * issued it when and its last use; issue one for a user (the token is shown on this page once, and
 * never again: only its hash is kept) and revoke one. The rules and the audit rows are
 * {@link ApiTokens}'s; this bean says what happened in the page's language.
 */
@Named
@ViewScoped
public class TokensBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ApiTokens tokens;

    @Inject
    UserAdministration administration;

    @Inject
    Caller caller;

    private String user;
    private String name;
    private String shownToken;
    private String shownTokenUser;
    private String shownTokenName;
    private transient List<ApiToken> all;

    public List<ApiToken> getTokens() {
        if (all == null) {
            all = tokens.all();
        }
        return all;
    }

    public List<String> getUserNames() {
        return administration.list().stream().map(AppUser::getUsername).toList();
    }

    public void issue() {
        if (AdminOnly.refused(caller)) {
            return;
        }
        forgetShownToken();
        try {
            ApiTokens.Issued issued = tokens.issue(caller.actor(), user, name);
            shownToken = issued.secret().text();
            shownTokenUser = user;
            shownTokenName = issued.token().getName();
            name = null;
        } catch (UserChangeRefused refused) {
            ConsoleMessages.refused(null, refused);
        }
        all = null;
    }

    public void revoke(String tokenUser, long id) {
        if (AdminOnly.refused(caller)) {
            return;
        }
        forgetShownToken();
        try {
            ApiToken revoked = tokens.revoke(caller.actor(), tokenUser, id);
            ConsoleMessages.info(null, "tokens.revoked", tokenUser, revoked.getName());
        } catch (UserChangeRefused refused) {
            ConsoleMessages.refused(null, refused);
        }
        all = null;
    }

    /** why: a token is shown by the action that issued it, and gone with the next one. */
    private void forgetShownToken() {
        shownToken = null;
        shownTokenUser = null;
        shownTokenName = null;
    }

    public String getShownToken() {
        return shownToken;
    }

    public String getShownTokenUser() {
        return shownTokenUser;
    }

    public String getShownTokenName() {
        return shownTokenName;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
