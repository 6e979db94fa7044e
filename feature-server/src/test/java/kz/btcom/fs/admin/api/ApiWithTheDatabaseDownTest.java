package kz.btcom.fs.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import kz.btcom.fs.access.Role;
import kz.btcom.fs.admin.AdminHttpServer;
import kz.btcom.fs.admin.AdminRoutes;
import kz.btcom.fs.admin.Health;
import kz.btcom.fs.admin.JsonBody;
import kz.btcom.fs.admin.auth.AccessTokens;
import kz.btcom.fs.admin.calls.CallRecordsEndpoint;
import kz.btcom.fs.admin.traces.TraceSources;
import kz.btcom.fs.config.HostPort;
import kz.btcom.fs.metrics.FeatureServerMetrics;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.mcid.JdbcMaliciousCallStore;
import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.subscriber.LineStatus;
import kz.btcom.fs.subscriber.Pin;
import kz.btcom.fs.subscriber.PinGuard;
import kz.btcom.fs.subscriber.Services;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.subscriber.SubscriberDirectory;
import kz.btcom.fs.subscriber.SubscriberStores;
import kz.btcom.fs.testing.PostgresServer;
import kz.btcom.fs.time.ExecutorScheduler;
import kz.btcom.fs.trace.SipTraces;
import kz.btcom.fs.trace.audit.JdbcTraceAudit;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, section 4, the HTTP side: with the database down, every API call that needs it gets 503 with a JSON
 * error and Retry-After, neither a 500 with a stack trace nor a wait for the connection pool's 10 s timeout, while
 * /health, /metrics and the calls that need no database (GET /calls reads the journal) answer as before; once the
 * database is back, so is the API. Calls go on meanwhile: every profile is in memory, the one written through the
 * API and the one that was in the database before the node started alike.
 */
class ApiWithTheDatabaseDownTest {

    private static final String OPERATOR = "operator-token-0123456789";
    private static final String TECHNICIAN = "technician-token-0123456789";
    private static final AccessTokens TOKENS = AccessTokens.of(Map.of(OPERATOR, Role.OPERATOR,
            TECHNICIAN, Role.TECHNICIAN), "test");
    private static final String NUMBER = "+77272777888";
    private static final String PROFILE = "{\"status\": \"active\", \"pin\": \"0000\"}";
    /** In the database before the node starts, never read or written through this node's API. */
    private static final String LOADED_AT_START = "+77272777666";
    /** Far below the pool's 10 s: a call that waited for the pool would miss it. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);
    /** The first call after the database went may itself be the one that waits out the pool. */
    private static final Duration FINDING_OUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    private final ExecutorScheduler scheduler = new ExecutorScheduler("test-traces");
    private Database database;
    private SubscriberDirectory subscribers;
    private SipTraces traces;
    private AdminHttpServer server;
    private PostgresServer postgres;

