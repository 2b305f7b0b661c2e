/** The console's "1C exchange" page. */
package org.catalogimport.exchange.web;
