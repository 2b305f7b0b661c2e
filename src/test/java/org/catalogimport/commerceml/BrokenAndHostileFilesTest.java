package org.catalogimport.commerceml;

import static org.catalogimport.commerceml.TestPackages.document;
import static org.catalogimport.commerceml.TestPackages.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files that must stop the import: broken XML, and XML that tries to make the parser read server files
 * or expand entities without end. The encodings run both parsers (Aalto for UTF-8, the JDK's for the rest).
 */
class BrokenAndHostileFilesTest {

    private static final String PASSWD_MARKER = "root:";

    @TempDir
    Path dir;

    private PackageException readFails(Path file) {
        RecordingVisitor seen = new RecordingVisitor();
        PackageException failure = assertThrows(PackageException.class, () -> new CommerceMlReader()
                .read(new PackageFile(file, file.getFileName().toString(), Set.of(Content.CATALOG)), seen));
        lastSeen = seen;
        return failure;
    }

    private RecordingVisitor lastSeen;

    @ParameterizedTest(name = "{0}, cut after {1}")
    @CsvSource({
            "UTF-8, <Наименование>Ту, 1", "UTF-8, <Ид>prod-2</Ид><Наименован, 1", "UTF-8, </Товары>, 2",
            "windows-1251, <Наименование>Ту, 1", "windows-1251, <Ид>prod-2</Ид><Наименован, 1", "windows-1251, </Товары>, 2"})
    @DisplayName("a truncated file stops with its name, line and column and says it is truncated")
    void truncatedFileIsFatal(String encoding, String cutAfter, int completeProducts) throws Exception {
        // Given an import cut off inside a text, inside a tag, or before its closing tags, as an
        // interrupted upload leaves it (in each parser's encoding: text is parsed lazily by Aalto)
        String full = TestPackages.document(TestPackages.CLASSIC_IMPORT.replace("</Товары>",
                "<Товар><Ид>prod-2</Ид><Наименование>Туфли</Наименование></Товар></Товары>"))
                .replace("encoding=\"UTF-8\"", "encoding=\"" + encoding + "\"");
        Path file = write(dir, "import.xml", full.substring(0, full.indexOf(cutAfter) + cutAfter.length())
                .getBytes(Charset.forName(encoding)));

        // When it is read
        PackageException failure = readFails(file);

        // Then the message names the place and the likely cause; what came before was delivered
        assertTrue(failure.getMessage().startsWith("import.xml:" + failure.line() + ":" + failure.column() + ": "),
                failure.getMessage());
        assertTrue(failure.line() >= 30, "line " + failure.line());
        assertTrue(failure.getMessage().contains("truncated"), failure.getMessage());
        assertEquals(List.of("prod-1", "prod-2").subList(0, completeProducts),
                lastSeen.products.stream().map(ProductRecord::id).toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-8", "windows-1251"})
    @DisplayName("mismatched tags stop the file with line:column")
    void malformedXmlIsFatal(String encoding) throws Exception {
        // Given an end tag that does not match
        Path file = write(dir, "import.xml", TestPackages.encoded(document("""
                <Каталог><Товары>
                  <Товар><Ид>p</Ид></Товары>
                </Каталог>"""), Charset.forName(encoding)));

        // When it is read
        PackageException failure = readFails(file);

        // Then
        assertEquals(4, failure.line());
        assertTrue(failure.getMessage().startsWith("import.xml:4:"), failure.getMessage());
        assertTrue(failure.getMessage().contains("malformed"), failure.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-8", "windows-1251"})
    @DisplayName("XXE: an external entity is refused and the server file never shows up")
    void externalEntityIsRefused(String encoding) throws Exception {
        // Given a file whose product name is an external entity pointing at /etc/passwd
        Assumptions.assumeTrue(Files.isReadable(Path.of("/etc/passwd")), "needs /etc/passwd to prove it is not read");
        Path file = write(dir, "import.xml", (
                "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n"
                + "<!DOCTYPE КоммерческаяИнформация [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
                + "<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>p</Ид><Наименование>&secret;</Наименование>"
                + "</Товар></Товары></Каталог></КоммерческаяИнформация>").getBytes(Charset.forName(encoding)));

        // When it is read
        PackageException failure = readFails(file);

        // Then it is refused for its DTD, and nothing of /etc/passwd is anywhere
        assertTrue(failure.line() == 1 || failure.line() == 2, "the DOCTYPE is at the top: line " + failure.line());
        assertTrue(failure.getMessage().contains("DTDs are not allowed"), failure.getMessage());
        assertFalse(everything(failure).contains(PASSWD_MARKER), everything(failure));
        assertTrue(lastSeen.events.isEmpty(), "nothing may be delivered: " + lastSeen.events);
    }

    @Test
    @DisplayName("XXE through an external DTD or a parameter entity: the DTD is never fetched")
    void externalDtdIsNeverFetched() throws Exception {
        // Given an external DTD whose content is not even valid DTD syntax: a parser that fetched it would fail on it
        Path dtd = write(dir, "evil.dtd", "THIS IS NOT A DTD <!ENTITY secret SYSTEM \"file:///etc/passwd\">");
        Path file = write(dir, "import.xml", "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE КоммерческаяИнформация SYSTEM \"" + dtd.toUri() + "\" [<!ENTITY % p SYSTEM \"" + dtd.toUri() + "\"> %p;]>\n"
                + "<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>&secret;</Ид></Товар></Товары></Каталог></КоммерческаяИнформация>");

        // When it is read
        PackageException failure = readFails(file);

        // Then the refusal is about the DOCTYPE itself, not about the fetched file's content
        assertTrue(failure.getMessage().contains("DTDs are not allowed"), failure.getMessage());
        assertFalse(everything(failure).contains("THIS IS NOT A DTD"), everything(failure));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-8", "windows-1251"})
    @DisplayName("billion laughs is refused at once, without expanding anything")
    void billionLaughsIsRefused(String encoding) throws Exception {
        // Given the classic exponential entity bomb (10^9 "lol"s, ~3 GB if expanded)
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n<!DOCTYPE lolz [\n");
        xml.append(" <!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append(" <!ENTITY lol").append(i).append(" \"");
            xml.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        xml.append("]>\n<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>&lol9;</Ид></Товар></Товары></Каталог></КоммерческаяИнформация>");
        Path file = write(dir, "import.xml", xml.toString().getBytes(Charset.forName(encoding)));

        // When it is read, it fails fast
        PackageException failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readFails(file));

        // Then
        assertTrue(failure.getMessage().contains("DTDs are not allowed"), failure.getMessage());
        assertTrue(lastSeen.events.isEmpty());
    }

    @Test
    @DisplayName("the hardening is the parsers' own too: with our DTD check bypassed, neither expands an external entity")
    void bothParsersHonourTheHardeningFlags() throws Exception {
        // Given an XXE document, parsed event by event straight from each configured factory
        Assumptions.assumeTrue(Files.isReadable(Path.of("/etc/passwd")), "needs /etc/passwd to prove it is not read");
        for (String encoding : new String[] {"UTF-8", "windows-1251"}) {
            byte[] xml = ("<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n"
                    + "<!DOCTYPE r [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]><r>&secret;</r>")
                    .getBytes(Charset.forName(encoding));

            // When every event's text is collected
            StringBuilder text = new StringBuilder();
            try {
                var reader = new XmlParsers().open(new ByteArrayInputStream(xml), xml, xml.length);
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.CHARACTERS) {
                        text.append(reader.getText());
                    }
                }
            } catch (XMLStreamException refused) {
                text.append(refused.getMessage());
            }

            // Then the parser refused or left the entity unexpanded
            assertFalse(text.toString().contains(PASSWD_MARKER), encoding + ": " + text);
        }
    }

    @Test
    @DisplayName("bytes that are not UTF-8 in a file that does not declare another encoding: said so")
    void undeclaredEncodingIsExplained() throws Exception {
        // Given windows-1251 bytes under an XML declaration without encoding (so UTF-8 by the rules)
        Path file = write(dir, "import.xml", document(TestPackages.CLASSIC_IMPORT)
                .replace(" encoding=\"UTF-8\"", "").getBytes(Charset.forName("windows-1251")));

        // When it is read
        PackageException failure = readFails(file);

        // Then
        assertTrue(failure.getMessage().contains("not valid UTF-8"), failure.getMessage());
        assertTrue(failure.line() > 0);
    }

    @Test
    @DisplayName("a file that is not CommerceML, an empty file and an unreadable file stop with their name")
    void otherUnreadableFiles() throws Exception {
        // Given an XHTML page, an empty file and a folder where a file should be
        Path html = write(dir, "page.xml", "<?xml version=\"1.0\"?><html><body/></html>");
        Path empty = write(dir, "empty.xml", "");
        Path folder = Files.createDirectories(dir.resolve("folder.xml"));

        // When each is read, then
        String notCommerceMl = readFails(html).getMessage();
        assertTrue(notCommerceMl.startsWith("page.xml:1:"), notCommerceMl);
        assertTrue(notCommerceMl.endsWith(": this is not a CommerceML file: its root element is <html>, not <КоммерческаяИнформация>"),
                notCommerceMl);
        assertEquals("empty.xml: the file is empty", readFails(empty).getMessage());
        assertTrue(readFails(folder).getMessage().startsWith("folder.xml: the file cannot be"), readFails(folder).getMessage());
    }

    private static String everything(Throwable failure) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8)) {
            failure.printStackTrace(writer);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
