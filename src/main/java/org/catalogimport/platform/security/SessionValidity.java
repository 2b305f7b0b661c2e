package org.catalogimport.platform.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Ends a signed-in session whose user has changed since it signed in: a new password (the user's
 * own change ends their other sessions; an administrator's reset ends all of them), other roles, or
 * disabled. The session remembers the user's session epoch from its sign-in; every request to the
 * console or the API compares it with PostgreSQL's (one indexed lookup), so the rule holds on every
 * node at once, without messages between nodes. A stale session is invalidated and the caller sent
 * to the login page (an ajax request by a partial-response redirect; the API with 401).
 */
// why the login page too: the form signs in during that request, and its epoch is remembered then.
@WebFilter(urlPatterns = {"/admin/*", "/api/*", "/login", "/login.xhtml"})
public class SessionValidity extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String SIGNED_IN = "catalog.signedIn";

    /** What a session remembers of its sign-in. */
    record SignedIn(String user, int epoch) implements Serializable {
    }

    @Inject
    UserAccounts accounts;

    /** The session of {@code request} now belongs to a sign-in with this epoch (after one's own password change). */
    public static void remember(HttpServletRequest request, int epoch) {
        HttpSession session = request.getSession(false);
        if (session != null && request.getRemoteUser() != null) {
            session.setAttribute(SIGNED_IN, new SignedIn(request.getRemoteUser(), epoch));
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        String user = request.getRemoteUser();
        if (session != null && user != null && !fresh(request)) {
            Object remembered = session.getAttribute(SIGNED_IN);
            Optional<Integer> current = accounts.sessionEpoch(user);
            if (!(remembered instanceof SignedIn signedIn) || !signedIn.user().equals(user)
                    || current.isEmpty() || current.get() != signedIn.epoch()) {
                end(request, response, session);
                return;
            }
        }
        chain.doFilter(request, response);
        if (fresh(request)) {
            // why after the chain too: the login form signs in during the chain (its action).
            remember(request, (Integer) request.getAttribute(ConsoleAuthenticationMechanism.SIGNED_IN_EPOCH));
        }
    }

    /** The password was checked in this request (Basic, or the login form): its epoch is the one to keep. */
    private static boolean fresh(HttpServletRequest request) {
        if (request.getAttribute(ConsoleAuthenticationMechanism.SIGNED_IN_EPOCH) instanceof Integer epoch) {
            remember(request, epoch);
            return true;
        }
        return false;
    }

    private static void end(HttpServletRequest request, HttpServletResponse response, HttpSession session)
            throws IOException, ServletException {
        request.logout();
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalidated) {
            // why: some containers end the session as part of logout(); gone is what we want.
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"catalog-import\", charset=\"UTF-8\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        String login = request.getContextPath() + ConsoleAuthenticationMechanism.LOGIN_PAGE + "?"
                + ConsoleAuthenticationMechanism.CONTINUE_PARAMETER + "=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + login.replace("&", "&amp;").replace("\"", "&quot;") + "\"/></partial-response>");
            return;
        }
        response.sendRedirect(login);
    }
}
