package kz.btcom.fs.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import kz.btcom.fs.admin.AdminHttpServer;
import kz.btcom.fs.admin.AdminRoutes;
import kz.btcom.fs.admin.Health;
import kz.btcom.fs.admin.JsonBody;
import kz.btcom.fs.admin.auth.AccessTokens;
import kz.btcom.fs.config.HostPort;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.subscriber.LineStatus;
import kz.btcom.fs.subscriber.Pin;
import kz.btcom.fs.subscriber.PinGuard;
import kz.btcom.fs.subscriber.Services;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.subscriber.SubscriberDirectory;
import kz.btcom.fs.subscriber.SubscriberStores;
import kz.btcom.fs.tables.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subscriber API as an operator's script uses it: real HTTP on a loopback port, the real embedded database
 * behind the cached directory, tokens resolved as the server resolves them.
 */
class SubscriberApiOverHttpTest {

    /** These tests are about subscribers: no call records. */
    private static final kz.btcom.fs.admin.calls.CallRecordsEndpoint NO_CALLS =
            new kz.btcom.fs.admin.calls.CallRecordsEndpoint((number, from, to) -> java.util.List.of(),
                    NumberingPlan.builtIn(), java.time.Clock.systemUTC());

    private static final String OPERATOR = "operator-token-0123456789";
    private static final String TECHNICIAN = "technician-token-0123456789";
    private static final Map<String, String> ENV = Map.of(AccessTokens.ENV,
            OPERATOR + ":operator," + TECHNICIAN + ":technician");
    private static final String NUMBER = "+77272777888";
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TempDir
    Path dataDir;

    private SubscriberDirectory subscribers;
    private AdminHttpServer server;

