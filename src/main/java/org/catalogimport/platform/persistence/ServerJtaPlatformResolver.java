package org.catalogimport.platform.persistence;

import java.util.Map;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.hibernate.engine.transaction.jta.platform.internal.StandardJtaPlatformResolver;
import org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatformResolver;
import org.hibernate.service.spi.ServiceRegistryImplementor;

/**
 * Tells Hibernate which server's transaction manager to use, so that one persistence.xml serves
 * Payara and WildFly (named there as {@code hibernate.transaction.jta.platform_resolver}).
 *
 * <p>Why a resolver: Hibernate asks it only when no JTA platform is named. WildFly names its own
 * platform unless persistence.xml does, so WildFly never gets here; Payara names none, and
 * Hibernate's standard resolver, which looks for the GlassFish transaction classes through the
 * application's class loader (where Payara hides them), finds nothing: HHH000489 and a null
 * transaction manager. Payara's transaction manager is always bound in JNDI, so its presence there
 * is the test.
 */
public class ServerJtaPlatformResolver implements JtaPlatformResolver {

    private static final Logger LOG = Logger.getLogger(ServerJtaPlatformResolver.class.getName());

    @Override
    @SuppressWarnings("rawtypes") // why: Hibernate 6.6 declares the raw Map
    public JtaPlatform resolveJtaPlatform(Map configurationValues, ServiceRegistryImplementor registry) {
        if (bound(SunOneJtaPlatform.TM_NAME)) {
            return new SunOneJtaPlatform();
        }
        LOG.info(() -> "No " + SunOneJtaPlatform.TM_NAME + " in JNDI: Hibernate's standard resolver picks the JTA platform");
        return StandardJtaPlatformResolver.INSTANCE.resolveJtaPlatform(configurationValues, registry);
    }

    private static boolean bound(String name) {
        try {
            return new InitialContext().lookup(name) != null;
        } catch (NamingException e) {
            return false;
        }
    }
}
