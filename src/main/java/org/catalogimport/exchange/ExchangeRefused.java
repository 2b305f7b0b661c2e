package org.catalogimport.exchange;

/**
 * A call the exchange refuses, with a message for the human who reads 1C's exchange log. The
 * endpoint answers it as {@code failure} followed by the message. An application exception, so that
 * thrown from a store method it reaches the endpoint as itself (and rolls that method back).
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class ExchangeRefused extends RuntimeException {

    public ExchangeRefused(String message) {
        super(message);
    }
}
