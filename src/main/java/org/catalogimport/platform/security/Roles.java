package org.catalogimport.platform.security;

/** Role names used in web.xml security constraints and in {@code @RolesAllowed}. */
public final class Roles {

    /** May see the console, start imports and use the API. */
    public static final String ADMIN = "admin";

    /** May use the 1C exchange endpoint ({@code /1c_exchange}) and nothing else. */
    public static final String EXCHANGE = "exchange";

    private Roles() {
    }
}
