package org.catalogimport.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.catalogimport.commerceml.Text;
import org.catalogimport.platform.security.AppUser;
import org.catalogimport.platform.security.ConsoleAuthenticationMechanism;
import org.catalogimport.platform.security.Roles;
import org.catalogimport.platform.security.SignInGuard;
import org.catalogimport.platform.security.TokenHash;
import org.catalogimport.platform.security.UserAccounts;
import org.catalogimport.platform.web.ClientAddress;

/**
 * Who is calling the exchange. {@code checkauth} takes HTTP Basic credentials of a user with the
 * role {@code exchange} and hands out a token (stored hashed); later calls are found by any cookie
 * whose value is a live token (some clients send it under another name), by {@code sessid=}, or,
 * for a client that sends Basic credentials on every call, as that user's open exchange.
 */
@ApplicationScoped
public class ExchangeSignIn {

    public static final String COOKIE = "catalog_exchange";

    /** A caller found: its exchange, and the token it used (null when it came by Basic credentials). */
    public record Caller(ExchangeStore.Exchange exchange, String token) {
    }

    /** A fresh sign-in: the exchange and the token to hand to 1C. */
    public record SignedIn(ExchangeStore.Exchange exchange, String token) {
    }

    @Inject
    UserAccounts accounts;

    @Inject
    ExchangeStore store;

    @Inject
    ExchangeSettings settings;

    @Inject
    SignInGuard guard;

    @Inject
    ClientAddress clientAddress;

    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    /**
     * Signs in with the request's Basic credentials.
     *
     * @return empty when the request carries no credentials at all (the endpoint answers 401)
     * @throws ExchangeRefused for wrong credentials, a user without the role, or a throttled address
     */
    public Optional<SignedIn> checkauth(HttpServletRequest request, String kind) {
        Optional<UsernamePasswordCredential> credential =
                ConsoleAuthenticationMechanism.basicCredential(request.getHeader("Authorization"));
        if (credential.isEmpty()) {
            return Optional.empty();
        }
        String address = clientAddress.of(request);
        String user = authenticate(credential.get(), address);
        String token = newToken();
        ExchangeStore.Exchange exchange = store.open(kind, user, address, TokenHash.of(token), clock.instant(), settings.idle());
        return Optional.of(new SignedIn(exchange, token));
    }

    /** The exchange of a call after checkauth, if the caller can be recognised. */
    public Optional<Caller> caller(HttpServletRequest request, ExchangeRequest query) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                Optional<ExchangeStore.Exchange> exchange = byToken(cookie.getValue());
                if (exchange.isPresent()) {
                    return Optional.of(new Caller(exchange.get(), cookie.getValue()));
                }
            }
        }
        Optional<String> sessid = query.parameter("sessid");
        if (sessid.isPresent()) {
            Optional<ExchangeStore.Exchange> exchange = byToken(sessid.get());
            if (exchange.isPresent()) {
                return Optional.of(new Caller(exchange.get(), sessid.get()));
            }
        }
        Optional<UsernamePasswordCredential> credential =
                ConsoleAuthenticationMechanism.basicCredential(request.getHeader("Authorization"));
        if (credential.isPresent()) {
            String address = clientAddress.of(request);
            String user = authenticate(credential.get(), address);
            ExchangeStore.Exchange exchange = store.open(query.isSale() ? "sale" : "catalog", user,
                    address, null, clock.instant(), settings.idle());
            return Optional.of(new Caller(exchange, null));
        }
        return Optional.empty();
    }

    /** A new token for an exchange a caller reached by Basic credentials (init with version= names it). */
    public String issueToken(ExchangeStore.Exchange exchange, HttpServletRequest request) {
        String token = newToken();
        store.open(exchange.kind(), exchange.user(), clientAddress.of(request), TokenHash.of(token), clock.instant(), settings.idle());
        return token;
    }

    private Optional<ExchangeStore.Exchange> byToken(String value) {
        if (value == null || value.length() < 20 || value.length() > 200) {
            return Optional.empty();
        }
        return store.byToken(TokenHash.of(value));
    }

    /**
     * Checks the password through the sign-in rules every door shares: a throttled address or
     * (user, address) pair is refused before any hash, one check at a time per address, and every
     * failure is counted and recorded (so the refusal thrown here is marked as recorded: the
     * endpoint does not record it twice).
     */
    private String authenticate(UsernamePasswordCredential credential, String address) {
        String name = credential.getCaller();
        Optional<AppUser> user = guard.checkInTurn(name, address,
                () -> accounts.authenticate(name, credential.getPasswordAsString().toCharArray()), refusal -> {
                    long minutes = SignInGuard.minutes(refusal.retryAfter());
                    throw ExchangeRefused.recorded(ExchangeRefused.Kind.THROTTLED, refusal.wholeAddress()
                            ? ExchangeMessage.THROTTLED_ADDRESS.with(address, minutes)
                            : ExchangeMessage.THROTTLED.with(name, address, minutes));
                });
        if (user.isEmpty()) {
            throw failed(name, address, "wrong user name or password", ExchangeRefused.Kind.WRONG_PASSWORD,
                    ExchangeMessage.WRONG_PASSWORD.with(name));
        }
        if (!user.get().getRoles().contains(Roles.EXCHANGE)) {
            throw failed(name, address, "no exchange role", ExchangeRefused.Kind.NO_ROLE,
                    ExchangeMessage.NO_ROLE.with(name, Roles.EXCHANGE));
        }
        guard.succeeded(name, address);
        return user.get().getUsername();
    }

    private ExchangeRefused failed(String user, String address, String reason, ExchangeRefused.Kind kind, Text message) {
        guard.failed(SignInGuard.Door.EXCHANGE, user, address, reason);
        return ExchangeRefused.recorded(kind, message);
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
