/** JSON API for automation: import sessions. The same rules as the console (admin role). */
package org.catalogimport.imports.api;
