package kz.btcom.fs;

import com.fasterxml.jackson.databind.JsonNode;
import kz.btcom.fs.admin.JsonBody;
import kz.btcom.fs.admin.auth.AccessTokens;
import kz.btcom.fs.config.ConfigLoader;
import kz.btcom.fs.config.FeatureServerConfig;
import kz.btcom.fs.config.HostPort;
import kz.btcom.fs.config.HttpConfig;
import kz.btcom.fs.time.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The wake-up bookings as the started server serves them (SIP faked): the API on its HTTP port books into the
 * server's own database, in the configured zone (Asia/Almaty, UTC+5), and the booking outlives a restart.
 */
class WakeUpBookingsInTheServerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String OPERATOR = "operator-token-0123456789";
    private static final Map<String, String> ENV = Map.of(AccessTokens.ENV, OPERATOR + ":operator");
    private static final String LINE = "/api/v1/subscribers/+77272777888";

    @TempDir
    Path tempDir;

    /** 13:00 in Almaty. */
    private final FakeClock clock = FakeClock.at("2026-11-25T08:00:00Z");
    private FeatureServer server;

    private FeatureServerConfig config() {
        return ConfigLoader.defaults()
                .withHttp(new HttpConfig(new HostPort("127.0.0.1", 0)))
                .withDataDir(tempDir.resolve("data"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException,
            InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + OPERATOR)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonBody.read(response.body().getBytes(StandardCharsets.UTF_8), "the response");
    }

    @Test
    void anOperatorBooksOverHttpAndTheBookingIsThereAfterARestart() throws Exception {
        server = FeatureServer.start(config(), ENV, clock, new FakeSipSide());
        assertEquals(201, send("PUT", LINE, "{\"services\": {\"wakeUp\": {\"subscribed\": true}}}").statusCode());

        HttpResponse<String> booked = send("POST", LINE + "/wakeups", "{\"time\": \"06:30\", \"daily\": true}");

        assertEquals(201, booked.statusCode(), booked.body());
        assertEquals("2026-11-26T01:30:00Z", json(booked).get("next").textValue());
        server.stop();
        server = FeatureServer.start(config(), ENV, clock, new FakeSipSide());
        HttpResponse<String> listed = send("GET", LINE + "/wakeups", null);
        assertEquals(200, listed.statusCode());
        assertEquals(json(booked), json(listed).get("wakeups").get(0));
        HttpResponse<String> refused = send("POST", LINE + "/wakeups", "{\"time\": \"6:30\"}");
        assertEquals(400, refused.statusCode());
        assertEquals("time: \"6:30\" is not HH:MM", json(refused).get("error").textValue());
    }
}
