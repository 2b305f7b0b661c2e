package org.catalogimport.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.catalogimport.platform.audit.Actor;
import org.catalogimport.platform.security.Roles;

/**
 * Who makes the current request, for the console's pages ({@code #{caller.admin}} decides which
 * buttons exist) and for every door that records what the caller did ({@link #actor()}: the user
 * and the client address by the one rule of {@link ClientAddress}).
 */
@Named
@RequestScoped
public class Caller {

    @Inject
    HttpServletRequest request;

    @Inject
    ClientAddress clientAddress;

    private Actor actor;

    public Actor actor() {
        if (actor == null) {
            actor = Actor.of(request.getRemoteUser(), clientAddress.of(request));
        }
        return actor;
    }

    public String getName() {
        return request.getRemoteUser();
    }

    /** May act: start, check, cancel, upload, release the lock, manage users, read the audit trail. */
    public boolean isAdmin() {
        return request.isUserInRole(Roles.ADMIN);
    }

    public boolean isSignedIn() {
        return request.getRemoteUser() != null;
    }
}
