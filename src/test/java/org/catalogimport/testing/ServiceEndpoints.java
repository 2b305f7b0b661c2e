package org.catalogimport.testing;

/** Where PostgreSQL and Redis are, in the form the application's configuration wants them. */
public record ServiceEndpoints(String dbUrl, String dbUser, String dbPassword, String redisAddress) {
}
