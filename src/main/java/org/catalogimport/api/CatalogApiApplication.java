package org.catalogimport.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JSON API under {@code /api}; web.xml restricts it to the admin role (HTTP Basic accepted). */
@ApplicationPath("api")
public class CatalogApiApplication extends Application {
}
