package org.catalogimport.platform.security;

import java.util.List;

/**
 * Role names used in web.xml security constraints, in the console and by the users API. A user may
 * hold several. Which door each one opens is web.xml's table (README, Security).
 */
public final class Roles {

    /** Everything: the console with its actions, every API call, users and the audit trail. */
    public static final String ADMIN = "admin";

    /** Reads the console and the {@code GET} API; starts, checks, cancels, uploads and releases nothing. */
    public static final String VIEWER = "viewer";

    /** May use the 1C exchange endpoint ({@code /1c_exchange}) and nothing else. */
    public static final String EXCHANGE = "exchange";

    /** May read {@code GET /api/metrics} and nothing else (a Prometheus scraper). */
    public static final String METRICS = "metrics";

    /** Every role there is, in the order the console lists them. */
    public static final List<String> ALL = List.of(ADMIN, VIEWER, EXCHANGE, METRICS);

    private Roles() {
    }
}
