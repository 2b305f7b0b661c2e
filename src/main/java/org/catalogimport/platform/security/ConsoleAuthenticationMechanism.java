package org.catalogimport.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
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
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.catalogimport.platform.web.ClientAddress;

/**
 * One authentication mechanism for the whole application (Jakarta Security allows only one):
 * <ul>
 *   <li>the login page authenticates programmatically with {@code SecurityContext.authenticate};
 *       a success is kept in the HTTP session (one password hash per sign-in);</li>
 *   <li>any request may carry {@code Authorization: Basic} or {@code Bearer} (an API token), for
 *       automation against {@code /api}: {@link HeaderSignIn}, which remembers verified Basic
 *       credentials for a short while. These sign in that request only: no HTTP session is made
 *       for them (a script that keeps no cookies would leave one per request behind);</li>
 *   <li>an anonymous request to a protected page is redirected to the login page, an anonymous
 *       request to {@code /api} gets 401 with a Basic challenge (a script cannot follow a login form);</li>
 *   <li>{@code /1c_exchange} is left alone: the exchange endpoint authenticates 1C itself.</li>
 * </ul>
 * Every way of signing in goes through {@link SignInGuard}: a throttled address or (user, client
 * address) pair is refused before its password is hashed (the form says so, the API gets 429), and
 * every failure is recorded. {@code SessionValidity} ends a console session when the user's
 * password or roles change.
 *
 * <p>why not {@code @AutoApplySession}: it keeps every successful sign-in in a session, Basic and
 * Bearer included. What it does for the form is done here ({@link #continueSession}, and
 * {@code setRegisterSession} after a form sign-in), the same standard calls, on every server.
 */
@ApplicationScoped
public class ConsoleAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String LOGIN_PAGE = "/login";
    public static final String CONTINUE_PARAMETER = "continue";
    /** Request attribute: why a form sign-in was refused before its check (a {@link SignInThrottle.Refusal}). */
    public static final String THROTTLED = "catalog.signIn.throttled";
    /** Request attribute: the session epoch of a caller whose password was checked in this request. */
    public static final String SIGNED_IN_EPOCH = "catalog.signIn.epoch";
    private static final String REALM = "catalog-import";
    private static final String EXCHANGE_PATH = "/1c_exchange";
    private static final int TOO_MANY_REQUESTS = 429;

    @Inject
    IdentityStoreHandler identityStoreHandler;

    @Inject
    HeaderSignIn headerSignIn;

    @Inject
    SignInGuard guard;

    @Inject
    ClientAddress clientAddress;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        if (pathWithinApplication(request).startsWith(EXCHANGE_PATH)) {
            // why: the 1C exchange signs its callers in itself (checkauth, tokens, role exchange) and
            // must answer "failure" lines, never this mechanism's 401 or redirect.
            return context.doNothing();
        }
        if (request.getUserPrincipal() != null) {
            return continueSession(request.getUserPrincipal(), context);
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential instanceof UsernamePasswordCredential form) {
            return formSignIn(form, request, context);
        }
        HeaderSignIn.Outcome header = headerSignIn.signIn(request.getHeader("Authorization"), clientAddress.of(request));
        switch (header.result()) {
            case SIGNED_IN -> {
                request.setAttribute(SIGNED_IN_EPOCH, header.caller().epoch());
                return context.notifyContainerAboutLogin(header.validationResult());
            }
            case THROTTLED -> {
                return tooManyRequests(response, header.refusal());
            }
            case REFUSED -> {
                return challenge(request, response, context);
            }
            case NONE -> {
                // anonymous: below
            }
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (isApiRequest(request)) {
            return challenge(request, response, context);
        }
        return context.redirect(request.getContextPath() + LOGIN_PAGE + "?" + CONTINUE_PARAMETER + "="
                + URLEncoder.encode(pathWithinApplication(request), StandardCharsets.UTF_8));
    }

    /**
     * A request of a signed-in console session: the container found its caller in the session
     * (registered at the form sign-in) and only needs to hear it again, as Soteria's
     * {@code AutoApplySessionInterceptor} tells it. Its groups come from the session too.
     */
    private static AuthenticationStatus continueSession(Principal caller, HttpMessageContext context)
            throws AuthenticationException {
        try {
            context.getHandler().handle(new Callback[] {new CallerPrincipalCallback(context.getClientSubject(), caller)});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new AuthenticationException(e);
        }
        return AuthenticationStatus.SUCCESS;
    }

    private AuthenticationStatus formSignIn(UsernamePasswordCredential credential, HttpServletRequest request,
                                            HttpMessageContext context) {
        String address = clientAddress.of(request);
        return guard.checkInTurn(credential.getCaller(), address,
                () -> formChecked(credential, address, request, context), refusal -> {
                    request.setAttribute(THROTTLED, refusal);
                    return AuthenticationStatus.SEND_FAILURE;
                });
    }

    private AuthenticationStatus formChecked(UsernamePasswordCredential credential, String address,
                                             HttpServletRequest request, HttpMessageContext context) {
        CredentialValidationResult result = identityStoreHandler.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            guard.failed(SignInGuard.Door.CONSOLE, credential.getCaller(), address, "wrong user name or password");
            return context.notifyContainerAboutLogin(result);
        }
        guard.succeeded(credential.getCaller(), address);
        if (result.getCallerPrincipal() instanceof SignedInCaller caller) {
            request.setAttribute(SIGNED_IN_EPOCH, caller.sessionEpoch());
        }
        context.setRegisterSession(result.getCallerPrincipal().getName(), result.getCallerGroups());
        return context.notifyContainerAboutLogin(result);
    }

    /** 429 with Retry-After and a JSON message; committed here so the container cannot turn it into a 401. */
    private static AuthenticationStatus tooManyRequests(HttpServletResponse response, SignInThrottle.Refusal refusal) {
        try {
            response.setStatus(TOO_MANY_REQUESTS);
            response.setHeader("Retry-After", String.valueOf(Math.max(1, refusal.retryAfter().toSeconds())));
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            String who = refusal.wholeAddress() ? "from your address, whatever the user" : "of this user from your address";
            response.getWriter().write(Json.createObjectBuilder().add("message", "Too many failed sign-ins " + who
                    + "; try again in " + SignInGuard.minutes(refusal.retryAfter()) + " min.").build().toString());
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** 401 with the challenge of the scheme the caller used: Basic, or Bearer for a refused token (RFC 6750). */
    private static AuthenticationStatus challenge(HttpServletRequest request, HttpServletResponse response,
                                                  HttpMessageContext context) {
        if (BearerToken.isBearer(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
        } else {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
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
