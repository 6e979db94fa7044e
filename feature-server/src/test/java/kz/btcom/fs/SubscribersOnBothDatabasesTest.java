package kz.btcom.fs;

import kz.btcom.fs.admin.auth.AccessTokens;
import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.config.ConfigLoader;
import kz.btcom.fs.config.FeatureServerConfig;
import kz.btcom.fs.config.HostPort;
import kz.btcom.fs.config.HttpConfig;
import kz.btcom.fs.media.MediaSettings;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.testing.LocalPostgres;
import kz.btcom.fs.testing.PostgresServer;
import kz.btcom.fs.time.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static kz.btcom.fs.testing.CallSetups.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole server (SIP side faked) on the embedded database and on PostgreSQL: an operator provisions a line over
 * HTTP, the subscriber's feature code changes it through the call handler, the next read sees the change at once,
 * and a restarted server still has it.
 */
@ExtendWith(LocalPostgres.class)
class SubscribersOnBothDatabasesTest {

    private static final String TOKEN = "operator-token-0123456789";
    private static final Map<String, String> ENV = Map.of(AccessTokens.ENV, TOKEN + ":operator");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String PROFILE = "{\"services\": {\"forwarding\": {\"subscribed\": true}}}";

    @TempDir
    Path tempDir;

    private final FakeClock clock = FakeClock.at("2026-11-25T08:00:00Z");
    private FeatureServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void onTheEmbeddedDatabase() throws Exception {
        provisionChangeAndRestart(StoreSettings.defaults());
    }

    @Test
    void onPostgresql(PostgresServer postgres) throws Exception {
        provisionChangeAndRestart(StoreSettings.defaults().withDatabase(postgres.createDatabase(),
                PostgresServer.USER, ""));
    }

    /** Every profile is held in memory: a table larger than store.cacheSize says so before any call is taken. */
    @Test
    void aDatabaseWithMoreSubscribersThanTheCacheSizeStopsTheStartBeforeSipStarts() throws Exception {
        start(StoreSettings.defaults());
        assertEquals(201, send("PUT", PROFILE).statusCode());
        assertEquals(201, send("PUT", "/api/v1/subscribers/+77272777999", PROFILE).statusCode());
        server.stop();
        server = null;

        FakeSipSide sip = new FakeSipSide();
        StartException e = assertThrows(StartException.class,
                () -> FeatureServer.start(config(StoreSettings.defaults().withMaxSubscribers(1)), ENV, clock, sip));

        assertEquals("cannot load the subscribers: the database holds 2 subscribers, more than store.cacheSize (1),"
                + " the most this node holds in memory: raise store.cacheSize to at least 2", e.getMessage());
        assertEquals(List.of(), sip.events);
    }

    private void provisionChangeAndRestart(StoreSettings store) throws Exception {
        FakeSipSide sip = start(store);
        assertEquals(201, send("PUT", PROFILE).statusCode());

        CallDecision decision = sip.handler.onNewCall(call("+77272777888", "*21*2777000%23"));
        assertInstanceOf(CallDecision.Answer.class, decision, "a feature code is answered by the server itself");
        awaitForwardingTo("+77272777000");

        server.stop();
        server = null;
        start(store);
        assertTrue(send("GET", null).body().contains("\"unconditional\":\"+77272777000\""), "kept across a restart");
    }

    private FakeSipSide start(StoreSettings store) throws Exception {
        FakeSipSide sip = new FakeSipSide();
        server = FeatureServer.start(config(store), ENV, clock, sip);
        return sip;
    }

    private FeatureServerConfig config(StoreSettings store) {
        FeatureServerConfig defaults = ConfigLoader.defaults();
        return new FeatureServerConfig(defaults.sip(),
                new HttpConfig(new HostPort("127.0.0.1", 0)), tempDir.resolve("data"), defaults.shutdown(), store,
                defaults.admin(), new MediaSettings("127.0.0.1", 41000, 41009, Duration.ofSeconds(10),
                Duration.ofSeconds(5)), defaults.tables(), defaults.barredAnnouncement(),
                defaults.billing());
    }

    /** The profile change is written off the call's thread; the very next read after it sees it. */
    private void awaitForwardingTo(String target) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = send("GET", null).body();
            if (body.contains("\"unconditional\":\"" + target + "\"")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("forwarding never showed " + target + ": " + body);
    }

    private HttpResponse<String> send(String method, String body) throws Exception {
        return send(method, "/api/v1/subscribers/+77272777888", body);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.httpAddress().getPort() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
