package org.catalogimport.imports;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.catalogimport.catalog.CatalogQueries;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.dev.ShapePackageWriter;
import org.catalogimport.imports.upload.PackageUploads;
import org.catalogimport.platform.redis.RedissonImportLock;
import org.catalogimport.testing.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The engine inside a real Payara Micro, on real PostgreSQL and Redis: the importer (one JTA
 * transaction per import: a fatal error changes nothing; sessions, progress and problems) and the
 * launcher with the cluster lock. The platform checks under it (JPA in JTA, the bootstrap
 * administrator, Redisson) are inherited from {@link PlatformChecksInContainer}: this is the run's
 * only Arquillian deployment, which that class says why.
 */
@ExtendWith(ArquillianExtension.class)
class CatalogImporterIT extends PlatformChecksInContainer {

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTestLibraries(Deployments.applicationWith(CatalogImporterIT.class,
                PlatformChecksInContainer.class, ShapePackageWriter.class, ShapePackageWriter.Dialect.class, ShapePackageWriter.StockShape.class,
                ShapePackageWriter.OffersSection.class).addClasses(DemoPackageWriter.classes()));
    }

    @Inject
    CatalogImporter importer;

    @Inject
    ImportLauncher launcher;

    @Inject
    ImportWorker worker;

    @Inject
    ImportSettings settings;

    @Inject
    PackagePreviews packages;

    @Inject
    PackageUploads uploads;

    @Inject
    RedissonImportLock lock;

    @Inject
    CatalogQueries catalog;

    @Inject
    org.eclipse.microprofile.config.Config config;

    @BeforeEach
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

    // ---- the importer: one transaction per import -----------------------------------------------

    @Test
    void aPackageIsImportedInOneTransactionAndTheSessionCompletesWithExactProgress() throws Exception {
        Path dir = DemoPackageWriter.write(tempDir("ok").resolve("pkg"), 200, 51);
        long id = newSession();

        CatalogImporter.Outcome outcome = importer.importPackage(id, dir);

        assertEquals(ImportStatus.COMPLETED, outcome.status(), outcome.errorMessage());
        ImportSession session = sessions.find(id).orElseThrow();
        assertEquals(ImportStatus.COMPLETED, session.getStatus());
        assertTrue(session.getTotalItems() > 200, "counted alongside the import: products and offers: " + session.getTotalItems());
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
        Files.write(lastRests, Arrays.copyOf(content, content.length / 2));
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
    void anImportWithProblemsCompletesAndKeepsEachProblemWithItsKindEntityFileAndLine() throws Exception {
        // Given a product in an undeclared group (stored, a warning) and an offer of a product nobody sent (skipped)
        Path dir = new ShapePackageWriter(ShapePackageWriter.Dialect.CLASSIC).priceType("it-pt", "Retail")
                .product("it-problems-p1", "Kept", "it-problems-no-group")
                .offer("it-problems-p1", "Kept").price("it-pt", "10")
                .offer("it-problems-ghost#v", "Ghost").price("it-pt", "20")
                .write(tempDir("problems").resolve("pkg"));
        long id = newSession();

        // When it is imported in the server
        CatalogImporter.Outcome outcome = importer.importPackage(id, dir);

        // Then it completed, with one skipped item and one warning, each stored with its place and reason
        assertEquals(ImportStatus.COMPLETED, outcome.status(), outcome.errorMessage());
        ImportSession session = sessions.find(id).orElseThrow();
        assertEquals(1, session.getSkippedItems());
        assertEquals(1, session.getWarningItems());
        assertEquals(List.of(
                new ImportSessions.Problem("SKIPPED", "offers", "it-problems-ghost#v", "offers.xml", 5L,
                        "the offer was skipped, with its 1 price(s) and 0 stock row(s): its product it-problems-ghost is not in the catalog",
                        "problem.offer.withoutProduct", "[\"1\",\"0\",\"it-problems-ghost\"]"),
                new ImportSessions.Problem("WARNING", "products", "it-problems-no-group", "import.xml", 5L,
                        "the group it-problems-no-group is not in the catalog; 1 product(s) refer to it and were stored with the reference kept",
                        "problem.product.groupUnknown", "[\"it-problems-no-group\",\"1\"]")),
                sessions.problems(id, 10));
        String report = sessions.entityCountsJson(id);
        JsonObject offers = Json.createReader(new StringReader(report)).readObject()
                .getJsonObject("offers");
        assertEquals(2, offers.getInt("read"), report);
        assertEquals(1, offers.getInt("inserted") + offers.getInt("updated") + offers.getInt("unchanged"),
                "stored (new on a fresh database, updated on a rerun): " + report);
        assertEquals(1, offers.getInt("skipped"), report);
        assertTrue(catalog.productJson("it-problems-p1").isPresent());
    }

    @Test
    void aFullExchangeThatWouldDeactivateMostOfTheCatalogFailsAndChangesNothing() throws Exception {
        // Given a catalog with at least three active products
        Path three = new ShapePackageWriter(ShapePackageWriter.Dialect.CLASSIC).product("it-guard-0", "A", null)
                .product("it-guard-1", "B", null).product("it-guard-2", "C", null).write(tempDir("guard").resolve("three"));
        assertEquals(ImportStatus.COMPLETED, importer.importPackage(newSession(), three).status());
        String summaryBefore = catalog.summaryJson();

        // When a "full" exchange arrives that mentions only one of them
        Path one = new ShapePackageWriter(ShapePackageWriter.Dialect.CLASSIC).fullExchange()
                .product("it-guard-0", "A", null).write(tempDir("guard").resolve("one"));
        long id = newSession();
        CatalogImporter.Outcome outcome = importer.importPackage(id, one);

        // Then the import failed with the numbers, and the catalog is exactly as before
        assertEquals(ImportStatus.FAILED, outcome.status());
        String message = sessions.find(id).orElseThrow().getErrorMessage();
        assertTrue(message.matches("This full exchange would deactivate [0-9,]+ of [0-9,]+ active products .*"), message);
        assertTrue(message.contains("allow mass deactivation") && message.contains("Nothing was changed"), message);
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

    // ---- the launcher and the cluster lock -----------------------------------------------------

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
    void anImportStartedInsideTheCallersTransactionRunsBeforeThatTransactionEnds() throws Exception {
        // Given a caller whose transaction stays open while it starts an import (as Payara is reported to open one
        // around a timer's callback declared NOT_SUPPORTED: the exchange's starter of waiting imports)
        transaction.begin();
        try {
            ImportLauncher.StartResult started = launcher.start("importer-it");
            assertEquals(ImportLauncher.Outcome.STARTED, started.outcome(), started.message());
            long id = started.session().getId();

            // Then the import completes while that transaction is still open: its session was committed before
            // the worker took it (a worker that did not see it failed the import, "another import is running").
            // Why the status is read on Awaitility's own thread: it is outside this transaction.
            await().atMost(Duration.ofMinutes(1)).until(() -> sessions.find(id).map(ImportSession::getStatus),
                    status -> status.filter(ImportStatus::isFinal).isPresent());
            ImportSession ended = sessions.find(id).orElseThrow();
            assertEquals(ImportStatus.COMPLETED, ended.getStatus(), ended.getErrorMessage());
        } finally {
            transaction.commit();
        }
    }

    @Test
    void theLockIsReleasedWhenTheImportFails() {
        RedissonImportLock.Held held = lock.tryAcquire();
        assertNotNull(held);
        long notPending = newSession();
        importer.importPackage(notPending, Path.of("/no/such/dir")); // now FAILED, no longer pending

        worker.run(sessions.find(notPending).orElseThrow(), Path.of("/no/such/dir"), held); // asynchronous: the importer refuses the session, the lock must go

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
        nodeLauncher.packages = packages;
        nodeLauncher.uploads = uploads;
        nodeLauncher.audit = audit;
        return nodeLauncher;
    }

    private static RedissonClient redisson(String address) {
        Config config = new Config();
        config.useSingleServer().setAddress(address);
        return Redisson.create(config);
    }
}
