package org.catalogimport.dev;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One element of a package item (a {@code Товар}, a {@code Предложение}, …) with its attributes and
 * children, and its text when it has no children: the small tree {@link DialectPackageWriter} reads,
 * re-shapes and writes out again, one item at a time.
 */
final class ItemTree {

    final String name;
    final List<String> attributes = new ArrayList<>(0); // name, value, name, value, …
    final List<ItemTree> children = new ArrayList<>(4);
    String text;

    ItemTree(String name, String text) {
        this.name = name;
        this.text = text;
    }

    ItemTree child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst().orElse(null);
    }

    String text(String childName) {
        ItemTree child = child(childName);
        return child == null ? null : child.text;
    }

    ItemTree add(ItemTree child) {
        children.add(child);
        return this;
    }

    ItemTree add(String childName, String childText) {
        return add(new ItemTree(childName, childText));
    }

    ItemTree attribute(String attributeName, String value) {
        attributes.add(attributeName);
        attributes.add(value);
        return this;
    }

    void writeTo(OneCXmlWriter x) throws IOException {
        String[] attributeArray = attributes.toArray(String[]::new);
        if (children.isEmpty()) {
            x.leaf(name, text, attributeArray);
            return;
        }
        x.open(name, attributeArray);
        for (ItemTree child : children) {
            child.writeTo(x);
        }
        x.end();
    }
}
