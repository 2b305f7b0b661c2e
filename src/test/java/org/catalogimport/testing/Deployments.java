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
        // why a name per test class: the Payara connector writes the archive into java.io.tmpdir by
        // its name, and a second class deployed a stale "catalog-import.war" of the first (the runner
        // then answered 404 for the missing test class). The context root is "/" either way.
        return ShrinkWrap.create(ZipImporter.class, testClasses[0].getSimpleName() + ".war")
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
