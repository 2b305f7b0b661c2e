package org.catalogimport.platform.security;

import static jakarta.security.enterprise.identitystore.CredentialValidationResult.INVALID_RESULT;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/** Validates user name and password against the enabled users in PostgreSQL and supplies their roles. */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {

    @Inject
    UserAccounts userAccounts;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return userAccounts.authenticate(credential.getCaller(), credential.getPassword().getValue())
                .map(user -> new CredentialValidationResult(
                        new SignedInCaller(user.getUsername(), user.getSessionEpoch()), user.getRoles()))
                .orElse(INVALID_RESULT);
    }
}
