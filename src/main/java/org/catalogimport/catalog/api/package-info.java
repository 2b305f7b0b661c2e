/** JSON read API over the catalog, for operators checking an import's result. */
package org.catalogimport.catalog.api;
