package org.catalogimport.exchange;

import jakarta.ejb.ApplicationException;

/**
 * A call the exchange refuses, with a message for the human who reads 1C's exchange log. The
 * endpoint answers it as {@code failure} followed by the message. An application exception, so that
 * thrown from a store method it reaches the endpoint as itself (and rolls that method back).
 */
@ApplicationException(rollback = true)
public class ExchangeRefused extends RuntimeException {

    private final boolean recorded;

    public ExchangeRefused(String message) {
        this(message, false);
    }

    private ExchangeRefused(String message, boolean recorded) {
        super(message);
        this.recorded = recorded;
    }

    /** A refusal already in the audit trail (a refused sign-in, recorded by the sign-in rules). */
    static ExchangeRefused recorded(String message) {
        return new ExchangeRefused(message, true);
    }

    /** Whether the endpoint still has to record it as {@code EXCHANGE_REFUSED}. */
    public boolean recorded() {
        return recorded;
    }
}
