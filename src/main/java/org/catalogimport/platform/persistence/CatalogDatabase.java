package org.catalogimport.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The JTA data source of the catalog database, for the code that needs plain JDBC (Flyway, the
 * importer's bulk writes). Connections taken inside a JTA transaction are enlisted in it.
 *
 * <p>Why it comes from Hibernate: the data source's JNDI name is written once, in persistence.xml
 * (where each server reads {@code jdbc/catalog} its own way); asking the persistence unit for the
 * data source it already uses keeps that name in one place.
 */
@ApplicationScoped
public class CatalogDatabase {

    @PersistenceUnit(unitName = "catalog")
    EntityManagerFactory entityManagerFactory;

    public DataSource dataSource() {
        return entityManagerFactory.unwrap(SessionFactoryImplementor.class)
                .getServiceRegistry()
                .requireService(ConnectionProvider.class)
                .unwrap(DataSource.class);
    }
}
