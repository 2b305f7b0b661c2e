package org.catalogimport.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.catalogimport.platform.security.RememberedCredentials.Verified;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs a request in by its {@code Authorization} header, for automation (the console's form
 * sign-in is {@link ConsoleAuthenticationMechanism}'s own), in the order that keeps a refusal
 * cheap:
 * <ol>
 *   <li>a throttled address, or (user, address) pair, is refused before anything else;</li>
 *   <li>{@code Basic}: a credential verified within {@code CATALOG_SIGN_IN_CREDENTIAL_CACHE_SECONDS}
 *       whose user has not changed since signs in without a hash ({@link RememberedCredentials});
 *       otherwise the password is hashed once, in the address's turn (one hash at a time per
 *       address; concurrent requests with the same header share that hash);</li>
 *   <li>{@code Bearer}: an API token is looked up by its SHA-256 ({@link ApiTokens}).</li>
 * </ol>
 * Every failure counts towards the throttle and is recorded ({@link SignInGuard}).
 */
@ApplicationScoped
public class HeaderSignIn {

    /** What the header did. */
    public enum Result {
        /** No Basic or Bearer header: the request is anonymous. */
        NONE,
        SIGNED_IN,
        /** Wrong password, unknown or disabled user, unknown or revoked token. */
        REFUSED,
        /** Refused before any check: the address or the pair is throttled. */
        THROTTLED
    }

    /** The result, with the caller when signed in and the refusal when throttled. */
    public record Outcome(Result result, Verified caller, SignInThrottle.Refusal refusal) {

        static final Outcome NONE = new Outcome(Result.NONE, null, SignInThrottle.Refusal.NONE);
        static final Outcome REFUSED = new Outcome(Result.REFUSED, null, SignInThrottle.Refusal.NONE);

        static Outcome signedIn(Verified caller) {
            return new Outcome(Result.SIGNED_IN, caller, SignInThrottle.Refusal.NONE);
        }

        static Outcome throttled(SignInThrottle.Refusal refusal) {
            return new Outcome(Result.THROTTLED, null, refusal);
        }

        /** What the container is told: the caller (with the epoch a console session compares) and its roles. */
        public CredentialValidationResult validationResult() {
            return new CredentialValidationResult(new SignedInCaller(caller.user(), caller.epoch()), caller.roles());
        }
    }

    @Inject
    IdentityStoreHandler identityStoreHandler;

    @Inject
    UserAccounts accounts;

    @Inject
    ApiTokens tokens;

    @Inject
    SignInGuard guard;

    @Inject
    SignInCounters counters;

    @Inject
    @ConfigProperty(name = "catalog.sign-in.credential-cache-seconds")
    int rememberSeconds;

    private RememberedCredentials remembered;

    @PostConstruct
    void init() {
        remembered = new RememberedCredentials(Clock.systemUTC(), Duration.ofSeconds(rememberSeconds), new SecureRandom());
    }

    public Outcome signIn(String authorization, String address) {
        Optional<UsernamePasswordCredential> basic = ConsoleAuthenticationMechanism.basicCredential(authorization);
        if (basic.isPresent()) {
            return basic(authorization, basic.get(), address);
        }
        if (BearerToken.isBearer(authorization)) {
            return bearer(authorization, address);
        }
        return Outcome.NONE;
    }

    private Outcome basic(String header, UsernamePasswordCredential credential, String address) {
        String user = credential.getCaller();
        SignInThrottle.Refusal refusal = guard.refusal(user, address);
        if (refusal.refused()) {
            return Outcome.throttled(refusal);
        }
        Optional<Verified> known = remembered.find(header, accounts::sessionEpoch);
        if (known.isPresent()) {
            counters.remembered();
            guard.succeeded(user, address);
            return Outcome.signedIn(known.get());
        }
        return guard.checkInTurn(user, address, () -> passwordChecked(header, credential, address), Outcome::throttled);
    }

    /** In the address's turn: remembered meanwhile (by the request it waited for), or checked now. */
    private Outcome passwordChecked(String header, UsernamePasswordCredential credential, String address) {
        String user = credential.getCaller();
        Optional<Verified> known = remembered.find(header, accounts::sessionEpoch)
                .or(() -> remembered.verifyOnce(header, () -> checkPassword(credential)));
        if (known.isEmpty()) {
            guard.failed(SignInGuard.Door.API, user, address, "wrong user name or password");
            return Outcome.REFUSED;
        }
        guard.succeeded(user, address);
        return Outcome.signedIn(known.get());
    }

    private Optional<Verified> checkPassword(UsernamePasswordCredential credential) {
        CredentialValidationResult result = identityStoreHandler.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID
                || !(result.getCallerPrincipal() instanceof SignedInCaller caller)) {
            return Optional.empty();
        }
        return Optional.of(new Verified(caller.getName(), caller.sessionEpoch(), result.getCallerGroups()));
    }

    private Outcome bearer(String header, String address) {
        SignInThrottle.Refusal refusal = guard.refusal(null, address);
        if (refusal.refused()) {
            return Outcome.throttled(refusal);
        }
        Optional<Verified> caller = BearerToken.fromAuthorization(header).flatMap(tokens::signIn);
        if (caller.isEmpty()) {
            guard.failed(SignInGuard.Door.API, null, address, "unknown or revoked API token");
            return Outcome.REFUSED;
        }
        counters.tokenUsed();
        return Outcome.signedIn(caller.get());
    }
}
