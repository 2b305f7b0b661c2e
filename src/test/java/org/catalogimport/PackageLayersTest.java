package org.catalogimport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house drawn from the sources: the doors ({@code console}, {@code api}, {@code exchange}) over
 * the engine ({@code imports}), which writes through {@code catalog}, which reads {@code commerceml}
 * records; {@code platform} is glue every floor may use and that uses none of them. No arrow runs
 * up. Between the doors only one arrow is allowed: the console and the API show what the exchange
 * recorded (its history and refusals); the exchange knows neither of them.
 */
class PackageLayersTest {

    private static final Path MAIN = Path.of("src/main/java/org/catalogimport");
    private static final Path TEST = Path.of("src/test/java/org/catalogimport");
    private static final Map<String, Integer> FLOOR = Map.of(
            "platform", 0, "commerceml", 1, "catalog", 2, "imports", 3, "console", 4, "api", 4, "exchange", 4);
    private static final Set<String> SIDEWAYS = Set.of("console->exchange", "api->exchange");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.catalogimport\\.(\\w+)\\.", Pattern.MULTILINE);
    /** A package path followed by a type name, outside import and package lines, comments and strings. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "\\b(?:org\\.catalogimport|java\\.(?:util|time|io|nio|sql|net|lang)|jakarta|org\\.junit|org\\.openqa)(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*");

    @Test
    void noArrowRunsUpAndTheDoorsOnlyReadTheExchangeSideways() {
        List<String> wrong = new ArrayList<>();
        for (Path source : sources(MAIN)) {
            String from = MAIN.relativize(source).getName(0).toString();
            Matcher imported = IMPORT.matcher(read(source));
            while (imported.find()) {
                String to = imported.group(1);
                if (!allowed(from, to)) {
                    wrong.add(MAIN.relativize(source) + " -> " + to);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyTopLevelPackageHasItsFloor() {
        List<String> unknown = sources(MAIN).stream().map(s -> MAIN.relativize(s).getName(0).toString())
                .filter(p -> !p.endsWith(".java") && !FLOOR.containsKey(p)).distinct().toList();
        assertEquals(List.of(), unknown);
    }

    @Test
    void codeNamesTypesByTheirSimpleNames() {
        List<String> qualified = new ArrayList<>();
        for (Path source : Stream.concat(sources(MAIN).stream(), sources(TEST).stream()).toList()) {
            List<String> lines = read(source).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String code = codeOf(lines.get(i));
                Matcher name = QUALIFIED.matcher(code);
                if (name.find()) {
                    qualified.add(source + ":" + (i + 1) + " " + name.group());
                }
            }
        }
        assertEquals(List.of(), qualified);
    }

    private static boolean allowed(String from, String to) {
        if (from.equals(to) || to.equals("platform") || !FLOOR.containsKey(to)) {
            return true;
        }
        return FLOOR.get(to) < FLOOR.get(from) || SIDEWAYS.contains(from + "->" + to);
    }

    /** The line without its import or package statement, comment or string literals. */
    private static String codeOf(String line) {
        String trimmed = line.strip();
        if (trimmed.startsWith("import ") || trimmed.startsWith("package ") || trimmed.startsWith("*")
                || trimmed.startsWith("//") || trimmed.startsWith("/*")) {
            return "";
        }
        String withoutStrings = line.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
        int comment = withoutStrings.indexOf("//");
        return comment < 0 ? withoutStrings : withoutStrings.substring(0, comment);
    }

    private static List<Path> sources(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
