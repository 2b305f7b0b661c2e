package org.catalogimport.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import org.catalogimport.platform.security.ConsoleAuthenticationMechanism;
import org.catalogimport.platform.security.SignInGuard;
import org.catalogimport.platform.security.SignInThrottle;

/** Backs the login page and the sign-out button. */
@Named
@RequestScoped
public class LoginBacking {

    static final String HOME = "/admin/imports";

    @Inject
    SecurityContext securityContext;

    @Inject
    FacesContext facesContext;

    private String username;
    private String password;
    private String continueTo;

    public void login() throws IOException {
        ExternalContext external = facesContext.getExternalContext();
        AuthenticationStatus status = securityContext.authenticate(
                (HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(username, password))
                        .newAuthentication(true));
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        switch (status) {
            case SUCCESS -> {
                // why: a session id an attacker planted before the sign-in must not become a signed-in one.
                request.changeSessionId();
                external.redirect(external.getRequestContextPath() + safeTarget(continueTo));
            }
            case SEND_CONTINUE -> facesContext.responseComplete();
            default -> facesContext.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    refusal(request.getAttribute(ConsoleAuthenticationMechanism.THROTTLED)), null));
        }
    }

    private String refusal(Object throttled) {
        if (throttled instanceof SignInThrottle.Refusal refusal) {
            return MessageFormat.format(bundle().getString(refusal.wholeAddress() ? "login.throttledAddress" : "login.throttled"),
                    SignInGuard.minutes(refusal.retryAfter()));
        }
        return bundle().getString("login.failed");
    }

    /** Sign-out: the container forgets the caller and the HTTP session (with every view's state) ends. */
    public void logout() throws IOException, ServletException {
        ExternalContext external = facesContext.getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + ConsoleAuthenticationMechanism.LOGIN_PAGE);
    }

    /**
     * Only paths inside this application are followed after login; anything else (another host,
     * a protocol-relative {@code //host}, a scheme) goes to the console's home page.
     */
    static String safeTarget(String target) {
        if (target == null || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")
                || target.startsWith(ConsoleAuthenticationMechanism.LOGIN_PAGE)) {
            return HOME;
        }
        return target;
    }

    private ResourceBundle bundle() {
        return facesContext.getApplication().getResourceBundle(facesContext, "msg");
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getContinueTo() {
        return continueTo;
    }

    public void setContinueTo(String continueTo) {
        this.continueTo = continueTo;
    }
}
