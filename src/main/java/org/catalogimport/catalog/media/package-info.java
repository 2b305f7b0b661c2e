/**
 * The media folder the shop serves product pictures from ({@code catalog.media.dir}), kept in step
 * with the catalog: pictures are staged while an import runs and published only after its
 * transaction committed ({@link org.catalogimport.catalog.media.MediaFolder}), each recorded with
 * its SHA-256 in {@code media_file} ({@link org.catalogimport.catalog.media.MediaFiles}). Knows files
 * and SQL; knows nothing of XML or of import sessions beyond their id.
 */
package org.catalogimport.catalog.media;
