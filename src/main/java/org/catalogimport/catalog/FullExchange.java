package org.catalogimport.catalog;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.catalogimport.commerceml.CatalogEntity;
import org.catalogimport.commerceml.SectionInfo;
import org.catalogimport.commerceml.SectionKind;

/**
 * A full exchange ({@code СодержитТолькоИзменения="false"}) deactivates, at the end of the package,
 * the products or offers it did not mention; nothing is ever deleted. What the package mentions is
 * remembered in temporary tables that vanish with the transaction.
 *
 * <p>The guard: a partial export sent as full would deactivate most of the catalog (users of other
 * importers lost whole catalogs that way). Deactivating more than {@link DeactivationPolicy#maxShare()}
 * of the active products or offers refuses the whole import, unless it was started with an explicit
 * "allow mass deactivation".
 */
final class FullExchange {

    private final CatalogStatements sql;
    private final DeactivationPolicy policy;
    private final Set<String> seenProducts = new LinkedHashSet<>();
    private final Set<String> seenOffers = new LinkedHashSet<>();
    private boolean catalogSectionIsFull;
    private boolean offersSectionIsFull;
    private boolean fullCatalog;
    private boolean fullOffers;
    private boolean tablesCreated;

    FullExchange(CatalogStatements sql, DeactivationPolicy policy) {
        this.sql = sql;
        this.policy = policy;
    }

    void section(SectionInfo section) {
        boolean full = !section.containsOnlyChanges();
        if (section.kind() == SectionKind.CATALOG) {
            catalogSectionIsFull = full;
            fullCatalog |= full;
        } else if (section.kind() == SectionKind.OFFERS_PACKAGE) {
            offersSectionIsFull = full;
            fullOffers |= full;
        } else if (section.kind() == SectionKind.OFFERS_CHANGES) {
            offersSectionIsFull = false;
        }
    }

    void product(String id) {
        if (catalogSectionIsFull) {
            seenProducts.add(id);
        }
    }

    void offer(String id) {
        if (offersSectionIsFull) {
            seenOffers.add(id);
        }
    }

    int buffered() {
        return Math.max(seenProducts.size(), seenOffers.size());
    }

    void flush() throws SQLException {
        if (seenProducts.isEmpty() && seenOffers.isEmpty()) {
            return;
        }
        createTables();
        insertSeen("import_seen_product", seenProducts);
        insertSeen("import_seen_offer", seenOffers);
    }

    /** Deactivates what a full exchange did not mention, after checking the guard for both tables. */
    void deactivateUnmentioned() throws SQLException, CatalogWriteRefused {
        if (!fullCatalog && !fullOffers) {
            return;
        }
        createTables();
        String products = "FROM product p WHERE p.active AND NOT EXISTS"
                + " (SELECT 1 FROM import_seen_product s WHERE s.external_id = p.external_id)";
        String offers = "FROM offer o WHERE o.active AND NOT EXISTS"
                + " (SELECT 1 FROM import_seen_offer s WHERE s.external_id = o.external_id)";
        if (fullCatalog) {
            guard("products", "product", products);
        }
        if (fullOffers) {
            guard("offers", "offer", offers);
        }
        if (fullCatalog) {
            sql.counts().deactivated(CatalogEntity.PRODUCTS, sql.update("UPDATE product SET active = false, updated_at = now()"
                    + " WHERE external_id IN (SELECT p.external_id " + products + ")"));
        }
        if (fullOffers) {
            sql.counts().deactivated(CatalogEntity.OFFERS, sql.update("UPDATE offer SET active = false, updated_at = now()"
                    + " WHERE external_id IN (SELECT o.external_id " + offers + ")"));
        }
    }

    private void guard(String what, String table, String unmentioned) throws SQLException, CatalogWriteRefused {
        long[] numbers = sql.longs("SELECT (SELECT count(*) FROM " + table + " WHERE active), (SELECT count(*) "
                + unmentioned + ")");
        long active = numbers[0];
        long wouldDeactivate = numbers[1];
        if (!policy.allowMassDeactivation() && wouldDeactivate > 0 && wouldDeactivate > policy.maxShare() * active) {
            throw new CatalogWriteRefused(String.format(Locale.ROOT, "This full exchange would deactivate %,d of %,d"
                            + " active %s (more than %d %%): a partial export sent as full? Nothing was changed. If this"
                            + " is intended, start the import again with \"allow mass deactivation\".",
                    wouldDeactivate, active, what, Math.round(policy.maxShare() * 100)));
        }
    }

    private void createTables() throws SQLException {
        if (tablesCreated) {
            return;
        }
        try (Statement statement = sql.connection().createStatement()) {
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS import_seen_product (external_id varchar(100) PRIMARY KEY) ON COMMIT DROP");
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS import_seen_offer (external_id varchar(201) PRIMARY KEY) ON COMMIT DROP");
            // why: a caller may run two imports in one transaction; each starts with nothing seen.
            statement.execute("TRUNCATE import_seen_product, import_seen_offer");
        }
        tablesCreated = true;
    }

    private void insertSeen(String table, Set<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = sql.connection().prepareStatement(
                "INSERT INTO " + table + " SELECT unnest(?::varchar[]) ON CONFLICT DO NOTHING")) {
            insert.setArray(1, sql.array("varchar", ids.toArray(String[]::new)));
            insert.executeUpdate();
        }
        ids.clear();
    }
}
