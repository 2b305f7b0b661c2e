/**
 * Packages uploaded from the console: checked before they are accepted, stored one folder per
 * upload under the work folder, recorded with who uploaded them and when, and read by the next
 * import instead of the import folder until imported or discarded.
 */
package org.catalogimport.imports.upload;
