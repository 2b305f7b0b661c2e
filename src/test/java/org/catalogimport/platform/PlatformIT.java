package org.catalogimport.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportSessions;
import org.catalogimport.imports.ImportStatus;
import org.catalogimport.platform.security.AppUser;
import org.catalogimport.platform.security.Roles;
import org.catalogimport.platform.security.UserAccounts;
import org.catalogimport.testing.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/**
 * Inside a real Payara Micro with the real WAR, against real PostgreSQL and Redis: the
 * persistence unit writes and reads in JTA transactions, the migrations and the bootstrap
 * administrator ran at deployment, and the produced Redisson client takes and releases locks.
 */
@ExtendWith(ArquillianExtension.class)
class PlatformIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.applicationWith(PlatformIT.class);
    }

    @Inject
    ImportSessions sessions;

    @Inject
    UserTransaction transaction;

    @Inject
    UserAccounts users;

    @Inject
    RedissonClient redisson;

    @Test
    void anImportSessionIsWrittenAndReadBackThroughJpaInAJtaTransaction() throws Exception {
        // Given a session written in one JTA transaction
        Instant started = Instant.now().truncatedTo(ChronoUnit.MICROS);
        transaction.begin();
        ImportSession session = sessions.save(new ImportSession("platform-it", "node-a", started));
        // why not RUNNING: at most one session may run (a partial unique index); this one stays PENDING.
        session.recordProgress(10, 4, 1, started.plusSeconds(2));
        transaction.commit();

        // When it is read back in another transaction
        transaction.begin();
        ImportSession read = sessions.find(session.getId()).orElseThrow();
        transaction.commit();

        // Then every field survived the round trip
        assertEquals(ImportStatus.PENDING, read.getStatus());
        assertEquals(started, read.getStartedAt());
        assertEquals("platform-it", read.getTriggeredBy());
        assertEquals("node-a", read.getNode());
        assertEquals(10, read.getTotalItems());
        assertEquals(4, read.getProcessedItems());
        assertEquals(1, read.getFailedItems());
        assertTrue(sessions.count(ImportStatus.PENDING) >= 1);
        transaction.begin();
        sessions.find(session.getId()).orElseThrow().fail("test session, not an import", Instant.now());
        transaction.commit();
    }

    @Test
    void aRolledBackTransactionLeavesNoSession() throws Exception {
        transaction.begin();
        ImportSession session = sessions.save(new ImportSession("platform-it-rollback", "node-a", Instant.now()));
        long id = session.getId();
        transaction.rollback();

        assertTrue(sessions.find(id).isEmpty(), "session " + id + " must not exist after rollback");
    }

    @Test
    void theBootstrapAdministratorWasCreatedWithAPbkdf2Hash() {
        AppUser admin = users.findByUsername("it-admin").orElseThrow();

        assertTrue(admin.getRoles().contains(Roles.ADMIN));
        assertTrue(admin.getPasswordHash().startsWith("PBKDF2WithHmacSHA256:210000:"), admin.getPasswordHash());
        assertTrue(users.authenticate("it-admin", "it-admin-password".toCharArray()).isPresent());
        assertTrue(users.authenticate("it-admin", "wrong-password".toCharArray()).isEmpty());
    }

    @Test
    void aRedissonLockIsTakenHeldAgainstOthersAndReleased() throws Exception {
        RLock lock = redisson.getLock("platform-it-lock-" + UUID.randomUUID());

        assertTrue(lock.tryLock(0, TimeUnit.SECONDS), "a free lock is taken at once");
        assertTrue(lock.isLocked());
        assertFalse(CompletableFuture.supplyAsync(lock::tryLock).get(10, TimeUnit.SECONDS),
                "another thread must not get a held lock");

        lock.unlock();

        assertFalse(lock.isLocked());
        assertTrue(CompletableFuture.supplyAsync(() -> {
            boolean taken = lock.tryLock();
            if (taken) {
                lock.unlock();
            }
            return taken;
        }).get(10, TimeUnit.SECONDS), "a released lock can be taken by another thread");
    }
}
