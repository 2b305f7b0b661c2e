package org.catalogimport.platform.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.catalogimport.platform.RootCause;

/**
 * Brings the database schema up to date with Flyway when the application is deployed, before any
 * other start-up bean touches the database (they declare {@code @DependsOn("DatabaseMigrations")}).
 */
@Singleton
@Startup
public class DatabaseMigrations {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

    @Inject
    CatalogDatabase database;

    @PostConstruct
    // why: Flyway commits each migration itself; an enlisted JTA connection would refuse that.
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        DataSource dataSource = database.dataSource();
        try {
            MigrateResult result = Flyway.configure(getClass().getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    // why: migration numbers are reserved per feature (V4 importer, V5 exchange, V6
                    // operations, V7 console), so one may arrive after a higher one has already run
                    // on a database; each is written to apply in any order.
                    .outOfOrder(true)
                    .load()
                    .migrate();
            LOG.info(() -> "Database schema is at version " + result.targetSchemaVersion
                    + " (" + result.migrationsExecuted + " migrations applied now)");
        } catch (RuntimeException e) {
            // why: a deployment that cannot reach its database must say so in one readable line.
            throw new IllegalStateException("Cannot migrate the catalog database: " + RootCause.message(e), e);
        }
    }

}
