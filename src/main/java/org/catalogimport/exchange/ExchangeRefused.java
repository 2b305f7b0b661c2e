package org.catalogimport.exchange;

import jakarta.ejb.ApplicationException;
import org.catalogimport.commerceml.Text;

/**
 * A call the exchange refuses, with a message for the human who reads 1C's exchange log. The
 * endpoint answers it as {@code failure} followed by the message, records it where the administrator
 * sees it ({@link ExchangeRefusals}) and in the audit trail. An application exception, so that thrown
 * from a store method it reaches the endpoint as itself (and rolls that method back).
 */
@ApplicationException(rollback = true)
public class ExchangeRefused extends RuntimeException {

    /** Why, as counted in {@code /api/metrics} and shown on the exchange page. */
    public enum Kind { WRONG_PASSWORD, UNKNOWN_USER, NO_ROLE, THROTTLED, NOT_SIGNED_IN, TOO_LARGE, DISK_FULL, BAD_REQUEST }

    private final Kind kind;
    private final transient Text text;
    private final boolean recorded;

    public ExchangeRefused(Kind kind, Text text) {
        this(kind, text, text.english(), false);
    }

    /** A refusal of a request that is malformed (a name that leaves the folder, a body sent with GET...). */
    public ExchangeRefused(Text text) {
        this(Kind.BAD_REQUEST, text);
    }

    /** A refusal whose message exists in English only. */
    public ExchangeRefused(Kind kind, String message) {
        this(kind, null, message, false);
    }

    /** A malformed request, with a message in English only. */
    public ExchangeRefused(String message) {
        this(Kind.BAD_REQUEST, null, message, false);
    }

    private ExchangeRefused(Kind kind, Text text, String english, boolean recorded) {
        super(english);
        this.kind = kind;
        this.text = text;
        this.recorded = recorded;
    }

    /** A refusal already in the audit trail (a refused sign-in, recorded by the sign-in rules). */
    static ExchangeRefused recorded(Kind kind, Text text) {
        return new ExchangeRefused(kind, text, text.english(), true);
    }

    public Kind kind() {
        return kind;
    }

    /** The message as a key with arguments, for 1C's language and the exchange page's; null when English only. */
    public Text text() {
        return text;
    }

    /** Whether the endpoint still has to record it as {@code EXCHANGE_REFUSED} in the audit trail. */
    public boolean recorded() {
        return recorded;
    }
}
