package org.catalogimport.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.catalogimport.platform.security.SessionValidity;
import org.catalogimport.platform.security.UserAdministration;
import org.catalogimport.platform.security.UserChangeRefused;
import org.catalogimport.platform.web.Caller;

/**
 * Backs {@code /admin/account}: anyone signed in to the console changes their own password, knowing
 * the current one. Their other sessions end (the user's session epoch moves on); this session
 * takes the new epoch and stays.
 */
@Named
@RequestScoped
public class AccountBacking {

    @Inject
    UserAdministration administration;

    @Inject
    Caller caller;

    @Inject
    HttpServletRequest request;

    private String current;
    private String fresh;
    private String repeated;

    public void change() {
        if (fresh == null || !fresh.equals(repeated)) {
            ConsoleMessages.error("password", "account.mismatch");
            return;
        }
        try {
            int epoch = administration.changeOwnPassword(caller.actor(), current, fresh);
            SessionValidity.remember(request, epoch);
            ConsoleMessages.info("password", "account.changed");
        } catch (UserChangeRefused refused) {
            ConsoleMessages.refused("password", refused);
        }
    }

    public int getMinimumPasswordLength() {
        return administration.rules().minimumLength();
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getFresh() {
        return fresh;
    }

    public void setFresh(String fresh) {
        this.fresh = fresh;
    }

    public String getRepeated() {
        return repeated;
    }

    public void setRepeated(String repeated) {
        this.repeated = repeated;
    }
}
