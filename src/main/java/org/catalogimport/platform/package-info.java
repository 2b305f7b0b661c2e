/**
 * Technical glue with no business rules: database migrations, the Redisson client, security
 * (login, users, the bootstrap administrator) and health checks. Configuration comes from
 * MicroProfile Config; every property is documented in {@code META-INF/microprofile-config.properties}.
 */
package org.catalogimport.platform;
