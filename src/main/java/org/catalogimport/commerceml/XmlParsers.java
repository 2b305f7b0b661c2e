package org.catalogimport.commerceml;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The two hardened StAX factories the package reads with, and the choice between them.
 *
 * <p>Aalto parses UTF-8 about twice as fast as the JDK's parser, and almost every 1C file is UTF-8.
 * For any other declared encoding Aalto hands the bytes to an {@code InputStreamReader} only for the
 * names it knows and silently reads unknown ones (KOI8-R, IBM866, …) as Latin-1, so everything that
 * is not UTF-8 goes to the JDK's parser, which honours every charset the JVM has. Both factories are
 * created directly, never through {@code XMLInputFactory.newFactory()}: the application server has
 * its own StAX, and which one a lookup finds depends on the class loader.
 *
 * <p>Hardening: DTD support and external entities are off in both, and {@link XmlCursor} rejects a
 * DOCTYPE as soon as the parser reports it, before anything could be expanded.
 */
final class XmlParsers {

    /** Bytes looked at for a byte-order mark and the XML declaration. */
    static final int HEAD_BYTES = 512;

    private final XMLInputFactory utf8 = harden(new InputFactoryImpl());
    private final XMLInputFactory anyCharset = harden(XMLInputFactory.newDefaultFactory());

    private static XMLInputFactory harden(XMLInputFactory factory) {
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        factory.setProperty(XMLInputFactory.IS_VALIDATING, Boolean.FALSE);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            // why: a parser that ignored SUPPORT_DTD would ask here for the external resource.
            throw new XMLStreamException("external resources are not allowed: " + systemId);
        });
        if (factory.isPropertySupported(XMLConstants.ACCESS_EXTERNAL_DTD)) {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        }
        return factory;
    }

    /**
     * A reader over {@code in}, which must start with {@code head} (the first {@code headLength}
     * bytes, already read from the same stream): the parser still gets raw bytes and honours the
     * declared encoding itself.
     */
    XMLStreamReader open(InputStream in, byte[] head, int headLength) throws XMLStreamException {
        return utf8Only(head, headLength) ? utf8.createXMLStreamReader(in) : anyCharset.createXMLStreamReader(in);
    }

    /** True when the file is UTF-8: a UTF-8 BOM, no declaration, or a declaration without/with UTF-8 encoding. */
    static boolean utf8Only(byte[] head, int length) {
        int start = 0;
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            start = 3;
        } else if (length >= 2 && (head[0] == 0 || head[1] == 0 || (head[0] & 0xFF) >= 0xFE)) {
            return false; // UTF-16/32, with or without a BOM
        }
        String encoding = declaredEncoding(head, start, length);
        if (encoding == null) {
            return true;
        }
        try {
            return Charset.isSupported(encoding) && Charset.forName(encoding).equals(StandardCharsets.UTF_8);
        } catch (IllegalCharsetNameException e) {
            return false; // let the JDK parser report it in its own words
        }
    }

    /** {@code encoding} pseudo-attribute of an XML declaration at {@code start}, null when there is none. */
    static String declaredEncoding(byte[] head, int start, int length) {
        String text = new String(head, start, length - start, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("<?xml")) {
            return null;
        }
        int end = text.indexOf("?>");
        String declaration = end < 0 ? text : text.substring(0, end);
        int at = declaration.indexOf("encoding");
        if (at < 0) {
            return null;
        }
        int eq = declaration.indexOf('=', at);
        if (eq < 0) {
            return null;
        }
        int open = eq + 1;
        while (open < declaration.length() && Character.isWhitespace(declaration.charAt(open))) {
            open++;
        }
        if (open >= declaration.length()) {
            return null;
        }
        char quote = declaration.charAt(open);
        int close = declaration.indexOf(quote, open + 1);
        return (quote == '"' || quote == '\'') && close > open ? declaration.substring(open + 1, close).strip() : null;
    }
}
