package org.catalogimport.dev;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams one CommerceML file with 1C's layout: the declaration, then one element per line, tab
 * indentation, LF, no newline after the root end tag, quotes left literal in text. The demo and the
 * dialect writers share it, so their files differ only where the dialects do.
 */
final class OneCXmlWriter implements Closeable {

    private final Writer out;
    private final List<String> open = new ArrayList<>();

    /**
     * Opens {@code file} and the root {@code КоммерческаяИнформация}; {@code exchangeNodeId} null
     * leaves out the root's {@code Ид} (2.07 has none, UT 11 writes it empty).
     */
    OneCXmlWriter(Path file, boolean bom, String namespace, String schemaVersion, String timestamp,
                  String exchangeNodeId) throws IOException {
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
        if (bom) {
            out.write('\uFEFF');
        }
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        List<String> root = new ArrayList<>(List.of("xmlns", namespace, "xmlns:xs", "http://www.w3.org/2001/XMLSchema",
                "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance", "ВерсияСхемы", schemaVersion,
                "ДатаФормирования", timestamp));
        if (exchangeNodeId != null) {
            root.addAll(List.of("Ид", exchangeNodeId));
        }
        open("КоммерческаяИнформация", root.toArray(String[]::new));
    }

    /** A start tag; {@code attributes} are name, value, name, value, … */
    void open(String name, String... attributes) throws IOException {
        start(name, attributes);
        out.write('>');
        open.add(name);
    }

    void end() throws IOException {
        String name = open.remove(open.size() - 1);
        indent(open.size());
        out.write("</");
        out.write(name);
        out.write('>');
    }

    /** An element with text only: skipped when {@code text} is null, {@code <name/>} when it is empty. */
    void leaf(String name, String text, String... attributes) throws IOException {
        if (text == null) {
            return;
        }
        start(name, attributes);
        if (text.isEmpty()) {
            out.write("/>");
            return;
        }
        out.write('>');
        escape(text, false);
        out.write("</");
        out.write(name);
        out.write('>');
    }

    private void start(String name, String[] attributes) throws IOException {
        indent(open.size());
        out.write('<');
        out.write(name);
        for (int k = 0; k < attributes.length; k += 2) {
            out.write(' ');
            out.write(attributes[k]);
            out.write("=\"");
            escape(attributes[k + 1], true);
            out.write('"');
        }
    }

    private void indent(int depth) throws IOException {
        out.write('\n');
        for (int k = 0; k < depth; k++) {
            out.write('\t');
        }
    }

    private void escape(String s, boolean attribute) throws IOException {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '&' -> out.write("&amp;");
                case '<' -> out.write("&lt;");
                case '>' -> out.write("&gt;");
                case '"' -> out.write(attribute ? "&quot;" : "\"");
                default -> out.write(c);
            }
        }
    }

    /**
     * Closes the root element and the file. Sections still open are a writer's mistake, said as one
     * (when a failure left them open, this is suppressed behind that failure).
     */
    @Override
    public void close() throws IOException {
        try (out) {
            if (open.size() == 1) {
                end();
            } else if (!open.isEmpty()) {
                throw new IllegalStateException("unclosed elements: " + open);
            }
        }
    }
}
