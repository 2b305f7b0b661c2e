package org.catalogimport.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.catalogimport.platform.web.ClientAddress;

/**
 * One authentication mechanism for the whole application (Jakarta Security allows only one):
 * <ul>
 *   <li>the login page authenticates programmatically with {@code SecurityContext.authenticate};</li>
 *   <li>any request may carry HTTP Basic credentials (for automation against {@code /api});</li>
 *   <li>an anonymous request to a protected page is redirected to the login page, an anonymous
 *       request to {@code /api} gets 401 with a Basic challenge (a script cannot follow a login form);</li>
 *   <li>{@code /1c_exchange} is left alone: the exchange endpoint authenticates 1C itself.</li>
 * </ul>
 * Both ways of signing in go through {@link SignInGuard}: a (user, client address) pair with too
 * many recent failures is refused before its password is hashed (the form says so, Basic gets 429),
 * and every failure is recorded. {@link AutoApplySession} keeps the caller logged in for the HTTP
 * session; {@code SessionValidity} ends that session when the user's password or roles change.
 */
@ApplicationScoped
@AutoApplySession
public class ConsoleAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String LOGIN_PAGE = "/login";
    public static final String CONTINUE_PARAMETER = "continue";
    /** Request attribute: how long a throttled form sign-in must wait (a {@link Duration}). */
    public static final String THROTTLED = "catalog.signIn.throttled";
    /** Request attribute: the session epoch of a caller whose password was checked in this request. */
    public static final String SIGNED_IN_EPOCH = "catalog.signIn.epoch";
    private static final String REALM = "catalog-import";
    private static final String EXCHANGE_PATH = "/1c_exchange";
    private static final int TOO_MANY_REQUESTS = 429;

    @Inject
    IdentityStoreHandler identityStoreHandler;

    @Inject
    SignInGuard guard;

    @Inject
    ClientAddress clientAddress;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (pathWithinApplication(request).startsWith(EXCHANGE_PATH)) {
            // why: the 1C exchange signs its callers in itself (checkauth, tokens, role exchange) and
            // must answer "failure" lines, never this mechanism's 401 or redirect.
            return context.doNothing();
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential instanceof UsernamePasswordCredential form) {
            return formSignIn(form, request, context);
        }
        Optional<UsernamePasswordCredential> basic = basicCredential(request.getHeader("Authorization"));
        if (basic.isPresent()) {
            return basicSignIn(basic.get(), request, response, context);
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

    private AuthenticationStatus formSignIn(UsernamePasswordCredential credential, HttpServletRequest request,
                                            HttpMessageContext context) {
        String address = clientAddress.of(request);
        Duration wait = guard.refusedFor(credential.getCaller(), address);
        if (!wait.isZero()) {
            request.setAttribute(THROTTLED, wait);
            return AuthenticationStatus.SEND_FAILURE;
        }
        CredentialValidationResult result = identityStoreHandler.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            guard.failed(SignInGuard.Door.CONSOLE, credential.getCaller(), address, "wrong user name or password");
            return context.notifyContainerAboutLogin(result);
        }
        return signedIn(credential, address, result, request, context);
    }

    private AuthenticationStatus basicSignIn(UsernamePasswordCredential credential, HttpServletRequest request,
                                             HttpServletResponse response, HttpMessageContext context) {
        String address = clientAddress.of(request);
        Duration wait = guard.refusedFor(credential.getCaller(), address);
        if (!wait.isZero()) {
            return tooManyRequests(response, wait);
        }
        CredentialValidationResult result = identityStoreHandler.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            guard.failed(SignInGuard.Door.API, credential.getCaller(), address, "wrong user name or password");
            return challenge(response, context);
        }
        return signedIn(credential, address, result, request, context);
    }

    private AuthenticationStatus signedIn(UsernamePasswordCredential credential, String address,
                                          CredentialValidationResult result, HttpServletRequest request,
                                          HttpMessageContext context) {
        guard.succeeded(credential.getCaller(), address);
        if (result.getCallerPrincipal() instanceof SignedInCaller caller) {
            request.setAttribute(SIGNED_IN_EPOCH, caller.sessionEpoch());
        }
        return context.notifyContainerAboutLogin(result);
    }

    /** 429 with Retry-After and a JSON message; committed here so the container cannot turn it into a 401. */
    private static AuthenticationStatus tooManyRequests(HttpServletResponse response, Duration wait) {
        try {
            response.setStatus(TOO_MANY_REQUESTS);
            response.setHeader("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Json.createObjectBuilder().add("message",
                    "Too many failed sign-ins of this user from your address; try again in "
                            + SignInGuard.minutes(wait) + " min.").build().toString());
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
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
