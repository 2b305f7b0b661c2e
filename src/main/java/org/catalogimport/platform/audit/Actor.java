package org.catalogimport.platform.audit;

/**
 * Who does something: the user name and the client address (decided by {@code ClientAddress}), or
 * the application itself ({@link #SYSTEM}: start-up, scheduled jobs).
 */
public record Actor(String user, String address) {

    public static final Actor SYSTEM = new Actor("system", null);

    public static Actor of(String user, String address) {
        return new Actor(user, address);
    }
}
