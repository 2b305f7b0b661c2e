/** The admin console's import-sessions page: backing bean and lazy data model. Reads sessions only. */
package org.catalogimport.imports.web;
