package org.catalogimport.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * One authentication mechanism for the whole application (Jakarta Security allows only one):
 * <ul>
 *   <li>the login page authenticates programmatically with {@code SecurityContext.authenticate};</li>
 *   <li>any request may carry HTTP Basic credentials (for automation against {@code /api});</li>
 *   <li>an anonymous request to a protected page is redirected to the login page, an anonymous
 *       request to {@code /api} gets 401 with a Basic challenge (a script cannot follow a login form);</li>
 *   <li>{@code /1c_exchange} is left alone: the exchange endpoint authenticates 1C itself.</li>
 * </ul>
 * {@link AutoApplySession} keeps the caller logged in for the HTTP session.
 */
@ApplicationScoped
@AutoApplySession
public class ConsoleAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String LOGIN_PAGE = "/login";
    public static final String CONTINUE_PARAMETER = "continue";
    private static final String REALM = "catalog-import";
    private static final String EXCHANGE_PATH = "/1c_exchange";

    @Inject
    IdentityStoreHandler identityStoreHandler;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (pathWithinApplication(request).startsWith(EXCHANGE_PATH)) {
            // why: the 1C exchange signs its callers in itself (checkauth, tokens, role exchange) and
            // must answer "failure" lines, never this mechanism's 401 or redirect.
            return context.doNothing();
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            return context.notifyContainerAboutLogin(identityStoreHandler.validate(credential));
        }
        Optional<UsernamePasswordCredential> basic = basicCredential(request.getHeader("Authorization"));
        if (basic.isPresent()) {
            CredentialValidationResult result = identityStoreHandler.validate(basic.get());
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            return challenge(response, context);
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (isApiRequest(request)) {
            return challenge(response, context);
        }
        return context.redirect(request.getContextPath() + LOGIN_PAGE + "?" + CONTINUE_PARAMETER + "="
                + URLEncoder.encode(pathWithinApplication(request), StandardCharsets.UTF_8));
    }

    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        return context.responseUnauthorized();
    }

    private static boolean isApiRequest(HttpServletRequest request) {
        return pathWithinApplication(request).startsWith("/api/");
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
    }

    /** Decodes an {@code Authorization: Basic} header; anything malformed counts as absent. */
    public static Optional<UsernamePasswordCredential> basicCredential(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
