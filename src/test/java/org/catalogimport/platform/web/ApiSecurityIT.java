package org.catalogimport.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.catalogimport.testing.BackingServices;
import org.catalogimport.testing.IntegrationTestSettings;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The security rules over plain HTTP, as a script or a browser without JavaScript meets them. */
@ExtendWith(RunningApplication.class)
class ApiSecurityIT {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path, String basicUser, String basicPassword) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(RunningApplication.baseUri().resolve(path));
        if (basicUser != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (basicUser + ":" + basicPassword).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAnonymousApiCallGets401WithABasicChallenge() throws Exception {
        HttpResponse<String> response = get("api/imports", null, null);

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="),
                response.headers().map().toString());
    }

    @Test
    void theAdministratorReadsSessionsWithHttpBasic() throws Exception {
        HttpResponse<String> response = get("api/imports?size=5",
                IntegrationTestSettings.ADMIN_USER, IntegrationTestSettings.ADMIN_PASSWORD);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(response.body().startsWith("["), response.body());
    }

    @Test
    void aWrongPasswordGets401() throws Exception {
        assertEquals(401, get("api/imports", IntegrationTestSettings.ADMIN_USER, "wrong").statusCode());
    }

    @Test
    void aUserWhoseRolesDoNotOpenTheApiGets403() throws Exception {
        TestUsers.put(BackingServices.forTests(), "it-api-exchange", "it-api-exchange-password", "exchange");

        assertEquals(403, get("api/imports", "it-api-exchange", "it-api-exchange-password").statusCode());
    }

    @Test
    void anAnonymousPageRequestIsRedirectedToLoginWithItsAddress() throws Exception {
        HttpResponse<String> response = get("admin/imports", null, null);

        assertEquals(302, response.statusCode());
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertEquals("/login", location.getPath());
        assertEquals("continue=%2Fadmin%2Fimports", location.getRawQuery());
    }

    @Test
    void theLoginPageIsPublic() throws Exception {
        HttpResponse<String> response = get("login", null, null);

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("id=\"login:username\""), response.body());
    }
}
