package org.catalogimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIG.md lists every setting something reads, and nothing else.
 *
 * <p>What counts as read: {@code @ConfigProperty(name = ...)} and Config / ConfigProvider look-ups in
 * src/main/java, the keys of microprofile-config.properties, {@code System.getenv("...")} in
 * src/main/java, the server scripts ({@code ${MPCONFIG=...}}, {@code ${env.CATALOG_...}}),
 * docker/ (compose variables, nginx template) and the run command (DevServer and the BackingServices
 * it asks). What counts as documented: the rows of the page's tables,
 * {@code | `mp.name` or — | `ENV_NAME` | default | meaning |}.
 *
 * <p>Why a scan of the sources and not a list kept here: a list would be a third place to forget.
 * A setting added anywhere fails this test, naming the setting and the file that reads it, until
 * the page has its row.
 */
class ConfigurationDocumentedTest {

    private static final Path PAGE = Path.of("docs/CONFIG.md");
    private static final Path PROPERTIES = Path.of("src/main/resources/META-INF/microprofile-config.properties");
    private static final Path MAIN_JAVA = Path.of("src/main/java");
    private static final List<Path> RUN_COMMAND = List.of(
            Path.of("src/test/java/org/catalogimport/dev/DevServer.java"),
            Path.of("src/test/java/org/catalogimport/testing/BackingServices.java"));

