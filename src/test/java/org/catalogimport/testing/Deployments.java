package org.catalogimport.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Arquillian deployments are the real WAR that {@code ./mvnw package} built (so tests run what
 * users deploy), plus the test classes that run inside it.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive applicationWith(Class<?>... testClasses) {
        File war = new File(System.getProperty("catalog.war", "target/catalog-import.war"));
        return ShrinkWrap.create(ZipImporter.class, "catalog-import.war")
                .importFrom(war)
                .as(WebArchive.class)
                .addClasses(testClasses);
    }

    /** Libraries that in-container tests use besides JUnit (which Arquillian adds itself). */
    public static WebArchive withTestLibraries(WebArchive archive) {
        return archive.addAsLibraries(org.jboss.shrinkwrap.resolver.api.maven.Maven.resolver()
                .resolve("org.awaitility:awaitility:4.3.0").withTransitivity().asFile());
    }
}
