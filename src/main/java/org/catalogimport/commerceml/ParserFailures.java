package org.catalogimport.commerceml;

import java.io.IOException;
import java.util.Locale;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What a StAX parser throws, as a {@link PackageException} that names the file, the place and the
 * kind of damage (cut off, not UTF-8, an entity, malformed) in words an administrator can act on.
 */
final class ParserFailures {

    private ParserFailures() {
    }

    /**
     * A failure while {@code reader} read {@code file}. Aalto parses text lazily and reports a problem
     * found then (a file cut off inside a text, say) from {@code getText()}, which may not throw
     * checked exceptions: it wraps it in a runtime exception.
     */
    static PackageException of(String file, XMLStreamReader reader, Exception e) {
        if (e instanceof XMLStreamException stax) {
            return malformed(file, stax);
        }
        if (e.getCause() instanceof XMLStreamException stax) {
            return malformed(file, stax);
        }
        Location at = reader.getLocation();
        return new PackageException(file, at.getLineNumber(), at.getColumnNumber(), PackageRefusal.XML_NOT_PARSED.with(e), e);
    }

    /** Why a file could not be read: a zip's file read in place that is not what was checked, or the I/O error. */
    static Text unreadable(IOException e) {
        return e instanceof ZippedXml.EntryChanged ? PackageRefusal.ZIP_ENTRY_CHANGED.with() : PackageRefusal.FILE_UNREADABLE.with(e);
    }

    static PackageException malformed(String file, XMLStreamException e) {
        Location at = e.getLocation();
        long line = at == null ? -1 : at.getLineNumber();
        long column = at == null ? -1 : at.getColumnNumber();
        if (e.getNestedException() instanceof IOException io) {
            return new PackageException(file, line, column, unreadable(io), e);
        }
        String detail = parserDetail(e);
        String lower = detail.toLowerCase(Locale.ROOT);
        Text reason;
        if (lower.contains("end-of-input") || lower.contains("eof") || lower.contains("same entity")
                || lower.contains("premature end")) {
            reason = PackageRefusal.TRUNCATED.with(detail);
        } else if (lower.contains("utf-8") || lower.contains("utf8")) {
            reason = PackageRefusal.NOT_UTF8.with(detail);
        } else if (lower.contains("entity")) {
            reason = PackageRefusal.ENTITY.with(detail);
        } else {
            reason = PackageRefusal.MALFORMED.with(detail);
        }
        return new PackageException(file, line, column, reason, e);
    }

    /** The parser's own words without the location it appends (ours is in front already). */
    private static String parserDetail(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int jdk = message.indexOf("Message: ");
        if (jdk >= 0) {
            message = message.substring(jdk + "Message: ".length());
        }
        int aalto = message.indexOf("\n at [row,col");
        if (aalto >= 0) {
            message = message.substring(0, aalto);
        }
        return message.strip();
    }
}
