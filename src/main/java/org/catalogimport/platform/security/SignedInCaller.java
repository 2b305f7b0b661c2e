package org.catalogimport.platform.security;

import jakarta.security.enterprise.CallerPrincipal;

/**
 * The caller a password check found, with the session epoch the user had at that moment: what a
 * console session remembers, so that a later change of password or roles ends it.
 */
public class SignedInCaller extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    private final int sessionEpoch;

    public SignedInCaller(String name, int sessionEpoch) {
        super(name);
        this.sessionEpoch = sessionEpoch;
    }

    public int sessionEpoch() {
        return sessionEpoch;
    }
}
