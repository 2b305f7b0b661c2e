package org.catalogimport.exchange;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.catalogimport.platform.RootCause;

/**
 * Every 5 s on every node: starts the exchange imports that wait for the import lock (another
 * import held it when 1C asked), without waiting for 1C's next call.
 */
@Singleton
public class WaitingImportsStarter {

    private static final Logger LOG = Logger.getLogger(WaitingImportsStarter.class.getName());

    @Inject
    ExchangeImports imports;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    // why: each store call and the launcher run their own transactions; none may be open around them
    // (Payara is reported to open one around a timer callback all the same, payara/Payara#4826: the
    // launcher commits a new session on its own, ImportSessions.create)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void startWaiting() {
        try {
            imports.startWaiting();
        } catch (RuntimeException e) {
            // why one line: PostgreSQL or Redis being away is reported by the health checks; retried in 5 s.
            LOG.fine(() -> "Waiting exchange imports not started: " + RootCause.message(e));
        }
    }
}
