package org.catalogimport.catalog.media;

/** A picture's content as {@code media_file} records it: SHA-256 (hex) and size in bytes. */
public record StoredPicture(String sha256, long size) {
}
