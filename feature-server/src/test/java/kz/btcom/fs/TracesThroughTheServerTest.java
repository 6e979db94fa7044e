package kz.btcom.fs;

import com.fasterxml.jackson.databind.JsonNode;
import kz.btcom.fs.admin.JsonBody;
import kz.btcom.fs.admin.auth.AccessTokens;
import kz.btcom.fs.config.ConfigLoader;
import kz.btcom.fs.config.FeatureServerConfig;
import kz.btcom.fs.config.HostPort;
import kz.btcom.fs.config.HttpConfig;
import kz.btcom.fs.media.MediaSettings;
import kz.btcom.fs.service.callreturn.CallOrigin;
import kz.btcom.fs.service.mcid.MaliciousCallRecord;
import kz.btcom.fs.service.mcid.JdbcMaliciousCallStore;
import kz.btcom.fs.service.mcid.MaliciousCallStore;
import kz.btcom.fs.testing.InMemoryCallHistoryStores;
import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.time.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trace API wired in the whole server (SIP side faked): the captures in the data directory, the audit in
 * the server's database, the malicious-call records from the store the server is given; all kept across a
 * restart.
 */
class TracesThroughTheServerTest {

    private static final String TECHNICIAN = "technician-token-0123456789";
    private static final Map<String, String> ENV = Map.of(AccessTokens.ENV, TECHNICIAN + ":technician");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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

    private void start(Function<Database, MaliciousCallStore> records) throws Exception {
        FeatureServerConfig defaults = ConfigLoader.defaults();
        FeatureServerConfig config = new FeatureServerConfig(defaults.sip(),
                new HttpConfig(new HostPort("127.0.0.1", 0)), tempDir.resolve("data"), defaults.shutdown(),
                defaults.store(), defaults.admin(), new MediaSettings("127.0.0.1", 41200, 41209,
                Duration.ofSeconds(10), Duration.ofSeconds(5)), defaults.tables(), defaults.barredAnnouncement(),
                defaults.billing());
        server = FeatureServer.start(config, ENV, clock, new FakeSipSide(), records);
    }

    private HttpResponse<byte[]> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.httpAddress().getPort() + "/api/v1" + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TECHNICIAN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<byte[]> response = send("GET", path, null);
        assertEquals(200, response.statusCode(), new String(response.body()));
        return JsonBody.read(response.body(), "the response");
    }

    @Test
    void capturesAuditAndMaliciousCallRecordsAreServedAndOutliveARestart() throws Exception {
        AtomicReference<Database> given = new AtomicReference<>();
        MaliciousCallRecord record = new MaliciousCallRecord("+77272777888", "+77012345678", "tel:+77012345678",
                false, "flagged@core", Instant.parse("2026-11-25T07:00:00Z"), Instant.parse("2026-11-25T07:02:00Z"),
                new CallOrigin(CallOrigin.Kind.CALLING_NUMBER, "+77012345678", ""));
        start(database -> {
            given.set(database);
            InMemoryCallHistoryStores.MaliciousCalls store = new InMemoryCallHistoryStores.MaliciousCalls();
            store.add(record);
            return store;
        });
        assertNotNull(given.get(), "the records' store is built on the server's database");

        HttpResponse<byte[]> started = send("POST", "/traces/sip",
                "{\"number\": \"+77272777888\", \"seconds\": 3600}");
        assertEquals(201, started.statusCode(), new String(started.body()));
        String id = JsonBody.read(started.body(), "the answer").get("id").textValue();
        HttpResponse<byte[]> pcap = send("GET", "/traces/sip/" + id, null);
        assertEquals(200, pcap.statusCode());
        assertEquals(24, pcap.body().length, "a pcap header and, with SIP faked, no message");
        assertEquals("flagged@core", json("/traces/malicious").get(0).get("callId").textValue());
        assertTrue(Files.exists(tempDir.resolve("data/traces/" + id + ".pcap")));

        server.stop();
        clock.advance(Duration.ofMinutes(1));
        start(JdbcMaliciousCallStore::new); // the real store: nobody has flagged a call in its database

        JsonNode captures = json("/traces/sip");
        assertEquals(1, captures.size());
        assertEquals(id, captures.get(0).get("id").textValue());
        assertTrue(captures.get(0).get("running").booleanValue(), "59 minutes are left");
        JsonNode audit = json("/traces/audit");
        assertEquals(List.of("POST /api/v1/traces/sip 201", "GET /api/v1/traces/sip/" + id + " 200",
                        "GET /api/v1/traces/malicious 200", "GET /api/v1/traces/sip 200"),
                List.of(line(audit.get(0)), line(audit.get(1)), line(audit.get(2)), line(audit.get(3))));
        assertEquals(0, json("/traces/malicious").size());
    }

    private static String line(JsonNode entry) {
        return entry.get("method").textValue() + " " + entry.get("path").textValue() + " "
                + entry.get("status").intValue();
    }
}
