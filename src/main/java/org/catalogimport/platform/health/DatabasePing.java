package org.catalogimport.platform.health;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Asks PostgreSQL for its version through the application's own data source. */
@Stateless
public class DatabasePing {

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String serverVersion() {
        return (String) entityManager.createNativeQuery("show server_version").getSingleResult();
    }
}
