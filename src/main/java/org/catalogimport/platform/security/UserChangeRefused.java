package org.catalogimport.platform.security;

import jakarta.ejb.ApplicationException;

/**
 * A change of users that the rules refuse, with why (a message bundle key and its arguments, so the
 * console says it in the reader's language and the API in English). Rolls the change back.
 */
@ApplicationException(rollback = true)
public class UserChangeRefused extends RuntimeException {

    /** What kind of refusal: the API answers each with its own status. */
    public enum Reason {
        /** 404 */
        NOT_FOUND,
        /** 409: the name is taken. */
        EXISTS,
        /** 400: a name, password or role the rules do not allow. */
        INVALID,
        /** 409: it would leave no enabled administrator. */
        LAST_ADMIN,
        /** 400: the current password given for a change of one's own was wrong. */
        WRONG_PASSWORD
    }

    private final Reason reason;
    private final String key;
    private final transient Object[] arguments;

    public UserChangeRefused(Reason reason, String key, Object... arguments) {
        super(key);
        this.reason = reason;
        this.key = key;
        this.arguments = arguments.clone();
    }

    public Reason reason() {
        return reason;
    }

    public String key() {
        return key;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