    private void start(Map<String, String> env) throws IOException, ConfigException {
        subscribers = SubscriberDirectory.load(SubscriberStores.open(StoreSettings.defaults(), dataDir),
                StoreSettings.defaults());
        AccessTokens tokens = AccessTokens.resolve(List.of(), "feature-server.yaml", env, dataDir);
        server = AdminHttpServer.start(new HostPort("127.0.0.1", 0), AdminRoutes.create(new Health(),
                new PrometheusRegistry(), ApiV1.routes(tokens, subscribers, NumberingPlan.builtIn(), NO_CALLS)));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (subscribers != null) {
            subscribers.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String token, String body) throws Exception {
        return send("PUT", "/api/v1/subscribers/" + NUMBER, token, "application/json", body);
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return send("GET", path, token, null, null);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonBody.read(response.body().getBytes(StandardCharsets.UTF_8), "the response");
    }

    @Test
    void anOperatorCreatesReadsChangesAndDeletesASubscriber() throws Exception {
        start(ENV);

        HttpResponse<String> created = put(OPERATOR, "{\"pin\": \"4321\", \"services\": {\"clip\": true,"
                + " \"forwarding\": {\"subscribed\": true}}, \"tariff\": \"home-2\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("application/json", created.headers().firstValue("Content-Type").orElseThrow());

        HttpResponse<String> replaced = put(OPERATOR, "{\"services\": {\"clip\": true,"
                + " \"forwarding\": {\"subscribed\": true}}, \"tariff\": \"home-3\"}");
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertTrue(subscribers.find(NUMBER).orElseThrow().pin().matches("4321"), "a replacement keeps the PIN");

        HttpResponse<String> read = get(OPERATOR, "/api/v1/subscribers/77272777888");
        assertEquals(200, read.statusCode());
        assertEquals(json(replaced), json(read));
        assertFalse(read.body().contains("pin"), read.body());
        assertEquals("home-3", json(read).get("tariff").textValue());

        HttpResponse<String> patched = send("PATCH", "/api/v1/subscribers/" + NUMBER, OPERATOR,
                "application/merge-patch+json",
                "{\"services\": {\"forwarding\": {\"noReplySeconds\": 25, \"noReply\": \"2345678\"}}}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals(25, json(patched).at("/services/forwarding/noReplySeconds").intValue());
        assertEquals("+77272345678", json(patched).at("/services/forwarding/noReply").textValue());
        // Written through the directory: the call path's cached copy has the change at once.
        assertEquals(25, subscribers.profile(NUMBER).orElseThrow().services().forwarding().noReplySeconds());
        assertEquals(json(patched), json(get(OPERATOR, "/api/v1/subscribers/" + NUMBER)));

        HttpResponse<String> deleted = send("DELETE", "/api/v1/subscribers/" + NUMBER, OPERATOR, null, null);
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());
        HttpResponse<String> gone = get(OPERATOR, "/api/v1/subscribers/" + NUMBER);
        assertEquals(404, gone.statusCode());
        assertEquals("{\"error\":\"no subscriber +77272777888\"}", gone.body());
        assertFalse(subscribers.isServed(NUMBER));
    }

    @Test
    void withoutATokenTheAnswerIs401WithTheBearerChallenge() throws Exception {
        start(ENV);

        HttpResponse<String> response = get(null, "/api/v1/subscribers/" + NUMBER);

        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"btcom-fs\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(json(response).get("error").isTextual());
        assertEquals(200, get(null, "/health").statusCode());
    }

    @Test
    void aTechnicianMayReadAProfileButNotProvisionOne() throws Exception {
        start(ENV);
        assertEquals(201, put(OPERATOR, "{}").statusCode());

        assertEquals(403, put(TECHNICIAN, "{\"status\": \"suspended\"}").statusCode());
        HttpResponse<String> read = get(TECHNICIAN, "/api/v1/subscribers/" + NUMBER);

        assertEquals(200, read.statusCode());
        assertEquals("active", json(read).get("status").textValue());
    }

    @Test
    void badJsonIs400SayingWhatIsWrongAndWhere() throws Exception {
        start(ENV);

        HttpResponse<String> response = put(OPERATOR, "{\n  \"status\": \"active\",\n}");

        assertEquals(400, response.statusCode());
        String error = json(response).get("error").textValue();
        assertTrue(error.startsWith("the body is not valid JSON: Unexpected character ('}'"), error);
        assertTrue(error.endsWith("at line 3, column 1"), error);
    }

    @Test
    void twoHundredFiftySubscribersComeInThreePagesOfAtMostAHundred() throws Exception {
        start(ENV);
        Pin pin = Pin.of("0000");
        for (int i = 0; i < 250; i++) {
            subscribers.put(new Subscriber(String.format("+7727200%04d", i), LineStatus.ACTIVE, pin, Services.NONE,
                    PinGuard.CLEAR, "{}"));
        }

        List<Integer> pageSizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String after = "";
        do {
            HttpResponse<String> page = get(TECHNICIAN, "/api/v1/subscribers?prefix=7727&limit=100"
                    + (after.isEmpty() ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
            assertEquals(200, page.statusCode(), page.body());
            JsonNode body = json(page);
            pageSizes.add(body.get("subscribers").size());
            body.get("subscribers").forEach(s -> seen.add(s.get("number").textValue()));
            after = body.get("next").isNull() ? "" : body.get("next").textValue();
        } while (!after.isEmpty() && pageSizes.size() < 10);

        assertEquals(List.of(100, 100, 50), pageSizes);
        assertEquals(250, seen.stream().distinct().count());
        assertEquals("+77272000000", seen.get(0));
        assertEquals("+77272000249", seen.get(249));
    }

    @Test
    void withNoTokensConfiguredTheServerMakesOneKeepsItToItselfAndUsesItAgain() throws Exception {
        start(Map.of());
        Path tokenFile = dataDir.resolve("admin-token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        String token = Files.readString(tokenFile).trim();
        assertEquals(201, put(token, "{}").statusCode());
        stop();

        start(Map.of());

        assertEquals(token, Files.readString(tokenFile).trim());
        assertEquals(200, get(token, "/api/v1/subscribers/" + NUMBER).statusCode());
    }
}
