package org.catalogimport.commerceml;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLStreamReader2;

/**
 * Walks one XML file element by element, by local name, and turns every parser failure into a
 * {@link PackageException} that names the file and the place.
 *
 * <p>Protocol: {@link #nextChild()} moves to the next child element of the element being read and
 * returns true, or returns false at that element's end tag. The caller then consumes the child
 * completely, with {@link #text()}, {@link #skip()} or its own {@code nextChild()} loop. Namespaces
 * are ignored on purpose: the same elements come with no namespace or with any of three.
 */
final class XmlCursor implements AutoCloseable {

    // why: the parsers read a few KiB per call, each a system call without a buffer; a bigger buffer
    // costs more to allocate than it saves, since packages have thousands of small files.
    private static final int READ_BUFFER_BYTES = 64 << 10;

    private final InputStream stream;
    private final XMLStreamReader reader;
    private final String file;
    private final CensusTrail trail;

    private XmlCursor(InputStream stream, XMLStreamReader reader, String file) {
        this.stream = stream;
        this.reader = reader;
        this.file = file;
        this.trail = new CensusTrail(reader);
    }

    /** Opens {@code path}; {@code file} is the name messages use. */
    static XmlCursor open(XmlParsers parsers, Path path, String file) throws PackageException {
        return open(parsers, new PackageFile(path, file, Set.of()));
    }

    /** Opens a package's file, on disk or in its zip; messages name it by its relative name. */
    static XmlCursor open(XmlParsers parsers, PackageFile packageFile) throws PackageException {
        return open(parsers, packageFile, UnaryOperator.identity());
    }

    /** The same, its bytes passed through {@code tap} as they are read. */
    static XmlCursor open(XmlParsers parsers, PackageFile packageFile, UnaryOperator<InputStream> tap)
            throws PackageException {
        String file = packageFile.relativeName();
        InputStream raw;
        try {
            raw = tap.apply(packageFile.open());
        } catch (NoSuchFileException e) {
            throw new PackageException(file, -1, -1, PackageRefusal.FILE_GONE.with(), e);
        } catch (IOException e) {
            throw new PackageException(file, -1, -1, PackageRefusal.FILE_NOT_OPENED.with(e), e);
        }
        return open(parsers, raw, file);
    }

    /** Reads {@code raw} (closed with the cursor, or at once on failure); {@code file} is the name messages use. */
    static XmlCursor open(XmlParsers parsers, InputStream raw, String file) throws PackageException {
        try {
            byte[] head = new byte[XmlParsers.HEAD_BYTES];
            int length = raw.readNBytes(head, 0, head.length);
            if (length == 0) {
                raw.close();
                throw new PackageException(file, -1, -1, PackageRefusal.FILE_EMPTY.with(), null);
            }
            InputStream stream = new BufferedInputStream(
                    new SequenceInputStream(new ByteArrayInputStream(head, 0, length), raw), READ_BUFFER_BYTES);
            try {
                return new XmlCursor(stream, parsers.open(stream, head, length), file);
            } catch (XMLStreamException e) {
                stream.close();
                throw ParserFailures.malformed(file, e);
            } catch (RuntimeException e) {
                stream.close();
                throw new PackageException(file, -1, -1, PackageRefusal.XML_NOT_PARSED.with(e), e);
            }
        } catch (IOException e) {
            closeQuietly(raw);
            throw new PackageException(file, -1, -1, ParserFailures.unreadable(e), e);
        }
    }

