package org.catalogimport.commerceml;

/**
 * An item (or one row of it, such as a price) that could not be read and was skipped; the rest of
 * the file was read.
 *
 * @param itemId the item's {@code Ид}, null when that is what is missing
 * @param line   line of the offending element
 * @param reason what is wrong, in words an administrator understands
 */
public record ItemProblem(String itemId, String file, long line, String reason) {
}
