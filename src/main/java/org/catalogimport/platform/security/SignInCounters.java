package org.catalogimport.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.LongAdder;

/**
 * What signing in cost this node since it started, for {@code GET /api/metrics}: how many password
 * hashes it computed, how many sign-ins the throttle refused before any hash, how many Basic
 * requests it answered from a remembered credential, and how many came with an API token. Per node
 * (each node counts its own callers): a scrape of one node shows that node's figures.
 */
@ApplicationScoped
public class SignInCounters {

    private final LongAdder passwordHashes = new LongAdder();
    private final LongAdder refusedUnhashed = new LongAdder();
    private final LongAdder remembered = new LongAdder();
    private final LongAdder tokens = new LongAdder();

    void passwordHashed() {
        passwordHashes.increment();
    }

    void refusedUnhashed() {
        refusedUnhashed.increment();
    }

    void remembered() {
        remembered.increment();
    }

    void tokenUsed() {
        tokens.increment();
    }

    public String prometheusText() {
        return counter("catalog_sign_in_password_hashes_total",
                "PBKDF2 password hashes this node computed (sign-ins, unknown users' equal-cost checks, new passwords)",
                passwordHashes)
                + counter("catalog_sign_in_throttled_total",
                "sign-ins this node refused before any hash (a throttled address or user and address)", refusedUnhashed)
                + counter("catalog_sign_in_remembered_total",
                "HTTP Basic requests this node signed in from a remembered credential, without a hash", remembered)
                + counter("catalog_sign_in_token_total", "requests this node signed in with an API token", tokens);
    }

    private static String counter(String name, String help, LongAdder value) {
        return "# HELP " + name + " " + help + "\n# TYPE " + name + " counter\n" + name + " " + value.sum() + "\n";
    }
}
