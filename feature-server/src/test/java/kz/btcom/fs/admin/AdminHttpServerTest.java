package kz.btcom.fs.admin;

import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.config.HostPort;
import kz.btcom.fs.metrics.FeatureServerMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /health and /metrics over a real loopback socket, and what bad requests get. */
class AdminHttpServerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Health health = new Health();
    private final FeatureServerMetrics metrics = new FeatureServerMetrics(() -> 3);
    private AdminHttpServer server;

    @BeforeEach
    void start() throws IOException {
        Router router = Router.builder()
                .get("/health", new HealthEndpoint(health))
                .get("/metrics", new MetricsEndpoint(metrics.registry()))
                .get("/broken", request -> {
                    throw new IllegalStateException("an endpoint bug");
                })
                .build();
        server = AdminHttpServer.start(new HostPort("127.0.0.1", 0), router);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> response = send("GET", "/health");

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"status\":\"up\"}", response.body());
    }

    @Test
    void healthSaysStoppingWith503OnceShutdownBegan() throws Exception {
        health.markStopping();

        HttpResponse<String> response = send("GET", "/health");

        assertEquals(503, response.statusCode());
        assertEquals("{\"status\":\"stopping\"}", response.body());
    }

    @Test
    void metricsAreInPrometheusTextFormat004() throws Exception {
        metrics.callEnded(CallOutcome.ANSWERED);

        HttpResponse<String> response = send("GET", "/metrics");

        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("\nfs_calls_in_progress 3.0\n"), response.body());
        assertTrue(response.body().contains("fs_calls_total{outcome=\"answered\"} 1.0\n"), response.body());
    }

    @Test
    void anUnknownPathIs404Json() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/subscribers");

        assertEquals(404, response.statusCode());
        assertEquals("{\"error\":\"no such resource: /api/v1/subscribers\"}", response.body());
    }

    @Test
    void aWrongMethodIs405Json() throws Exception {
        HttpResponse<String> response = send("POST", "/health");

        assertEquals(405, response.statusCode());
        assertEquals("GET", response.headers().firstValue("Allow").orElseThrow());
        assertTrue(response.body().startsWith("{\"error\":"), response.body());
    }

    @Test
    void aFailingEndpointIs500JsonAndTheServerGoesOn() throws Exception {
        HttpResponse<String> response = send("GET", "/broken");

        assertEquals(500, response.statusCode());
        assertEquals("{\"error\":\"internal error\"}", response.body());
        assertEquals(200, send("GET", "/health").statusCode());
    }

    @Test
    void aMalformedRequestIs400AndTheServerGoesOn() throws Exception {
        String answer = rawExchange("THIS IS NOT HTTP AT ALL\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.contains("{\"error\":\"malformed HTTP request\"}"), answer);
        assertEquals(200, send("GET", "/health").statusCode());
    }

    @Test
    void aBadPercentEscapeIs400() throws Exception {
        String answer = rawExchange("GET /health?x=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.contains("{\"error\":"), answer);
    }

    @Test
    void aBodyOver64KilobytesIsRefusedWith413AndTheServerGoesOn() throws Exception {
        // The headers alone announce it: the refusal comes before any of the body is read, so none is sent.
        String answer = rawExchange("POST /health HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (AdminHttpServer.MAX_CONTENT_BYTES + 1) + "\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
        assertTrue(answer.contains("{\"error\":"), answer);
        assertEquals(200, send("GET", "/health").statusCode());
    }

    @Test
    void aPortInUseIsAnErrorNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            IOException e = assertThrows(IOException.class, () -> AdminHttpServer.start(
                    new HostPort("127.0.0.1", taken.getLocalPort()), request -> AdminResponse.json(200, "{}")));

            assertTrue(e.getMessage().startsWith("cannot listen for HTTP on 127.0.0.1:" + taken.getLocalPort()),
                    e.getMessage());
        }
    }

    /** Sends bytes as they are and reads the answer until the server closes the connection. */
    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
