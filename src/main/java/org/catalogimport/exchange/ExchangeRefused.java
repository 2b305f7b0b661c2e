package org.catalogimport.exchange;

import jakarta.ejb.ApplicationException;

/**
 * A call the exchange refuses, with a message for the human who reads 1C's exchange log. The
 * endpoint answers it as {@code failure} followed by the message, and records it ({@link ExchangeRefusals}).
 * An application exception, so that thrown from a store method it reaches the endpoint as itself
 * (and rolls that method back).
 */
@ApplicationException(rollback = true)
public class ExchangeRefused extends RuntimeException {

    /** Why, as counted in {@code /api/metrics} and shown on the exchange page. */
    public enum Kind { WRONG_PASSWORD, UNKNOWN_USER, NO_ROLE, THROTTLED, NOT_SIGNED_IN, TOO_LARGE, DISK_FULL, BAD_REQUEST }

    private final Kind kind;

    public ExchangeRefused(String message) {
        this(Kind.BAD_REQUEST, message);
    }

    public ExchangeRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
