package org.catalogimport.platform.health;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.catalogimport.testing.RunningApplication;
import org.catalogimport.testing.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * /health is UP only while both PostgreSQL and Redis answer, and names the one that does not.
 * The services are taken away by cutting the TCP forwarders between them and the application.
 */
@ExtendWith(RunningApplication.class)
class HealthIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void giveServicesBack() {
        RunningApplication.giveServicesBack();
    }

    private HttpResponse<String> health() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(RunningApplication.baseUri().resolve("health"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> checkStatuses(String body) {
        JsonObject json = Json.createReader(new StringReader(body)).readObject();
        return json.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
    }

    @Test
    void healthIsUpWhenPostgresAndRedisAnswer() throws Exception {
        HttpResponse<String> response = health();

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"status\":\"UP\""), response.body());
        assertEquals(Map.of("postgresql", "UP", "redis", "UP"), checkStatuses(response.body()));
    }

    @Test
    void healthSaysRedisIsDownWhenRedisStopsAnswering() {
        TcpProxy redis = RunningApplication.redisProxy();

        redis.cut();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> response = health();
            assertEquals(503, response.statusCode(), response.body());
            assertEquals(Map.of("postgresql", "UP", "redis", "DOWN"), checkStatuses(response.body()));
        });
    }

    @Test
    void healthSaysPostgresIsDownWhenTheDatabaseStopsAnswering() {
        TcpProxy postgres = RunningApplication.postgresProxy();

        postgres.cut();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> response = health();
            assertEquals(503, response.statusCode(), response.body());
            assertEquals(Map.of("postgresql", "DOWN", "redis", "UP"), checkStatuses(response.body()));
        });
    }
}
