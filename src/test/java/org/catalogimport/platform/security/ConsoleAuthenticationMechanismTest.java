package org.catalogimport.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleAuthenticationMechanismTest {

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesBasicCredentialsWithColonsAndNonAsciiInThePassword() {
        Optional<UsernamePasswordCredential> credential =
                ConsoleAuthenticationMechanism.basicCredential(basic("админ:pa:ss wörd"));

        assertTrue(credential.isPresent());
        assertEquals("админ", credential.get().getCaller());
        assertEquals("pa:ss wörd", credential.get().getPasswordAsString());
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        assertTrue(ConsoleAuthenticationMechanism.basicCredential(
                "basic " + Base64.getEncoder().encodeToString("a:b".getBytes(StandardCharsets.UTF_8))).isPresent());
    }

    @Test
    void malformedHeadersCountAsNoCredentials() {
        assertTrue(ConsoleAuthenticationMechanism.basicCredential(null).isEmpty());
        assertTrue(ConsoleAuthenticationMechanism.basicCredential("Bearer abc").isEmpty());
        assertTrue(ConsoleAuthenticationMechanism.basicCredential("Basic %%%not-base64").isEmpty());
        assertTrue(ConsoleAuthenticationMechanism.basicCredential(basic("no-colon")).isEmpty());
        assertTrue(ConsoleAuthenticationMechanism.basicCredential(basic(":password-without-user")).isEmpty());
    }
}