    private void start(StoreSettings settings) throws IOException {
        database = SubscriberStores.openDatabase(settings, dataDir);
        // Not closed: it would close the database the directory is about to use.
        SubscriberStores.on(database).put(new Subscriber(LOADED_AT_START, LineStatus.ACTIVE, Pin.of("0000"),
                Services.NONE, PinGuard.CLEAR, "{}"));
        subscribers = SubscriberDirectory.load(SubscriberStores.on(database), settings);
        traces = SipTraces.open(dataDir, NumberingPlan.builtIn(), Clock.systemUTC(), scheduler);
        CallRecordsEndpoint calls = new CallRecordsEndpoint((number, from, to) -> List.of(),
                NumberingPlan.builtIn(), Clock.systemUTC());
        server = AdminHttpServer.start(new HostPort("127.0.0.1", 0), AdminRoutes.create(new Health(),
                new FeatureServerMetrics(() -> 0).registry(), ApiV1.routes(TOKENS, subscribers,
                        NumberingPlan.builtIn(), calls, new TraceSources(traces, new JdbcMaliciousCallStore(database),
                                new JdbcTraceAudit(database), Clock.systemUTC()))));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (traces != null) {
            traces.close();
        }
        if (subscribers != null) {
            subscribers.close(); // and the database with it
        }
        scheduler.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void withTheEmbeddedDatabaseClosed() throws Exception {
        start(StoreSettings.defaults());
        assertEquals(201, call("PUT", "/api/v1/subscribers/" + NUMBER, OPERATOR, PROFILE, AT_ONCE).statusCode());

        database.close();

        everyCallThatNeedsTheDatabaseIs503AtOnceAndTheRestAnswer();
    }

    @Test
    void withAPostgresqlServerStoppedAndStartedAgain() throws Exception {
        postgres = PostgresServer.start();
        start(StoreSettings.defaults().withDatabase(postgres.createDatabase(), PostgresServer.USER, ""));
        assertEquals(201, call("PUT", "/api/v1/subscribers/" + NUMBER, OPERATOR, PROFILE, AT_ONCE).statusCode());

        postgres.pause();
        assertServiceUnavailable(call("GET", "/api/v1/subscribers/" + NUMBER, OPERATOR, null, FINDING_OUT));
        everyCallThatNeedsTheDatabaseIs503AtOnceAndTheRestAnswer();

        postgres.resume();
        assertTrue(eventually200("/api/v1/subscribers/" + NUMBER), "the API is back with the database");
        assertEquals(201, call("PUT", "/api/v1/subscribers/+77272777999", OPERATOR, PROFILE, AT_ONCE).statusCode());
    }

    private void everyCallThatNeedsTheDatabaseIs503AtOnceAndTheRestAnswer() throws Exception {
        assertTrue(subscribers.isServed(NUMBER), "calls still served from memory when the database is down");
        assertTrue(subscribers.isServed(LOADED_AT_START), "every profile, not only those read recently");
        for (String[] needsTheDatabase : List.of(
                new String[] {"GET", "/api/v1/subscribers/" + NUMBER, OPERATOR, null},
                new String[] {"PUT", "/api/v1/subscribers/+77272777999", OPERATOR, PROFILE},
                new String[] {"PATCH", "/api/v1/subscribers/" + NUMBER, OPERATOR, "{\"status\": \"suspended\"}"},
                new String[] {"DELETE", "/api/v1/subscribers/" + NUMBER, OPERATOR, null},
                new String[] {"GET", "/api/v1/subscribers?prefix=%2B7727", TECHNICIAN, null},
                new String[] {"GET", "/api/v1/traces/malicious", TECHNICIAN, null},
                new String[] {"GET", "/api/v1/traces/sip", TECHNICIAN, null},
                new String[] {"GET", "/api/v1/traces/audit", TECHNICIAN, null})) {
            HttpResponse<String> response = call(needsTheDatabase[0], needsTheDatabase[1], needsTheDatabase[2],
                    needsTheDatabase[3], AT_ONCE);
            assertServiceUnavailable(response);
        }
        assertEquals(200, call("GET", "/api/v1/calls?number=%2B77272777888", OPERATOR, null, AT_ONCE).statusCode());
        HttpResponse<String> health = call("GET", "/health", null, null, AT_ONCE);
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"up\"}", health.body());
        HttpResponse<String> metrics = call("GET", "/metrics", null, null, AT_ONCE);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("fs_calls_in_progress"), metrics.body());
    }

    private static void assertServiceUnavailable(HttpResponse<String> response) {
        String what = response.request().method() + " " + response.request().uri() + " -> " + response.body();
        assertEquals(503, response.statusCode(), what);
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""), what);
        JsonNode error = JsonBody.read(response.body().getBytes(StandardCharsets.UTF_8), "the answer").get("error");
        assertTrue(error != null && error.isTextual() && error.textValue().contains("try again shortly"), what);
        assertTrue(response.headers().firstValue("Retry-After").isPresent(), what);
        assertFalse(response.body().contains("Exception") || response.body().contains("jdbc:"), what);
    }

    /** Asks until the answer is 200: the database is tried again in the background, once a second. */
    private boolean eventually200(String path) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < giveUp) {
            if (call("GET", path, OPERATOR, null, AT_ONCE).statusCode() == 200) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private HttpResponse<String> call(String method, String path, String token, String body, Duration timeout)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json"
                    : "application/json");
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
