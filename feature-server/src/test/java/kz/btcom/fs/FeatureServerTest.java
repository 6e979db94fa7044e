package kz.btcom.fs;

import kz.btcom.fs.config.HttpLimits;
import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.config.ConfigLoader;
import kz.btcom.fs.config.FeatureServerConfig;
import kz.btcom.fs.config.HostPort;
import kz.btcom.fs.config.HttpConfig;
import kz.btcom.fs.time.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static kz.btcom.fs.testing.CallSetups.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up and SIGTERM, with the SIP side faked (the adapter is tested with real SIP in its own module). */
class FeatureServerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path tempDir;

    private final FakeClock clock = FakeClock.at("2026-11-25T08:00:00Z");
    private final FakeSipSide sip = new FakeSipSide();
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

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + path);
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + path);
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startingCreatesTheDataDirectoryServesHttpAndStartsSipWithTheConfiguredSettings() throws Exception {
        server = FeatureServer.start(config(), clock, sip);

        assertTrue(Files.isDirectory(tempDir.resolve("data")));
        assertEquals("{\"status\":\"up\"}", get("/health").body());
        assertEquals(List.of("start"), sip.events);
        assertEquals("127.0.0.1", sip.settings.listenHost());
        assertEquals(5060, sip.settings.listenPort());
        assertEquals(Set.of("udp", "tcp"), sip.settings.transports());
        assertEquals(5070, sip.settings.corePort());
        assertEquals("auto", sip.settings.coreTransport());
        assertSame(clock, sip.settings.clock());
    }

    @Test
    void theHttpLimitsAreTheConfiguredOnes() throws Exception {
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxSizes(256, 8192, 65536)
                .withFailedTokens(1, Duration.ofMinutes(1));
        server = FeatureServer.start(config().withHttp(new HttpConfig(new HostPort("127.0.0.1", 0), limits)), clock,
                sip);

        assertEquals(414, get("/health?" + "a".repeat(300)).statusCode());
        assertEquals(401, get("/api/v1/subscribers", "unknown-token-0123456789").statusCode());
        assertEquals(429, get("/api/v1/subscribers", "unknown-token-0123456789").statusCode(),
                "one unknown token is all this configuration allows");
    }

    @Test
    void untilThereAreSubscribersEveryCallIsRelayedAsDialledAndJournaled() throws Exception {
        server = FeatureServer.start(config(), clock, sip);

        CallDecision.Relay relay = assertInstanceOf(CallDecision.Relay.class,
                sip.handler.onNewCall(call("+77272777888", "+77172555111")));

        assertEquals(java.util.Optional.empty(), relay.leg().targetNumber());
        assertEquals(kz.btcom.fs.call.Presentation.AS_RECEIVED, relay.leg().presentation());
        assertTrue(relay.leg().diversions().isEmpty());
        assertTrue(Files.isDirectory(tempDir.resolve("data/journal")), "the billing journal is in the data directory");
    }

    @Test
    void metricsShowWhatTheSipSideReports() throws Exception {
        server = FeatureServer.start(config(), clock, sip);
        sip.callsInProgress = 5;
        sip.metrics.overloadRejected();

        String metrics = get("/metrics").body();

        assertTrue(metrics.contains("\nfs_calls_in_progress 5.0\n"), metrics);
        assertTrue(metrics.contains("\nfs_overload_rejections_total 1.0\n"), metrics);
    }

    @Test
    void stoppingTurnsHealthToStoppingThenShedsNewCallsThenReleasesCallsThenClosesHttp() throws Exception {
        server = FeatureServer.start(config(), clock, sip);
        int httpPort = server.httpAddress().getPort();
        sip.onStopAccepting = () -> sip.events.add("health " + healthStatus(httpPort));

        server.stop();

        assertEquals(List.of("start", "health 503", "stop accepting calls", "release all calls within 5 s", "close"),
                sip.events);
        assertThrows(ConnectException.class, () -> get("/health"));
    }

    @Test
    void stoppingTwiceStopsOnce() throws Exception {
        server = FeatureServer.start(config(), clock, sip);

        server.stop();
        server.stop();

        assertEquals(1, sip.events.stream().filter("close"::equals).count());
    }

    @Test
    void whenSipCannotStartTheMessageSaysWhereAndHttpIsReleased() throws Exception {
        int httpPort = freePort();
        FeatureServerConfig config = config().withHttp(new HttpConfig(new HostPort("127.0.0.1", httpPort)));

        StartException e = assertThrows(StartException.class,
                () -> FeatureServer.start(config, clock, FakeSipSide.failingWith("Address already in use")));

        assertEquals("cannot start SIP on 127.0.0.1:5060: Address already in use", e.getMessage());
        try (ServerSocket again = new ServerSocket(httpPort, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(httpPort, again.getLocalPort());
        }
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedStopsTheStart() throws Exception {
        Files.writeString(tempDir.resolve("data"), "a file where the directory should be");

        StartException e = assertThrows(StartException.class, () -> FeatureServer.start(config(), clock, sip));

        assertTrue(e.getMessage().startsWith("cannot create the data directory " + tempDir.resolve("data")),
                e.getMessage());
        assertEquals(List.of(), sip.events);
    }

    private static String healthStatus(int port) {
        try {
            URI uri = URI.create("http://127.0.0.1:" + port + "/health");
            return String.valueOf(CLIENT.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
