package org.catalogimport.platform.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.catalogimport.testing.BackingServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/**
 * Two deployments sharing one Redis never block each other's imports when their database or key
 * prefix differs, and the database named in the address is where the lock lands. Real Redis (the
 * tests' embedded one, or CATALOG_REDIS_ADDRESS's); every client is built from {@link RedisSettings}
 * exactly as the application builds its own.
 *
 * <p>Every test uses a prefix of its own (and databases 0, 5 and 6 of that Redis), so a shared
 * Redis, or another deployment's lock in it, cannot disturb the test, nor the test them.
 */
class RedisSeparationIT {

    private final String base = RedisSettings.of(BackingServices.forTests().redisAddress(),
            Optional.empty(), Optional.empty(), Optional.empty(), 3000).address();
    private final String run = "it-" + UUID.randomUUID() + ":";
    private final List<RedissonClient> clients = new ArrayList<>();
    private final List<RedissonImportLock.Held> held = new ArrayList<>();

    @AfterEach
    void releaseAndClose() {
        held.forEach(RedissonImportLock.Held::release);
        clients.forEach(RedissonClient::shutdown);
    }

    @Test
    @DisplayName("Given an address naming database 5, when the lock is taken, then its key is in database 5 and not in 0")
    void theAddressDatabaseIsHonoured() {
        // Given a deployment configured with redis://host:port/5
        RedissonImportLock lock = lock(base + "/5", null, run);

        // When it takes the import lock
        assertNotNull(hold(lock.tryAcquire()), "the lock was free");

        // Then the key is in database 5 (with the prefix), and database 0 has no such key
        assertEquals(1, keysNamed(5, run + RedissonImportLock.LOCK_NAME), "the lock's key in database 5");
        assertEquals(0, keysNamed(0, run + RedissonImportLock.LOCK_NAME), "the lock's key in database 0");
    }

    @Test
    @DisplayName("Given a lock held in database 5, then a deployment on database 6 takes its own, and one on 5 is refused")
    void differentDatabasesDoNotBlock() {
        // Given one deployment holds the lock in database 5 (CATALOG_REDIS_DATABASE)
        assertNotNull(hold(lock(base, 5, run).tryAcquire()), "the lock in database 5 was free");

        // When a deployment on database 6 and a second one on database 5 try to start an import
        RedissonImportLock.Held onSix = hold(lock(base, 6, run).tryAcquire());
        RedissonImportLock.Held secondOnFive = lock(base, 5, run).tryAcquire();

        // Then database 6 gets its own lock; database 5 is taken (the lock works at all)
        assertNotNull(onSix, "a deployment on database 6 was blocked by database 5");
        assertNull(secondOnFive, "a second deployment on database 5 took the lock that was held");
    }

    @Test
    @DisplayName("Given a lock held with prefix A, then a deployment with prefix B takes its own, and one with A is refused")
    void differentPrefixesDoNotBlock() {
        // Given one deployment ("staging") holds the lock, in the same database as the next one
        assertNotNull(hold(lock(base, 0, run + "staging:").tryAcquire()), "staging's lock was free");

        // When "production", with its own prefix, and a second "staging" try to start an import
        RedissonImportLock.Held production = hold(lock(base, 0, run + "production:").tryAcquire());
        RedissonImportLock.Held secondStaging = lock(base, 0, run + "staging:").tryAcquire();

        // Then production gets its lock and staging's stays held; each key has its own prefix
        assertNotNull(production, "production was blocked by staging's lock");
        assertNull(secondStaging, "a second staging deployment took the lock that was held");
        assertEquals(1, keysNamed(0, run + "staging:" + RedissonImportLock.LOCK_NAME), "staging's key");
        assertEquals(1, keysNamed(0, run + "production:" + RedissonImportLock.LOCK_NAME), "production's key");
    }

    private RedissonImportLock lock(String address, Integer database, String prefix) {
        RedisSettings settings = RedisSettings.of(address, Optional.empty(), Optional.ofNullable(database), Optional.of(prefix), 3000);
        return new RedissonImportLock(client(settings));
    }

    /** How many keys of exactly this name are in the database, seen without any prefix. */
    private long keysNamed(int database, String rawName) {
        RedissonClient raw = client(RedisSettings.of(base, Optional.empty(), Optional.of(database), Optional.empty(), 3000));
        return raw.getKeys().countExists(rawName);
    }

    private RedissonClient client(RedisSettings settings) {
        RedissonClient client = Redisson.create(settings.toConfig());
        clients.add(client);
        return client;
    }

    private RedissonImportLock.Held hold(RedissonImportLock.Held lock) {
        if (lock != null) {
            held.add(lock);
        }
        return lock;
    }
}
