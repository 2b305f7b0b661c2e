package org.catalogimport.commerceml;

import javax.xml.stream.XMLStreamReader;

/**
 * Where {@link XmlCursor} is in its file's {@link ElementCensus}: the element it is in, followed in at
 * every start tag and out at every end tag, and what it passed over without reading. Kept apart from
 * the cursor's parsing so that the census rules (what counts as not read, as skipped, as ignored)
 * live in one place.
 */
final class CensusTrail {

    /** Read for the element names and, once per place, the line of the first element passed over. */
    private final XMLStreamReader reader;
    private final ElementCensus census = new ElementCensus();
    /** The element the cursor is in (its start tag was the last one returned), null before the root. */
    private ElementCensus.Node current;

    CensusTrail(XMLStreamReader reader) {
        this.reader = reader;
    }

    /** At the root's start tag; returns its name. */
    String root() {
        current = census.root(reader.getLocalName());
        return current.name;
    }

    /** At a start tag: the census follows the cursor into the element. */
    void enter() {
        current = current == null ? census.root(reader.getLocalName()) : current.child(reader.getLocalName());
        current.seen++;
    }

    /** At an end tag: back to the parent. */
    void leave() {
        if (current != null) {
            current = current.parent;
        }
    }

    /** A start tag inside an element that is being skipped: an item there is not read. */
    void enterSkipped() {
        enter();
        if (current.entity != null) {
            passedOver(current);
        }
    }

    /**
     * True when the current element is left out on purpose ({@link EntityElements}), or there is none:
     * it is counted as skipped, and nothing inside it counts.
     */
    boolean skipIfIgnored() {
        if (current == null) {
            return true;
        }
        if (current.ignored) {
            current.skipped++;
            return true;
        }
        return false;
    }

    /** The current element is skipped with all it holds: an item not read, or an element not kept. */
    void passOver() {
        passedOver(current);
    }

    private void passedOver(ElementCensus.Node node) {
        if (node.entity != null) {
            if (node.notRead++ == 0) {
                node.firstNotReadLine = reader.getLocation().getLineNumber();
            }
        } else if (node.skipped++ == 0) {
            node.firstSkippedLine = reader.getLocation().getLineNumber();
        }
    }

    String path() {
        return current == null ? "" : current.path();
    }

    boolean isIgnored() {
        return current != null && current.ignored;
    }

    String parentName() {
        return current == null ? null : current.parentName();
    }

    ElementCensus census() {
        return census;
    }
}
