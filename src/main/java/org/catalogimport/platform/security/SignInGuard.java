package org.catalogimport.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.catalogimport.platform.audit.Actor;
import org.catalogimport.platform.audit.AuditAction;
import org.catalogimport.platform.audit.AuditTrail;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The sign-in rules every door shares (console form, API Basic and tokens, 1C exchange): one
 * throttle keyed by (user, client address) and by client address ({@link SignInThrottle}), password
 * checks one at a time per address ({@link #checkInTurn}), and an audit row for each refused
 * sign-in. A throttled pair or address is refused before any password hash is computed. While it is throttled its attempts are not recorded one by one (a flood would
 * fill the trail); the moment it becomes throttled is.
 */
@ApplicationScoped
public class SignInGuard {

    private static final Logger LOG = Logger.getLogger(SignInGuard.class.getName());

    /** The way a sign-in came in; named in the audit row's target. */
    public enum Door {
        CONSOLE("console"), API("api"), EXCHANGE("1c_exchange");

        private final String label;

        Door(String label) {
            this.label = label;
        }
    }

    @Inject
    AuditTrail audit;

    @Inject
    SignInCounters counters;

    @Inject
    @ConfigProperty(name = "catalog.sign-in.max-failures")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "catalog.sign-in.max-failures-per-address")
    int maxAddressFailures;

    @Inject
    @ConfigProperty(name = "catalog.sign-in.window-minutes")
    int windowMinutes;

    @Inject
    @ConfigProperty(name = "catalog.sign-in.block-minutes")
    int blockMinutes;

    private SignInThrottle throttle;
    private final AddressTurns turns = new AddressTurns();

    @PostConstruct
    void init() {
        throttle = new SignInThrottle(Clock.systemUTC(), maxFailures, maxAddressFailures,
                Duration.ofMinutes(windowMinutes), Duration.ofMinutes(blockMinutes));
    }

    /**
     * Whether {@code user} (null when the caller gave none: a token) from {@code address} is refused
     * now, before its password or token is looked at.
     */
    public SignInThrottle.Refusal refusal(String user, String address) {
        SignInThrottle.Refusal refusal = throttle.check(user, address);
        if (refusal.refused()) {
            counters.refusedUnhashed();
        }
        return refusal;
    }

    /**
     * Runs {@code check} (a password hash) for {@code user} from {@code address} in that address's
     * turn: one check at a time per address. The throttle is asked before the wait and again after
     * it, so guesses queued behind the one that reached a limit are refused without their hash.
     *
     * @param whenThrottled what the door answers a throttled sign-in
     */
    public <T> T checkInTurn(String user, String address, Supplier<T> check, Function<SignInThrottle.Refusal, T> whenThrottled) {
        SignInThrottle.Refusal before = refusal(user, address);
        if (before.refused()) {
            return whenThrottled.apply(before);
        }
        return turns.inTurn(address, () -> {
            SignInThrottle.Refusal meanwhile = refusal(user, address);
            return meanwhile.refused() ? whenThrottled.apply(meanwhile) : check.get();
        });
    }

    /** A wrong password or token, unknown or disabled user, or a user without the door's role. */
    public void failed(Door door, String user, String address, String reason) {
        SignInThrottle.Reached reached = throttle.failed(user, address);
        Actor actor = Actor.of(user, address);
        AuditAction refused = door == Door.EXCHANGE ? AuditAction.EXCHANGE_REFUSED : AuditAction.SIGN_IN_REFUSED;
        audit.recordRefusal(actor, refused, door.label + ": " + reason);
        if (reached.pair()) {
            LOG.warning(() -> "Sign-in of '" + user + "' from " + address + " throttled for " + blockMinutes
                    + " min after " + maxFailures + " failures (" + door.label + ")");
            audit.recordRefusal(actor, AuditAction.SIGN_IN_THROTTLED, door.label + ": " + maxFailures
                    + " failures; refused for " + blockMinutes + " min");
        }
        if (reached.address()) {
            LOG.warning(() -> "Every sign-in from " + address + " throttled for " + blockMinutes + " min after "
                    + maxAddressFailures + " failures of any user (" + door.label + ")");
            audit.recordRefusal(actor, AuditAction.SIGN_IN_THROTTLED, door.label + ": " + maxAddressFailures
                    + " failures from this address, any user; every sign-in from it refused for " + blockMinutes + " min");
        }
    }

    public void succeeded(String user, String address) {
        throttle.succeeded(user, address);
    }

    /** "try again in N min" rounded up, at least 1. */
    public static long minutes(Duration wait) {
        return Math.max(1, (wait.toSeconds() + 59) / 60);
    }
}