    /** Moves to the root element and returns its local name. */
    String root() throws PackageException {
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return trail.root();
                }
                if (event == XMLStreamConstants.DTD) {
                    throw dtdNotAllowed();
                }
            }
            throw fail(PackageRefusal.NO_ELEMENT.with());
        } catch (XMLStreamException | RuntimeException e) {
            throw failure(e);
        }
    }

    /** Moves to the next child element of the current element; false at the current element's end tag. */
    boolean nextChild() throws PackageException {
        try {
            while (true) {
                switch (reader.next()) {
                    case XMLStreamConstants.START_ELEMENT:
                        trail.enter();
                        return true;
                    case XMLStreamConstants.END_ELEMENT:
                        trail.leave();
                        return false;
                    case XMLStreamConstants.DTD:
                        throw dtdNotAllowed();
                    case XMLStreamConstants.END_DOCUMENT:
                        throw fail(PackageRefusal.ENDS_BEFORE_CLOSED.with());
                    default:
                        // text between elements, comments, processing instructions
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw failure(e);
        }
    }

    /** Local name of the current element. */
    String name() {
        return reader.getLocalName();
    }

    /** Where the cursor is: {@code КоммерческаяИнформация/Каталог/Товары}. */
    String path() {
        return trail.path();
    }

    /** Whether the current element is left out on purpose ({@link EntityElements}). */
    boolean isIgnored() {
        return trail.isIgnored();
    }

    /** Name of the element that holds the current one, null at the root. */
    String parentName() {
        return trail.parentName();
    }

    /** The census of what was walked so far: complete once the file has been read to its end. */
    ElementCensus census() {
        return trail.census();
    }

    /** An attribute of the current element by local name, null when absent. */
    String attribute(String localName) {
        for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
            if (localName.equals(reader.getAttributeLocalName(i))) {
                return reader.getAttributeValue(i);
            }
        }
        return null;
    }

    /**
     * The current element's own text, trimmed, null when blank; moves to its end tag. Text inside
     * child elements is not included (a {@code БазоваяЕдиница} holds both its text and
     * {@code Пересчет} children).
     */
    String text() throws PackageException {
        try {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                trail.leave();
                return null;
            }
            if (isText(event)) {
                String first = reader.getText();
                event = reader.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    trail.leave();
                    return clean(first);
                }
                return clean(collect(new StringBuilder(first), event));
            }
            return clean(collect(new StringBuilder(), event));
        } catch (XMLStreamException | RuntimeException e) {
            throw failure(e);
        }
    }

    /** The element's own text; elements inside it are walked as skipped (the census counts them). */
    private String collect(StringBuilder text, int event) throws XMLStreamException, PackageException {
        int depth = 0;
        while (true) {
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    trail.enterSkipped();
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    trail.leave();
                    if (depth == 0) {
                        return text.toString();
                    }
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth == 0) {
                        text.append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_DOCUMENT -> throw fail(PackageRefusal.ENDS_INSIDE_ELEMENT.with());
                default -> {
                }
            }
            event = reader.next();
        }
    }

    private static boolean isText(int event) {
        return event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                || event == XMLStreamConstants.SPACE;
    }

    private static String clean(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /**
     * Skips the current element with everything inside; moves to its end tag. The census records the
     * element as passed over, and every item element inside it as not read: a reader that does not
     * know a place cannot make what sits there vanish unseen.
     */
    void skip() throws PackageException {
        try {
            if (trail.skipIfIgnored()) {
                // why the parser's own skip: left out on purpose (see EntityElements), nothing inside counts
                fastSkip();
                trail.leave();
                return;
            }
            trail.passOver();
            int depth = 1;
            while (depth > 0) {
                switch (reader.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        trail.enterSkipped();
                        if (trail.skipIfIgnored()) {
                            fastSkip();
                            trail.leave();
                        } else {
                            depth++;
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        trail.leave();
                    }
                    case XMLStreamConstants.END_DOCUMENT -> throw fail(PackageRefusal.ENDS_INSIDE_ELEMENT.with());
                    default -> {
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw failure(e);
        }
    }

    private void fastSkip() throws XMLStreamException, PackageException {
        if (reader instanceof XMLStreamReader2 stax2) {
            stax2.skipElement();
            return;
        }
        int depth = 1;
        while (depth > 0) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.END_DOCUMENT -> throw fail(PackageRefusal.ENDS_INSIDE_ELEMENT.with());
                default -> {
                }
            }
        }
    }

    /** After the root element's end tag: reads to the end so that trailing garbage is reported. */
    void finish() throws PackageException {
        try {
            while (reader.hasNext()) {
                reader.next();
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw failure(e);
        }
    }

    /**
     * For fast scans: the next start tag's local name at any depth, "" for an end tag (the scan
     * keeps its own depth), null at the end of the document.
     */
    String nextTag() throws PackageException {
        try {
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.START_ELEMENT:
                        return reader.getLocalName();
                    case XMLStreamConstants.END_ELEMENT:
                        return "";
                    case XMLStreamConstants.DTD:
                        throw dtdNotAllowed();
                    default:
                }
            }
            return null;
        } catch (XMLStreamException | RuntimeException e) {
            throw failure(e);
        }
    }

    /** Line of the current event, 1-based (-1 if the parser does not know). */
    long line() {
        return reader.getLocation().getLineNumber();
    }

    /** A fatal problem at the current position. */
    PackageException fail(Text reason) {
        Location at = reader.getLocation();
        return new PackageException(file, at.getLineNumber(), at.getColumnNumber(), reason, null);
    }

    private PackageException dtdNotAllowed() {
        return fail(PackageRefusal.DTD.with());
    }

    /** A parser failure as a {@link PackageException} (see {@link ParserFailures}). */
    private PackageException failure(Exception e) {
        return ParserFailures.of(file, reader, e);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // nothing left to report: the stream is closed below either way
        }
        closeQuietly(stream);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // a read-only stream: closing cannot lose data
        }
    }
}
