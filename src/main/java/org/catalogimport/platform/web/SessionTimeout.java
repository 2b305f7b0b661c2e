package org.catalogimport.platform.web;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives every HTTP session the configured idle timeout ({@code CATALOG_SESSION_TIMEOUT_MINUTES},
 * default 60): web.xml can only hold a fixed number, and an operator changes settings, not the WAR.
 */
@WebListener
public class SessionTimeout implements HttpSessionListener {

    @Inject
    @ConfigProperty(name = "catalog.session.timeout-minutes")
    int timeoutMinutes;

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        event.getSession().setMaxInactiveInterval(Math.max(1, timeoutMinutes) * 60);
    }
}
