package org.catalogimport.dev;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The {@code item} elements of one folder of a 3.1 split package, segment after segment, each read
 * into an {@link ItemTree}. Nested elements of the same name (subgroups) come inside their item, so
 * the first {@code item} met is always a top-level one.
 */
final class SplitFolderItems implements Closeable {

    interface ItemAction {
        void accept(ItemTree item) throws IOException;
    }

    private final XMLInputFactory input;
    private final Iterator<Path> files;
    private final String item;
    private InputStream in;
    private XMLStreamReader reader;

    SplitFolderItems(XMLInputFactory input, Path folder, String item) throws IOException {
        this.input = input;
        try (Stream<Path> list = Files.list(folder)) {
            // <folder>_1_<N>_<guid>.xml: N compares as a number, or segment 10 would precede 2.
            files = list.sorted(Comparator.comparingInt(
                    (Path f) -> Integer.parseInt(f.getFileName().toString().split("_")[2]))).toList().iterator();
        }
        this.item = item;
    }

    /** A factory for reading the package this project wrote itself: no DTDs, text coalesced. */
    static XMLInputFactory inputFactory() {
        XMLInputFactory input = new InputFactoryImpl();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        input.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        return input;
    }

    /** Hands every {@code item} of {@code folder} to {@code action}, in package order. */
    static void forEach(XMLInputFactory input, Path folder, String item, ItemAction action) throws IOException {
        try (SplitFolderItems items = new SplitFolderItems(input, folder, item)) {
            for (ItemTree node = items.next(); node != null; node = items.next()) {
                action.accept(node);
            }
        }
    }

    /** The next item, or null after the last one. */
    ItemTree next() throws IOException {
        try {
            while (true) {
                if (reader == null) {
                    if (!files.hasNext()) {
                        return null;
                    }
                    in = new BufferedInputStream(Files.newInputStream(files.next()), 1 << 16);
                    reader = input.createXMLStreamReader(in);
                } else if (!reader.hasNext()) {
                    close();
                } else if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals(item)) {
                    return tree(reader);
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("cannot read the scratch 3.1 package: " + e.getMessage(), e);
        }
    }

    /** Reads the element at the cursor up to its end tag. */
    private static ItemTree tree(XMLStreamReader r) throws XMLStreamException {
        ItemTree node = new ItemTree(r.getLocalName(), "");
        for (int k = 0; k < r.getAttributeCount(); k++) {
            node.attribute(r.getAttributeLocalName(k), r.getAttributeValue(k));
        }
        StringBuilder text = new StringBuilder();
        while (true) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> node.add(tree(r));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(r.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    node.text = node.children.isEmpty() ? text.toString() : "";
                    return node;
                }
                default -> {
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        reader = null; // holds nothing but the stream
        if (in != null) {
            in.close();
            in = null;
        }
    }
}
