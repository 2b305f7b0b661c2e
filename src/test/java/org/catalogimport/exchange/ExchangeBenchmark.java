package org.catalogimport.exchange;

import static org.awaitility.Awaitility.await;

import com.sun.tools.attach.VirtualMachine;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import com.sun.management.OperatingSystemMXBean;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.catalogimport.dev.DemoPackageWriter;
import org.catalogimport.testing.AdminApi;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.PayaraMicroProcess;
import org.catalogimport.testing.ServiceEndpoints;
import org.catalogimport.testing.TestDatabase;

/**
 * The 1C exchange benchmark (README, Performance; issue 12 point 11): the 3.1 split package zipped
 * with its sub-folders, as 1C sends it with {@code zip=yes}, exchanged over HTTP with a 10 MB file
 * limit against a Payara Micro of its own (database catalog_exchange_bench), then the same package
 * imported from the import folder in the same run, on an emptied catalog too. Prints the upload
 * time, the time from the first {@code import} to {@code success}, the total, the folder import,
 * their ratio (target ≤ 1.05), the server's CPU seconds for each, and its peak heap during the
 * upload (its heap pools' peaks over JMX). {@code -Dbench.repeat=N} plays N rounds of exchange then
 * folder import and prints the best of each and their ratio as well.
 *
 * <pre>./mvnw -B -Pbenchmark package -Dbench.main=org.catalogimport.exchange.ExchangeBenchmark -Dbench.products=100000 [-Dbench.repeat=3]</pre>
 */
public final class ExchangeBenchmark {

    private static final String USER = "bench-1c";
    private static final String PASSWORD = "bench-1c-password";
    private static final long FILE_LIMIT = 10L * 1024 * 1024;
    private static final List<String> CATALOG_TABLES = List.of("offer_stock", "offer_price", "offer", "product",
            "catalog_property_value", "catalog_property", "catalog_group", "price_type", "warehouse", "unit");

    private ExchangeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int products = Integer.getInteger("bench.products", 10_000);
        Path projectDir = Path.of(System.getProperty("catalog.project.dir", ".")).toAbsolutePath();
        Path bench = projectDir.resolve("target/bench");
        // -Dbench.packageRoot: where the package and its zip are kept (default target/bench), e.g. a
        // tmpfs, so that the folder import reads its files from memory as the exchange reads its own
        // freshly unpacked ones (a machine that drops clean cached pages makes it read them from disk)
        Path packageRoot = Path.of(System.getProperty("bench.packageRoot", bench.toString())).toAbsolutePath();
        Path packageDir = packageRoot.resolve("exchange-package-" + products);
        Path zip = packageRoot.resolve("exchange-package-" + products + ".zip");
        if (!Files.isDirectory(packageDir.resolve("goods"))) {
            long start = System.nanoTime();
            DemoPackageWriter.write(packageDir, products, 1);
            System.out.printf(Locale.ROOT, "package of %,d products written in %.1f s%n", products, seconds(start));
        }
        if (!Files.isRegularFile(zip)) {
            zipFolder(packageDir, zip);
        }
        System.out.printf(Locale.ROOT, "package: %.1f MB of XML, zip %.1f MB, file limit %d MB%n",
                size(packageDir) / 1e6, Files.size(zip) / 1e6, FILE_LIMIT / (1024 * 1024));

        ServiceEndpoints server = BackingServices.endpoints(System.getenv(), bench.resolve("services"));
        String url = TestDatabase.recreate(server, "catalog_exchange_bench");

