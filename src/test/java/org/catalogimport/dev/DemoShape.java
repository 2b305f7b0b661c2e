package org.catalogimport.dev;

/**
 * How the demo catalog is shaped. {@link #DEMO} is the default demo and test package. {@link #FIELD}
 * is shaped like the third-party 100k-product package of issue 21, which the team did not write:
 * every product in exactly two offers, two warehouses, and descriptions in HTML (paragraphs and a
 * list, escaped in the XML as 1C writes them).
 */
public enum DemoShape {

    /** Two thirds of the products in 2–4 variants, three warehouses, one-line descriptions. */
    DEMO(3, false),
    /** Every product in two variants, two warehouses, HTML descriptions. */
    FIELD(2, true);

    private final int warehouses;
    private final boolean htmlDescriptions;

    DemoShape(int warehouses, boolean htmlDescriptions) {
        this.warehouses = warehouses;
        this.htmlDescriptions = htmlDescriptions;
    }

    int warehouses() {
        return warehouses;
    }

    boolean twoOffersPerProduct() {
        return this == FIELD;
    }

    boolean htmlDescriptions() {
        return htmlDescriptions;
    }
}
