package org.catalogimport.platform.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.redisson.config.SingleServerConfig;

/** How CATALOG_REDIS_ADDRESS, CATALOG_REDIS_DATABASE and CATALOG_REDIS_KEY_PREFIX combine. */
class RedisSettingsTest {

    private static RedisSettings settings(String url, Integer database, String prefix) {
        return RedisSettings.of(url, Optional.empty(), Optional.ofNullable(database), Optional.ofNullable(prefix), 3000);
    }

    @Test
    @DisplayName("Given an address with a path, then the path is the database and the address Redisson gets has none")
    void databaseFromTheAddress() {
        RedisSettings settings = settings("redis://cache.example:6380/5", null, null);

        assertEquals(5, settings.database());
        assertEquals("redis://cache.example:6380", settings.address());
        SingleServerConfig server = settings.toConfig().useSingleServer();
        assertEquals(5, server.getDatabase());
        assertEquals("redis://cache.example:6380", server.getAddress());
    }

    @Test
    @DisplayName("Given no database anywhere, then database 0; given only the setting, then the setting")
    void databaseFromTheSetting() {
        assertEquals(0, settings("redis://127.0.0.1:6379", null, null).database());
        assertEquals(0, settings("redis://127.0.0.1:6379/", null, null).database());
        assertEquals(3, settings("redis://127.0.0.1:6379", 3, null).database());
        assertEquals(3, settings("redis://127.0.0.1:6379/3", 3, null).database(), "both, agreeing");
    }

    @Test
    @DisplayName("Given the address and the setting naming different databases, then it refuses and names both")
    void disagreementRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> settings("redis://127.0.0.1:6379/5", 3, null));
        assertTrue(refused.getMessage().contains("database 5") && refused.getMessage().contains("says 3"), refused.getMessage());
    }

    @Test
    @DisplayName("Given a path that is not a number or a negative database, then it refuses with the expected shape")
    void badDatabaseRefused() {
        IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
                () -> settings("redis://127.0.0.1:6379/staging", null, null));
        assertTrue(path.getMessage().contains("redis://host:6379/5"), path.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings("redis://127.0.0.1:6379", -1, null));
        assertThrows(IllegalArgumentException.class, () -> settings("127.0.0.1:6379", null, null));
    }

    @Test
    @DisplayName("Given credentials and TLS in the address, then they stay in it and out of the log")
    void userInfoAndSchemeKept() {
        RedisSettings settings = settings("rediss://user:secret@cache.example:6390/2", null, null);

        assertEquals("rediss://user:secret@cache.example:6390", settings.address());
        assertEquals(2, settings.database());
        assertEquals("rediss://***@cache.example:6390, database 2, no key prefix", settings.describe(), "the log line hides the password");
    }

    @Test
    @DisplayName("Given a key prefix, then every key name gets it and loses it on the way back; none without")
    void prefixMapsNames() {
        SingleServerConfig prefixed = settings("redis://127.0.0.1:6379", null, "staging:").toConfig().useSingleServer();
        assertEquals("staging:import_catalog_lock", prefixed.getNameMapper().map("import_catalog_lock"));
        assertEquals("import_catalog_lock", prefixed.getNameMapper().unmap("staging:import_catalog_lock"));

        SingleServerConfig plain = settings("redis://127.0.0.1:6379", null, null).toConfig().useSingleServer();
        assertEquals("import_catalog_lock", plain.getNameMapper().map("import_catalog_lock"));
    }
}
