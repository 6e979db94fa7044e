package kz.btcom.fs.admin.console;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import kz.btcom.fs.admin.AdminHttpServer;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.AdminRoutes;
import kz.btcom.fs.admin.Health;
import kz.btcom.fs.config.HostPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console through the server's HTTP listener, mounted as the server mounts it, with requests written byte for
 * byte: no client library tidies a "..", or an escaped one, out of the path before it reaches the server.
 */
class ConsoleOverHttpTest {

    private AdminHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = AdminHttpServer.start(new HostPort("127.0.0.1", 0), AdminRoutes.create(new Health(),
                new PrometheusRegistry(), request -> AdminResponse.error(404, "no API here"), ConsoleFiles.fromJar()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getConsoleAnswersThePageWithItsTypeAndPolicy() throws IOException {
        String answer = get("/console");

        assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
        assertTrue(answer.contains("\r\ncontent-type: text/html; charset=utf-8\r\n"), answer);
        assertTrue(answer.contains("\r\nContent-Security-Policy: default-src 'none';"), answer);
        assertTrue(answer.contains("<main id=\"main\">"), answer);
    }

    @Test
    void aModuleScriptComesAsJavaScript() throws IOException {
        String answer = get("/console/js/app.js");

        assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
        assertTrue(answer.contains("\r\ncontent-type: text/javascript; charset=utf-8\r\n"), answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/../pom.xml", "/console/%2e%2e/%2e%2e/etc/passwd", "/console/..%2f..%2fpom.xml",
        "/console/js/%2E%2E/%2E%2E/kz/btcom/fs/config/feature-server.yaml", "/console/%2fetc%2fpasswd",
        "/console/%5c..%5cpom.xml", "/console/vendor/uplot/..%2f..%2f..%2f..%2fMETA-INF%2fMANIFEST.MF"})
    void pathTraversalGets404AsJson(String path) throws IOException {
        String answer = get(path);

        assertTrue(answer.startsWith("HTTP/1.1 404 Not Found\r\n"), answer);
        assertTrue(answer.contains("\r\ncontent-type: application/json\r\n"), answer);
        assertTrue(answer.contains("{\"error\":\"no such file in the console: "), answer);
    }

    @Test
    void anUnknownFileGets404AsJson() throws IOException {
        String answer = get("/console/missing.js");

        assertTrue(answer.startsWith("HTTP/1.1 404 Not Found\r\n"), answer);
        assertTrue(answer.endsWith("{\"error\":\"no such file in the console: /console/missing.js\"}"), answer);
    }

    @Test
    void aPathThatOnlyBeginsLikeTheConsoleIsNotIt() throws IOException {
        assertTrue(get("/consoles").startsWith("HTTP/1.1 404 Not Found\r\n"));
    }

    private String get(String rawPath) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
