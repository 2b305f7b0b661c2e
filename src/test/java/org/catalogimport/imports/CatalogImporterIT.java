package org.catalogimport.imports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.catalogimport.catalog.CatalogQueries;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.platform.redis.RedissonImportLock;
import org.catalogimport.testing.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The importer and the launcher inside a real Payara Micro, on real PostgreSQL and Redis: one JTA
 * transaction per import (a fatal error changes nothing), sessions and progress, the cluster lock.
 */
@ExtendWith(ArquillianExtension.class)
class CatalogImporterIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTestLibraries(Deployments.applicationWith(CatalogImporterIT.class, DemoPackageWriter.class));
    }

    @Inject
    CatalogImporter importer;

    @Inject
    ImportSessions sessions;

    @Inject
    ImportLauncher launcher;

    @Inject
    ImportWorker worker;

    @Inject
    ImportSettings settings;

    @Inject
    RedissonImportLock lock;

    @Inject
    CatalogQueries catalog;

    @Inject
    org.eclipse.microprofile.config.Config config;

    @org.junit.jupiter.api.BeforeEach
    void nothingRuns() {
        // why: the launcher tests run imports in the background; a direct import must not race them.
        await().atMost(Duration.ofMinutes(2)).until(() -> sessions.running().isEmpty() && !lock.isLocked());
    }

    private long newSession() {
        return sessions.save(new ImportSession("importer-it", NodeName.get(), Instant.now())).getId();
    }

    private static Path tempDir(String name) throws IOException {
        return Files.createTempDirectory("catalog-import-it-" + name);
    }

    @Test
    void aPackageIsImportedInOneTransactionAndTheSessionCompletesWithExactProgress() throws Exception {
        Path dir = DemoPackageWriter.write(tempDir("ok").resolve("pkg"), 200, 51);
        long id = newSession();

        CatalogImporter.Outcome outcome = importer.importPackage(id, dir);

        assertEquals(ImportStatus.COMPLETED, outcome.status(), outcome.errorMessage());
        ImportSession session = sessions.find(id).orElseThrow();
        assertEquals(ImportStatus.COMPLETED, session.getStatus());
        assertTrue(session.getTotalItems() > 200, "pre-scan counted products and offers: " + session.getTotalItems());
        assertEquals(session.getTotalItems(), session.getProcessedItems());
        assertNotNull(session.getFinishedAt());
        assertTrue(sessions.entityCountsJson(id).contains("\"products\""), sessions.entityCountsJson(id));
        assertTrue(catalog.productJson(DemoPackageWriter.productId(51, 0)).isPresent());
    }

    @Test
    void aFatalErrorInTheMiddleOfThePackageLeavesTheCatalogExactlyAsBefore() throws Exception {
        // Given a package whose last stock file is cut off in the middle (products and offers come first)
        Path dir = DemoPackageWriter.write(tempDir("broken").resolve("pkg"), 200, 52);
        Path lastRests;
        try (Stream<Path> files = Files.list(dir.resolve("rests"))) {
            lastRests = files.max(Comparator.naturalOrder()).orElseThrow();
        }
        byte[] content = Files.readAllBytes(lastRests);
        Files.write(lastRests, java.util.Arrays.copyOf(content, content.length / 2));
        String summaryBefore = catalog.summaryJson();
        long id = newSession();

        // When it is imported
        CatalogImporter.Outcome outcome = importer.importPackage(id, dir);

        // Then the session failed, saying where, and nothing of the package is in the catalog
        assertEquals(ImportStatus.FAILED, outcome.status());
        ImportSession session = sessions.find(id).orElseThrow();
        assertEquals(ImportStatus.FAILED, session.getStatus());
        assertTrue(session.getErrorMessage().contains(lastRests.getFileName().toString()), session.getErrorMessage());
        assertTrue(session.getErrorMessage().contains("Nothing was changed"), session.getErrorMessage());
        assertTrue(catalog.productJson(DemoPackageWriter.productId(52, 0)).isEmpty());
        assertEquals(summaryBefore, catalog.summaryJson());
    }

    @Test
    void anXxePackageIsRejectedAndLeaksNothing() throws Exception {
        Path dir = tempDir("xxe");
        Files.writeString(dir.resolve("import.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE КоммерческаяИнформация [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <КоммерческаяИнформация ВерсияСхемы="2.07"><Каталог><Товары><Товар><Ид>xxe</Ид>
                <Наименование>&secret;</Наименование></Товар></Товары></Каталог></КоммерческаяИнформация>
                """, StandardCharsets.UTF_8);
        long id = newSession();

        CatalogImporter.Outcome outcome = importer.importPackage(id, dir);

        assertEquals(ImportStatus.FAILED, outcome.status());
        String message = sessions.find(id).orElseThrow().getErrorMessage();
        assertTrue(message.contains("DTD") || message.contains("DOCTYPE"), message);
        assertFalse(message.contains("root:"), message);
        assertTrue(catalog.productJson("xxe").isEmpty());
    }

    @Test
    void aMissingImportFolderFailsTheSessionWithAClearMessage() throws Exception {
        Path missing = tempDir("missing").resolve("no-such-folder");
        long id = newSession();

        CatalogImporter.Outcome outcome = importer.importPackage(id, missing);

        assertEquals(ImportStatus.FAILED, outcome.status());
        assertTrue(sessions.find(id).orElseThrow().getErrorMessage().contains("no-such-folder"),
                sessions.find(id).orElseThrow().getErrorMessage());
    }

    @Test
    void theLauncherRunsTheImportInTheBackgroundAndReleasesTheLockWhenItEnds() {
        ImportLauncher.StartResult started = launcher.start("importer-it");
        assertEquals(ImportLauncher.Outcome.STARTED, started.outcome(), started.message());

        // a second start while the first runs gets a warning and creates no session
        long sessionsBefore = sessions.count(null);
        ImportLauncher.StartResult second = launcher.start("importer-it");
        assertEquals(ImportLauncher.Outcome.ALREADY_RUNNING, second.outcome());
        assertEquals(sessionsBefore, sessions.count(null));

        await().atMost(Duration.ofMinutes(2)).until(
                () -> sessions.find(started.session().getId()).orElseThrow().getStatus().isFinal());
        assertEquals(ImportStatus.COMPLETED, sessions.find(started.session().getId()).orElseThrow().getStatus(),
                sessions.find(started.session().getId()).orElseThrow().getErrorMessage());
        await().atMost(Duration.ofSeconds(10)).until(() -> !lock.isLocked());
        assertTrue(catalog.productJson(DemoPackageWriter.productId(1, 0)).isPresent());
    }

    @Test
    void theLockIsReleasedWhenTheImportFails() {
        RedissonImportLock.Held held = lock.tryAcquire();
        assertNotNull(held);
        long notPending = newSession();
        importer.importPackage(notPending, Path.of("/no/such/dir")); // now FAILED, no longer pending

        worker.run(notPending, held); // asynchronous: the importer refuses the session, the lock must go

        await().atMost(Duration.ofSeconds(30)).until(() -> !lock.isLocked());
    }

    @Test
    void fiftyParallelStartsFromTwoNodesStartExactlyOneImport() throws Exception {
        await().atMost(Duration.ofMinutes(2)).until(() -> !lock.isLocked() && sessions.running().isEmpty());
        String address = config.getValue("catalog.redis.address", String.class);
        RedissonClient nodeA = redisson(address);
        RedissonClient nodeB = redisson(address);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            ImportLauncher launcherA = launcherOn(nodeA);
            ImportLauncher launcherB = launcherOn(nodeB);
            List<Callable<ImportLauncher.StartResult>> starts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ImportLauncher target = i % 2 == 0 ? launcherA : launcherB;
                starts.add(() -> target.start("parallel-" + Thread.currentThread().getId()));
            }
            long sessionsBefore = sessions.count(null);

            List<ImportLauncher.StartResult> results = new ArrayList<>();
            for (Future<ImportLauncher.StartResult> future : pool.invokeAll(starts)) {
                results.add(future.get());
            }

            assertEquals(1, results.stream().filter(r -> r.outcome() == ImportLauncher.Outcome.STARTED).count(), results.toString());
            assertEquals(49, results.stream().filter(r -> r.outcome() == ImportLauncher.Outcome.ALREADY_RUNNING).count());
            assertEquals(sessionsBefore + 1, sessions.count(null));
            await().atMost(Duration.ofMinutes(2)).until(() -> sessions.running().isEmpty() && !lock.isLocked());
        } finally {
            pool.shutdownNow();
            nodeA.shutdown();
            nodeB.shutdown();
        }
    }

    private ImportLauncher launcherOn(RedissonClient client) {
        RedissonImportLock nodeLock = new RedissonImportLock(client);
        ImportLauncher nodeLauncher = new ImportLauncher();
        nodeLauncher.lock = nodeLock;
        nodeLauncher.sessions = sessions;
        nodeLauncher.worker = worker;
        nodeLauncher.settings = settings;
        return nodeLauncher;
    }

    private static RedissonClient redisson(String address) {
        Config config = new Config();
        config.useSingleServer().setAddress(address);
        return Redisson.create(config);
    }
}
