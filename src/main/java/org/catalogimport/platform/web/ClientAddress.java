package org.catalogimport.platform.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place that decides a request's client address, for everything that records or throttles
 * one: console and API sign-in, the 1C exchange, the audit trail. See {@link TrustedProxies} for the
 * rule ({@code CATALOG_TRUSTED_PROXIES}).
 */
@ApplicationScoped
public class ClientAddress {

    @Inject
    @ConfigProperty(name = "catalog.trusted-proxies")
    Optional<String> trustedProxiesSetting;

    private TrustedProxies trusted;

    @PostConstruct
    void parse() {
        trusted = TrustedProxies.parse(trustedProxiesSetting.orElse(""));
    }

    public String of(HttpServletRequest request) {
        List<String> forwarded = trusted.isEmpty() ? List.of() : Collections.list(request.getHeaders("X-Forwarded-For"));
        return trusted.clientAddress(request.getRemoteAddr(), forwarded);
    }
}
