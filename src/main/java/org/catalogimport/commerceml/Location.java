package org.catalogimport.commerceml;

/** Where a record starts: the package file's relative name and the line of its start tag. */
public record Location(String file, long line) {

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