        Map<String, String> env = new HashMap<>(PayaraMicroProcess.applicationEnvironment(
                new ServiceEndpoints(url, server.dbUser(), server.dbPassword(), server.redisAddress())));
        env.put("CATALOG_ADMIN_USER", IntegrationTestSettings.ADMIN_USER);
        env.put("CATALOG_ADMIN_PASSWORD", IntegrationTestSettings.ADMIN_PASSWORD);
        env.put("CATALOG_EXCHANGE_USER", USER);
        env.put("CATALOG_EXCHANGE_PASSWORD", PASSWORD);
        env.put("CATALOG_EXCHANGE_FILE_LIMIT", Long.toString(FILE_LIMIT));
        env.put("CATALOG_EXCHANGE_DIR", bench.resolve("exchange-staging").toString());
        env.put("CATALOG_IMPORT_DIR", packageDir.toString());
        // -Dbench.workDir: where the server unpacks the exchange's zip (default target/bench/exchange-work),
        // e.g. a tmpfs, to see what writing the unpacked gigabyte to disk costs the import that follows
        env.put("CATALOG_IMPORT_WORK_DIR", System.getProperty("bench.workDir", bench.resolve("exchange-work").toString()));
        try (PayaraMicroProcess payara = PayaraMicroProcess.start(PayaraMicroProcess.Settings.forProject(projectDir,
                BackingServices.freePort(), env, bench.resolve("payara-exchange.log"))).awaitReady(Duration.ofMinutes(5))) {
            AdminApi api = new AdminApi(payara.baseUri());
            int repeat = Math.max(1, Integer.getInteger("bench.repeat", 1));
            List<Double> exchanges = new ArrayList<>();
            List<Double> folders = new ArrayList<>();
            try (ServerJvm jvm = new ServerJvm(payara.process().pid())) {
                // why a warm-up, and an exchange: whichever import runs first in a just-started server
                // pays its JIT compilation and a cold database, and the first exchange also the JIT of
                // its own paths and the first writes of 1 GB of unpacked files into memory the machine
                // never used; an exchange runs all the code both measured imports run
                ExchangeRun warmUp = exchange(new OneCExchangeClient(payara.baseUri().resolve("1c_exchange"), USER, PASSWORD),
                        jvm, zip, firstGoodsFile(packageDir));
                System.out.printf(Locale.ROOT, "warm-up exchange (not compared): %.1f s%n", warmUp.total());
                emptyCatalog(url, server);
                for (int round = 1; round <= repeat; round++) {
                    OneCExchangeClient client = new OneCExchangeClient(payara.baseUri().resolve("1c_exchange"), USER, PASSWORD);
                    ExchangeRun exchange = exchange(client, jvm, zip, firstGoodsFile(packageDir));
                    String exchangeSummary = api.get("catalog/summary").body();
                    emptyCatalog(url, server);

                    long folderCpu = jvm.cpuNanos();
                    double folder = folderImport(api);
                    double folderCpuSeconds = (jvm.cpuNanos() - folderCpu) / 1e9;
                    String folderSummary = api.get("catalog/summary").body();
                    emptyCatalog(url, server);
                    exchanges.add(exchange.total());
                    folders.add(folder);

                    System.out.printf(Locale.ROOT, "%nround %d of %d: exchange of %,d products (%d parts of ≤ 10 MB):%n",
                            round, repeat, products, exchange.parts());
                    System.out.printf(Locale.ROOT, "  upload (checkauth, init, file parts): %7.1f s  (%.1f MB/s; checkauth and init %.2f s,"
                                    + " reading the zip %.2f s, each part answered in %s s)%n",
                            exchange.upload(), Files.size(zip) / 1e6 / exchange.upload(), exchange.signIn(), exchange.zipRead(),
                            exchange.partAnswers().stream().map(t -> String.format(Locale.ROOT, "%.2f", t)).toList());
                    System.out.printf(Locale.ROOT, "  first import call to success:         %7.1f s  (%d import calls; %s)%n",
                            exchange.importing(), exchange.importCalls(), exchange.outcome());
                    System.out.printf(Locale.ROOT, "  total:                                %7.1f s  (server CPU %.1f s)%n",
                            exchange.total(), exchange.cpu());
                    System.out.printf(Locale.ROOT, "folder import of the same package:      %7.1f s  (server CPU %.1f s)%n",
                            folder, folderCpuSeconds);
                    System.out.printf(Locale.ROOT, "exchange total / folder import = %.2f (target ≤ 1.05)%n", exchange.total() / folder);
                    System.out.printf(Locale.ROOT, "server peak heap during the upload: %.0f MB (max heap 768 MB)%n",
                            exchange.peakHeap() / 1e6);
                    System.out.println("same catalog both ways: " + exchangeSummary.equals(folderSummary) + " " + folderSummary);
                }
            }
            if (repeat > 1) {
                // why the best of each: on a shared machine other work only ever adds time
                double bestExchange = exchanges.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                double bestFolder = folders.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                System.out.printf(Locale.ROOT, "%nbest of %d: exchange %.1f s, folder import %.1f s, ratio %.2f (target ≤ 1.05)%n",
                        repeat, bestExchange, bestFolder, bestExchange / bestFolder);
            }
        }
    }

    /** One exchange as the benchmark times it; {@code outcome} is line 2 of the last import answer. */
    private record ExchangeRun(double signIn, double zipRead, List<Double> partAnswers, double upload, double importing,
                               double total, double cpu, int parts, int importCalls, long peakHeap, String outcome) {
    }

    /** checkauth, init, the zip in parts, import until done, deactivate, complete: 1C's whole exchange. */
    private static ExchangeRun exchange(OneCExchangeClient client, ServerJvm jvm, Path zip, String importName)
            throws Exception {
        long start = System.nanoTime();
        long startCpu = jvm.cpuNanos();
        OneCExchangeClient.requireSuccess(client.checkauth(), "checkauth");
        client.init();
        if (client.fileLimit() != FILE_LIMIT || !client.zip()) {
            throw new IllegalStateException("init did not say zip=yes, file_limit=" + FILE_LIMIT);
        }
        double signIn = seconds(start);
        jvm.resetPeak();
        List<Double> partSeconds = new ArrayList<>();
        double readSeconds = 0;
        int parts = 0;
        try (InputStream in = Files.newInputStream(zip)) {
            // as OneCExchangeClient.sendFile sends it, each part timed: reading it here, and the server's answer
            for (byte[] part = new byte[0]; parts == 0 || part.length == FILE_LIMIT; parts++) {
                long read = System.nanoTime();
                part = in.readNBytes((int) FILE_LIMIT);
                readSeconds += seconds(read);
                if (part.length == 0 && parts > 0) {
                    break;
                }
                long sent = System.nanoTime();
                OneCExchangeClient.requireSuccess(client.sendChunk("v8_3B8F_3e.zip", part), "file part");
                partSeconds.add(seconds(sent));
            }
        }
        long peakHeap = jvm.peak();
        double upload = seconds(start);
        long importStart = System.nanoTime();
        OneCExchangeClient.Answer outcome = client.importUntilDone(importName, Duration.ofHours(1));
        double importing = seconds(importStart);
        OneCExchangeClient.requireSuccess(outcome, "import");
        client.call("deactivate");
        client.call("complete");
        return new ExchangeRun(signIn, readSeconds, partSeconds, upload, importing, seconds(start),
                (jvm.cpuNanos() - startCpu) / 1e9, parts, client.importAnswers().size(), peakHeap, outcome.line(2));
    }

    /**
     * Imports the import folder over the API and waits for the end; its seconds, from the request to
     * the session's own finish time (client and server share the clock). Why not a tight poll: every
     * API call checks the administrator's password (PBKDF2, 60 ms of CPU once compiled, more before),
     * so polling every 200 ms kept a third of a core busy and slowed the very import it timed (1C's
     * {@code import} calls come by token, without that cost). A call every 5 s costs the import
     * about 1 % of a core, and the finish time keeps the figure exact.
     */
    private static double folderImport(AdminApi api) throws Exception {
        Instant requested = Instant.now();
        HttpResponse<String> started = api.send("POST", api.uri("imports"));
        if (started.statusCode() != 202) {
            throw new IllegalStateException("folder import not started: " + started.body());
        }
        long id = AdminApi.object(started).getJsonNumber("id").longValue();
        AtomicReference<JsonObject> last = new AtomicReference<>();
        await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofSeconds(5)).until(() -> {
            last.set(api.object("imports/" + id));
            return List.of("COMPLETED", "FAILED", "CANCELLED").contains(last.get().getString("status"));
        });
        JsonObject session = last.get();
        if (!"COMPLETED".equals(session.getString("status"))) {
            throw new IllegalStateException("folder import ended " + session);
        }
        return Duration.between(requested, Instant.parse(session.getString("finishedAt"))).toNanos() / 1e9;
    }

    /**
     * The server's JVM seen over JMX (the JDK's attach API starts the local management agent in the
     * server): its heap pools, whose peaks are reset before the upload and summed after it, so the
     * figure is the exact high-water mark, not a sample; and its CPU time, which says what each
     * import cost the server even when other work on the machine stretches the wall-clock times.
     */
    private static final class ServerJvm implements AutoCloseable {
        private final JMXConnector connector;
        private final List<MemoryPoolMXBean> heapPools;
        private final OperatingSystemMXBean system;

        ServerJvm(long pid) throws Exception {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            MBeanServerConnection server = connector.getMBeanServerConnection();
            heapPools = ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class).stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            system = ManagementFactory.getPlatformMXBean(server, OperatingSystemMXBean.class);
        }

        long cpuNanos() {
            return system.getProcessCpuTime();
        }

        void resetPeak() {
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        long peak() {
            return heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        }

        @Override
        public void close() throws IOException {
            connector.close();
        }
    }

    private static void emptyCatalog(String url, ServiceEndpoints server) throws Exception {
        try (Connection db = DriverManager.getConnection(url, server.dbUser(), server.dbPassword());
             Statement statement = db.createStatement()) {
            statement.execute("TRUNCATE " + String.join(", ", CATALOG_TABLES) + " CASCADE");
        }
    }

    /** The package zipped with its sub-folders, as 1C zips it. */
    public static void zipFolder(Path dir, Path zip) throws IOException {
        Path partial = zip.resolveSibling(zip.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zipped = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zipped.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zipped);
                zipped.closeEntry();
            }
        }
        Files.move(partial, zip);
    }

    /** What 1C names in import&filename=: an XML inside the zip, with its folder. */
    private static String firstGoodsFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("goods"))) {
            return dir.relativize(files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow())
                    .toString().replace('\\', '/');
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
