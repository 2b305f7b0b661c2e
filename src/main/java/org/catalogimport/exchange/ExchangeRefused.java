package org.catalogimport.exchange;

import jakarta.ejb.ApplicationException;
import org.catalogimport.commerceml.Text;

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
    private final transient Text text;

    public ExchangeRefused(Kind kind, Text text) {
        super(text.english());
        this.kind = kind;
        this.text = text;
    }

    /** A refusal of a request that is malformed (a name that leaves the folder, a body sent with GET...). */
    public ExchangeRefused(Text text) {
        this(Kind.BAD_REQUEST, text);
    }

    /** A refusal whose message exists in English only. */
    public ExchangeRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
        this.text = null;
    }

    public Kind kind() {
        return kind;
    }

    /** The message as a key with arguments, for 1C's language and the exchange page's; null when English only. */
    public Text text() {
        return text;
    }
}
