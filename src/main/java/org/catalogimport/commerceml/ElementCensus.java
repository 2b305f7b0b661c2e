package org.catalogimport.commerceml;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A census of one file's elements, taken by {@link XmlCursor} while the readers walk it: every
 * element path the file contains, how many entity elements ({@link EntityElements}) sit at it, and
 * which of them the readers did not read because they skipped the subtree that holds them. This is
 * what makes "every item read is stored or reported" hold for the whole file, not only for the places
 * the readers know: a {@code Каталог} nested where no reader looks is counted all the same, and
 * reported.
 *
 * <p>Paths are kept as a tree of nodes, one per distinct path, so that following an element costs
 * one small map lookup, not a string per element (a 1 GB file has tens of millions of them).
 */
final class ElementCensus {

    /** One distinct element path of the file. */
    static final class Node {
        final String name;
        final Node parent;
        final CatalogEntity entity;
        final boolean ignored;
        private final Map<String, Node> children = new LinkedHashMap<>(4);
        long seen;
        long notRead;
        long firstNotReadLine;
        long skipped;
        long firstSkippedLine;

        private Node(String name, Node parent) {
            this.name = name;
            this.parent = parent;
            this.entity = parent == null ? null : EntityElements.entityOf(parent, name);
            this.ignored = EntityElements.isIgnored(this);
        }

        Node child(String childName) {
            Node child = children.get(childName);
            if (child == null) {
                child = new Node(childName, this);
                children.put(childName, child);
            }
            return child;
        }

        String parentName() {
            return parent == null ? null : parent.name;
        }

        String grandparentName() {
            return parent == null ? null : parent.parentName();
        }

        /** {@code КоммерческаяИнформация/Классификатор/Каталог/Товары/Товар}. */
        String path() {
            return parent == null ? name : parent.path() + "/" + name;
        }

        /** Whether {@code ancestor} is this node or above it. */
        boolean within(String ancestor) {
            for (Node node = this; node != null; node = node.parent) {
                if (node.name.equals(ancestor)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Entity elements at one path that no reader read: {@code count} of them, the first at {@code line}. */
    record Unread(CatalogEntity entity, String element, String path, long count, long line) {
    }

    /** Elements at one path that a reader passed over as unknown or unused (with all they held). */
    record Unused(String path, long count, long line) {
    }

    private Node root;

    Node root(String name) {
        if (root == null || !root.name.equals(name)) {
            root = new Node(name, null);
        }
        root.seen++;
        return root;
    }

    /** Item elements per entity, read or not. */
    Map<CatalogEntity, Long> items() {
        Map<CatalogEntity, Long> items = new EnumMap<>(CatalogEntity.class);
        if (root != null) {
            count(root, items);
        }
        return items;
    }

    private static void count(Node node, Map<CatalogEntity, Long> items) {
        if (node.entity != null) {
            items.merge(node.entity, node.seen, Long::sum);
        }
        for (Node child : node.children.values()) {
            count(child, items);
        }
    }

    /** Every path with entity elements that were not read, in document order of first sight. */
    List<Unread> unread() {
        List<Unread> unread = new ArrayList<>();
        if (root != null) {
            collect(root, unread, null);
        }
        return unread;
    }

    /** Every path whose elements a reader skipped as unknown or unused, outside the deliberately ignored ones. */
    List<Unused> unused() {
        List<Unused> unused = new ArrayList<>();
        if (root != null) {
            collect(root, null, unused);
        }
        return unused;
    }

    private static void collect(Node node, List<Unread> unread, List<Unused> unused) {
        if (unread != null && node.entity != null && node.notRead > 0) {
            unread.add(new Unread(node.entity, node.name, node.path(), node.notRead, node.firstNotReadLine));
        }
        if (unused != null && node.skipped > 0 && !node.ignored) {
            unused.add(new Unused(node.path(), node.skipped, node.firstSkippedLine));
        }
        for (Node child : node.children.values()) {
            collect(child, unread, unused);
        }
    }
}
