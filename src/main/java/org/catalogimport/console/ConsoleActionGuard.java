package org.catalogimport.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.catalogimport.platform.security.Roles;

/**
 * The console's actions are for administrators: a viewer reads the same pages (their polls, paging,
 * filters and the language switch are POSTs too), but a POST that fires one of the actions below,
 * or any upload, is answered 403 before the page is processed. The buttons are not rendered for a
 * viewer in the first place, and each action checks the role again; this refusal is what a forged
 * request meets, and what a test can see.
 */
@WebFilter("/admin/*")
public class ConsoleActionGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The last part of the client id of every component whose action changes something. */
    static final Set<String> ADMIN_ACTIONS = Set.of("confirmStart", "check", "cancel", "releaseLock", "discardUpload",
            "send", "retry", "importAgain");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("POST".equals(request.getMethod()) && request.getRemoteUser() != null && !request.isUserInRole(Roles.ADMIN)
                && firesAnAction(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean firesAnAction(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith("multipart/")) {
            // why every multipart POST: the upload is the console's only one.
            return true;
        }
        if (request.getCharacterEncoding() == null) {
            // why: parameters read here are decoded once; the console's forms are UTF-8.
            request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        }
        String source = request.getParameter("jakarta.faces.source");
        if (source != null && ADMIN_ACTIONS.contains(lastPart(source))) {
            return true;
        }
        // A non-ajax button submits its own client id as a parameter name.
        return request.getParameterMap().keySet().stream().anyMatch(name -> ADMIN_ACTIONS.contains(lastPart(name)));
    }

    private static String lastPart(String clientId) {
        return clientId.substring(clientId.lastIndexOf(':') + 1);
    }
}
