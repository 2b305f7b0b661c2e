/**
 * The 1C HTTP exchange ({@code /1c_exchange}): the protocol 1C:Enterprise itself speaks to push its
 * catalog to a site ({@code checkauth}, {@code init}, {@code file}, {@code import}...). Received
 * files are staged per exchange; imports go through the same launcher and cluster lock as the
 * console and the API, and every call answers at once with the import's real state.
 */
package org.catalogimport.exchange;
