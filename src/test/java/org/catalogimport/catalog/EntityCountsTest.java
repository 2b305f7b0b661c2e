package org.catalogimport.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.catalogimport.commerceml.CatalogEntity;
import org.junit.jupiter.api.Test;

class EntityCountsTest {

    @Test
    void itemsThatAreStoredMergedOrSkippedAddUp() {
        EntityCounts counts = new EntityCounts();
        counts.read(CatalogEntity.PRICES, 10);
        counts.written(CatalogEntity.PRICES, 6, 4, 1);
        counts.unchanged(CatalogEntity.PRICES, 1);
        counts.merged(CatalogEntity.PRICES, 2);
        counts.skipped(CatalogEntity.PRICES, 1);
        counts.warnings(CatalogEntity.PRICES, 3);
        counts.created(CatalogEntity.PRICE_TYPES, 1);

        assertEquals(Optional.empty(), counts.imbalance());
        assertEquals(new EntityCounts.Count(10, 4, 1, 2, 2, 1, 0, 3), counts.get(CatalogEntity.PRICES));
        assertEquals(1, counts.skipped());
        assertEquals(3, counts.warnings());
        assertEquals("{\"priceTypes\":{\"read\":1,\"inserted\":1,\"updated\":0,\"unchanged\":0,\"merged\":0,\"skipped\":0,"
                + "\"deactivated\":0,\"warnings\":0,\"notRead\":0},\"prices\":{\"read\":10,\"inserted\":4,\"updated\":1,\"unchanged\":2,"
                + "\"merged\":2,\"skipped\":1,\"deactivated\":0,\"warnings\":3,\"notRead\":0}}", counts.toJson());
    }

    @Test
    void anItemReadButNeitherStoredNorReportedIsNamedWithTheNumbers() {
        EntityCounts counts = new EntityCounts();
        counts.read(CatalogEntity.STOCK, 3408);
        counts.read(CatalogEntity.OFFERS, 213);
        counts.written(CatalogEntity.OFFERS, 213, 0, 213);

        String message = counts.imbalance().orElseThrow().english();

        assertTrue(message.startsWith("The import's accounting does not add up for Stock: read 3,408, but new 0"
                + " + updated 0 + unchanged 0 + merged 0 + skipped 0 = 0."), message);
    }
}
