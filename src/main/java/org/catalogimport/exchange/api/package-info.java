/** The exchanges in the JSON API ({@code /api/exchanges}). */
package org.catalogimport.exchange.api;
