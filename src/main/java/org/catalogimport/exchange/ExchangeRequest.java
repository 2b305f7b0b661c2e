package org.catalogimport.exchange;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The query of one exchange call, parsed from the raw query string: calling the servlet's
 * {@code getParameter} on a form-encoded POST would consume the body, which for {@code mode=file}
 * is the file. 1C builds URLs by concatenation, so a second {@code ?} counts as {@code &}.
 */
public record ExchangeRequest(String type, String mode, Map<String, String> parameters) {

    public static ExchangeRequest parse(String queryString) {
        Map<String, String> parameters = new HashMap<>();
        if (queryString != null) {
            for (String pair : queryString.replace('?', '&').split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String key = decode(equals < 0 ? pair : pair.substring(0, equals)).toLowerCase(Locale.ROOT);
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                parameters.putIfAbsent(key, value);
            }
        }
        String type = parameters.getOrDefault("type", "catalog").toLowerCase(Locale.ROOT);
        String mode = parameters.getOrDefault("mode", "").toLowerCase(Locale.ROOT);
        return new ExchangeRequest(type, mode, Map.copyOf(parameters));
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name)).filter(v -> !v.isEmpty());
    }

    public boolean isSale() {
        return "sale".equals(type);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // why: a stray % in a file name must not turn the call into an error page.
            return text;
        }
    }
}