    private static final Pattern CONFIG_PROPERTY =
            Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*(\"[^\"]*\"|[A-Za-z_][\\w.]*)");
    private static final Pattern CONFIG_LOOKUP =
            Pattern.compile("\\.get(?:Optional)?(?:Config)?Values?\\s*\\(\\s*(\"[^\"]*\"|[A-Z_][A-Z0-9_]*|[A-Za-z_]\\w*\\.[A-Z_][A-Z0-9_]*)\\s*[,)]");
    private static final Pattern GETENV = Pattern.compile("System\\.getenv\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern MPCONFIG = Pattern.compile("\\$\\{MPCONFIG=([\\w.-]+)}");
    private static final Pattern ENV_EXPRESSION = Pattern.compile("\\$\\{env\\.(\\w*[A-Za-z0-9])(?![\\w*])");
    /** {@code $CATALOG_X}, {@code ${CATALOG_X}}, {@code ${CATALOG_X:-default}}; not {@code CATALOG_DB_*}. */
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?(CATALOG_[A-Z0-9_]*[A-Z0-9])(?![A-Z0-9_*])");
    /** A compose {@code environment:} key, also when commented out as an example. */
    private static final Pattern COMPOSE_KEY = Pattern.compile("(?m)^\\s*#?\\s*(CATALOG_[A-Z0-9_]*[A-Z0-9]):");
    private static final Pattern QUOTED_ENV = Pattern.compile("\"(CATALOG_[A-Z0-9_]*[A-Z0-9])\"");
    private static final Pattern ROW = Pattern.compile("^\\|([^|]*)\\|([^|]*)\\|([^|]*)\\|(.*)\\|\\s*$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** setting name → the files that read it */
    private static final Map<String, Set<String>> PROPERTIES_READ = new TreeMap<>();
    private static final Map<String, Set<String>> ENVIRONMENT_READ = new TreeMap<>();
    private static final List<String> UNRESOLVED = new ArrayList<>();
    private static final List<Row> ROWS = new ArrayList<>();
    private static final Properties DEFAULTS = new Properties();

    /** One row of the page: MicroProfile name (null for "—"), environment name, default cell. */
    private record Row(String property, String environment, String defaultCell) {
    }

    @BeforeAll
    static void readSourcesAndPage() throws IOException {
        assertTrue(Files.isRegularFile(Path.of("pom.xml")), "run from the project folder (Surefire does)");
        scanMainJava();
        scanPropertiesFile();
        scanServerConfig();
        scanDocker();
        for (Path file : RUN_COMMAND) {
            find(QUOTED_ENV, read(file), ENVIRONMENT_READ, file);
        }
        readPage();
    }

    @Test
    void theScanFindsWhatIsKnownToBeRead() {
        // Given sources known to read these settings, one per kind of reader
        // Then the scan finds each (so an empty scan cannot pass the other tests)
        for (String property : List.of("catalog.redis.address", "catalog.exchange.answer-on-skipped",
                "catalog.db.url", "mp.openapi.scan.disable")) {
            assertTrue(PROPERTIES_READ.containsKey(property), property + " not found by the scan");
        }
        for (String environment : List.of("CATALOG_NODE_NAME", "CATALOG_DB_PASSWORD", "CATALOG_HTTPS_PORT",
                "CATALOG_HTTP_PORT")) {
            assertTrue(ENVIRONMENT_READ.containsKey(environment), environment + " not found by the scan");
        }
        assertTrue(ROWS.size() > 30, "docs/CONFIG.md: expected its settings tables, found " + ROWS.size() + " rows");
    }

    @Test
    void everySettingReadIsOnThePage() {
        // Given what the sources read and the rows of docs/CONFIG.md
        Set<String> pageProperties = new TreeSet<>();
        Set<String> pageEnvironment = new TreeSet<>();
        for (Row row : ROWS) {
            if (row.property() != null) {
                pageProperties.add(row.property());
            }
            pageEnvironment.add(row.environment());
        }

        // When each setting read is looked up on the page
        List<String> missing = new ArrayList<>(UNRESOLVED);
        PROPERTIES_READ.forEach((property, files) -> {
            if (!pageProperties.contains(property)) {
                missing.add(property + " (" + environmentName(property) + ") is read by " + files
                        + " but docs/CONFIG.md has no row for it");
            }
        });
        ENVIRONMENT_READ.forEach((environment, files) -> {
            if (!pageEnvironment.contains(environment)) {
                missing.add(environment + " is read by " + files + " but docs/CONFIG.md has no row for it");
            }
        });

        // Then none is missing
        assertTrue(missing.isEmpty(), "Settings missing from docs/CONFIG.md (add a row"
                + " | `name` | `ENV_NAME` | default | meaning | in the table of its area):\n  "
                + String.join("\n  ", missing));
    }

    @Test
    void everySettingOnThePageIsRead() {
        // Given the rows of docs/CONFIG.md
        List<String> unread = new ArrayList<>();
        for (Row row : ROWS) {
            // When each is looked up among what the sources read
            boolean read = row.property() != null
                    ? PROPERTIES_READ.containsKey(row.property())
                    : ENVIRONMENT_READ.containsKey(row.environment());
            if (!read) {
                unread.add((row.property() != null ? row.property() : row.environment())
                        + ": nothing in src/main, microprofile-config.properties, server-config/, docker/ or the run command reads it");
            }
        }
        // Then every row names a setting something reads
        assertTrue(unread.isEmpty(), "docs/CONFIG.md lists settings nothing reads (remove the row, or fix its name):\n  "
                + String.join("\n  ", unread));
    }

    @Test
    void environmentNamesFollowFromTheirPropertyNames() {
        // Given rows that give both names
        // Then the environment name is the property's, upper-cased, dots and dashes as underscores
        for (Row row : ROWS) {
            if (row.property() != null) {
                assertEquals(environmentName(row.property()), row.environment(),
                        "docs/CONFIG.md: the environment name of " + row.property());
            }
        }
    }

    @Test
    void defaultsOnThePageAreThoseOfThePropertiesFile() {
        // Given every default written in microprofile-config.properties
        List<String> wrong = new ArrayList<>();
        for (Row row : ROWS) {
            String value = row.property() == null ? null : DEFAULTS.getProperty(row.property());
            // Then the page's default cell shows exactly that value
            if (value != null && !CODE.matcher(row.defaultCell()).results()
                    .map(match -> match.group(1)).toList().contains(value)) {
                wrong.add(row.property() + ": the page says " + row.defaultCell().strip()
                        + ", microprofile-config.properties says `" + value + "`");
            }
        }
        assertTrue(wrong.isEmpty(), "Defaults in docs/CONFIG.md differ from microprofile-config.properties:\n  "
                + String.join("\n  ", wrong));
    }

    // --- reading the sources -----------------------------------------------------------------

    private static void scanMainJava() throws IOException {
        List<Path> files = files(MAIN_JAVA, ".java");
        for (Path file : files) {
            String text = read(file);
            Matcher annotation = CONFIG_PROPERTY.matcher(text);
            while (annotation.find()) {
                recordProperty(annotation.group(1), file, files);
            }
            // why only in files that use MicroProfile Config: getValue("...") means something else elsewhere
            if (text.contains("org.eclipse.microprofile.config")) {
                Matcher lookup = CONFIG_LOOKUP.matcher(text);
                while (lookup.find()) {
                    recordProperty(lookup.group(1), file, files);
                }
            }
            find(GETENV, text, ENVIRONMENT_READ, file);
        }
    }

    /** A literal name, or a constant defined (as a literal) somewhere in src/main/java. */
    private static void recordProperty(String nameOrConstant, Path file, List<Path> files) throws IOException {
        if (nameOrConstant.startsWith("\"")) {
            add(PROPERTIES_READ, nameOrConstant.substring(1, nameOrConstant.length() - 1), file);
            return;
        }
        String constant = nameOrConstant.substring(nameOrConstant.lastIndexOf('.') + 1);
        Pattern definition = Pattern.compile("\\b" + Pattern.quote(constant) + "\\s*=\\s*\"([^\"]+)\"");
        for (Path candidate : files) {
            Matcher match = definition.matcher(read(candidate));
            if (match.find()) {
                add(PROPERTIES_READ, match.group(1), file);
                return;
            }
        }
        UNRESOLVED.add(file + " reads a setting named by " + nameOrConstant + ", which is not a string constant in src/main/java");
    }

    private static void scanPropertiesFile() throws IOException {
        try (var reader = Files.newBufferedReader(PROPERTIES, StandardCharsets.ISO_8859_1)) {
            DEFAULTS.load(reader);
        }
        DEFAULTS.stringPropertyNames().forEach(name -> add(PROPERTIES_READ, name, PROPERTIES));
    }

    private static void scanServerConfig() throws IOException {
        for (Path file : files(Path.of("server-config"), "")) {
            String text = read(file);
            find(MPCONFIG, text, PROPERTIES_READ, file);
            find(ENV_EXPRESSION, text, ENVIRONMENT_READ, file);
            find(SHELL_VARIABLE, text, ENVIRONMENT_READ, file);
        }
    }

    private static void scanDocker() throws IOException {
        for (Path file : files(Path.of("docker"), "")) {
            String name = file.getFileName().toString();
            if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".conf") || name.equals("Dockerfile")) {
                String text = read(file);
                find(SHELL_VARIABLE, text, ENVIRONMENT_READ, file);
                find(COMPOSE_KEY, text, ENVIRONMENT_READ, file);
            }
        }
    }

    // --- reading the page ----------------------------------------------------------------------

    private static void readPage() throws IOException {
        for (String line : Files.readAllLines(PAGE, StandardCharsets.UTF_8)) {
            Matcher row = ROW.matcher(line);
            if (!row.matches() || row.group(1).contains("---") || row.group(1).contains("MicroProfile name")) {
                continue;
            }
            Matcher environment = CODE.matcher(row.group(2));
            if (!environment.find()) {
                continue;
            }
            Matcher property = CODE.matcher(row.group(1));
            ROWS.add(new Row(property.find() ? property.group(1) : null, environment.group(1), row.group(3)));
        }
    }

    // --- small helpers -----------------------------------------------------------------------

    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void find(Pattern pattern, String text, Map<String, Set<String>> into, Path file) {
        Matcher match = pattern.matcher(text);
        while (match.find()) {
            add(into, match.group(1), file);
        }
    }

    private static void add(Map<String, Set<String>> into, String name, Path file) {
        into.computeIfAbsent(name, n -> new TreeSet<>()).add(file.toString().replace('\\', '/'));
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static final Map<Path, String> TEXTS = new LinkedHashMap<>();

    private static String read(Path file) {
        return TEXTS.computeIfAbsent(file, f -> {
            try {
                return Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
