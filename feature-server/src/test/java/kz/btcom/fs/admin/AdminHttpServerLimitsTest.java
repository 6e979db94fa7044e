package kz.btcom.fs.admin;

import kz.btcom.fs.access.Role;
import kz.btcom.fs.admin.auth.AccessTokens;
import kz.btcom.fs.admin.auth.Authorization;
import kz.btcom.fs.admin.auth.FailedTokens;
import kz.btcom.fs.config.HostPort;
import kz.btcom.fs.config.HttpLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits as a client meets them over TCP. Netty's timers are wall-clock: the server runs with short timeouts,
 * and each test waits for what it expects to see (an answer, the connection closed) for far longer than that;
 * the exact moments are {@link RequestDeadlinesTest}'s, on fake time.
 */
class AdminHttpServerLimitsTest {

    /** Far beyond any configured timeout here: only a server that never answers makes a test wait this long. */
    private static final int PATIENCE_MILLIS = 15_000;
    private static final Duration SHORT = Duration.ofMillis(500);
    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    private final Router router = Router.builder()
            .get("/health", new HealthEndpoint(new Health()))
            .route("PUT", "/thing", request -> AdminResponse.json(200, "\"stored\""))
            .get("/database", request -> AdminResponse.json(200, "\"read\""))
            .build();
    private AdminHttpServer server;

    private void start(HttpLimits limits) throws IOException {
        // One worker and one place in its queue: a request that held either would be seen at once.
        server = AdminHttpServer.start(new HostPort("127.0.0.1", 0), limits, router, 1, 1);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws IOException {
        start(HttpLimits.DEFAULTS.withIdleTimeout(SHORT));

        try (Socket socket = connect()) {
            assertEquals("", readUntilClosed(socket), "closed, with nothing to answer");
        }
    }

    @Test
    void aKeepAliveConnectionIsClosedOnceIdleAfterItsAnswer() throws IOException {
        start(HttpLimits.DEFAULTS.withIdleTimeout(SHORT));

        try (Socket socket = connect()) {
            send(socket, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");

            String answer = readUntilClosed(socket);

            assertTrue(answer.startsWith("HTTP/1.1 200 ") && answer.endsWith("{\"status\":\"up\"}"), answer);
        }
    }

    @Test
    void headersTrickledInAreAnswered408AndTheConnectionClosed() throws IOException {
        start(HttpLimits.DEFAULTS.withRequestTimeout(SHORT));

        try (Socket socket = connect()) {
            send(socket, "GET /health HTTP/1.1\r\nHost: x\r\n");
            String answer = trickleUntilAnswered(socket);

            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            assertTrue(answer.endsWith("{\"error\":\"the request did not arrive whole within 500 ms of its first"
                    + " byte\"}"), answer);
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthIsAnswered408() throws IOException {
        start(HttpLimits.DEFAULTS.withRequestTimeout(SHORT));

        try (Socket socket = connect()) {
            send(socket, "PUT /thing HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"only\": \"part\"");

            String answer = readUntilClosed(socket);

            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            assertTrue(answer.contains("{\"error\":\"the request did not arrive whole"), answer);
        }
    }

    @Test
    void requestsWaitingForTheirBodiesHoldNoThreadWhileOthersAreServed() throws IOException {
        start(HttpLimits.DEFAULTS.withRequestTimeout(Duration.ofSeconds(2)));
        List<Socket> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = connect();
                waiting.add(socket);
                // The 100 Continue says the server has the headers and waits for the 100 bytes they announce.
                send(socket, "PUT /thing HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n");
                assertTrue(readAnswer(socket).startsWith("HTTP/1.1 100 "));
                send(socket, "{\"a\":");
            }

            // More requests wait for bodies than there are workers and places in their queue: had any of them
            // taken one, the database call would get 503 (busy), and /health would wait behind a blocked loop.
            assertTrue(exchange("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .startsWith("HTTP/1.1 200 "));
            assertTrue(exchange("GET /database HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .startsWith("HTTP/1.1 200 "));
            for (Socket socket : waiting) {
                assertTrue(readUntilClosed(socket).startsWith("HTTP/1.1 408 "));
            }
        } finally {
            for (Socket socket : waiting) {
                socket.close();
            }
        }
    }

    @Test
    void beyondTheConnectionLimitANewConnectionGets503AndIsClosedWhileTheOthersAreServed() throws Exception {
        start(HttpLimits.DEFAULTS.withMaxConnections(2));
        try (Socket first = connect(); Socket second = connect()) {
            for (Socket open : List.of(first, second)) {
                send(open, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(readAnswer(open).startsWith("HTTP/1.1 200 "));
            }

            String refused = exchange("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");

            assertTrue(refused.startsWith("HTTP/1.1 503 "), refused);
            assertTrue(refused.toLowerCase(java.util.Locale.ROOT).contains("retry-after: 1"), refused);
            assertTrue(refused.endsWith("{\"error\":\"the server has 2 HTTP connections open, as many as it takes;"
                    + " try again shortly\"}"), refused);
            send(second, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(readAnswer(second).startsWith("HTTP/1.1 200 "), "those let in are served as before");
        }
        assertTrue(eventually200("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                "once those two are closed, a new connection is let in");
    }

    @Test
    void aRefusedClientThatHasNotSentItsRequestYetReadsThe503Too() throws Exception {
        start(HttpLimits.DEFAULTS.withMaxConnections(1));
        try (Socket first = connect(); Socket second = connect()) {
            send(first, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(readAnswer(first).startsWith("HTTP/1.1 200 "));

            assertTrue(readUntilClosed(second).startsWith("HTTP/1.1 503 "));
        }
    }

    @Test
    void aRequestLineOverTheLimitIs414WithAJsonErrorAndTheServerGoesOn() throws IOException {
        start(HttpLimits.DEFAULTS);

        String answer = exchange("GET /health?" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 414 "), answer);
        assertTrue(answer.endsWith("{\"error\":\"the request line (method, URI and version) is longer than the 4096"
                + " bytes this server takes\"}"), answer);
        assertTrue(exchange(HEALTH).startsWith("HTTP/1.1 200 "));
    }

    @Test
    void headersOverTheLimitAre431WithAJsonErrorAndTheServerGoesOn() throws IOException {
        start(HttpLimits.DEFAULTS);

        String answer = exchange("GET /health HTTP/1.1\r\nHost: x\r\n" + "X-Filler: a\r\n".repeat(1000) + "\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
        assertTrue(answer.endsWith("{\"error\":\"the headers are larger than the 8192 bytes this server takes\"}"),
                answer);
        assertTrue(exchange(HEALTH).startsWith("HTTP/1.1 200 "));
    }

    @Test
    void theConfiguredSizesAreTheOnesApplied() throws IOException {
        start(HttpLimits.DEFAULTS.withMaxSizes(1024, 2048, 1000));

        assertTrue(exchange("GET /health?" + "a".repeat(900) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .startsWith("HTTP/1.1 200 "));
        assertTrue(exchange("GET /health?" + "a".repeat(1100) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .startsWith("HTTP/1.1 414 "));
        assertTrue(exchange("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Filler: "
                + "a".repeat(1900) + "\r\n\r\n").startsWith("HTTP/1.1 200 "));
        assertTrue(exchange("GET /health HTTP/1.1\r\nHost: x\r\nX-Filler: " + "a".repeat(2100) + "\r\n\r\n")
                .startsWith("HTTP/1.1 431 "));
        assertTrue(exchange(put(1000)).startsWith("HTTP/1.1 200 "));
        String tooLarge = exchange(put(1001));
        assertTrue(tooLarge.startsWith("HTTP/1.1 413 "), tooLarge);
        assertTrue(tooLarge.endsWith("{\"error\":\"the body is larger than the 1000 bytes this server takes\"}"),
                tooLarge);
    }

    @Test
    void aClientThatGuessesTokensIsToldToWaitWith429AndItsAddressIsWhatCounts() throws IOException {
        String token = "operator-token-0123456789";
        Authorization auth = new Authorization(AccessTokens.of(Map.of(token, Role.OPERATOR), "test"),
                new FailedTokens(3, Duration.ofMinutes(1), Clock.systemUTC()));
        server = AdminHttpServer.start(new HostPort("127.0.0.1", 0), HttpLimits.DEFAULTS, Router.builder()
                .get("/guarded", auth.requireRole(Set.of(Role.OPERATOR), request -> AdminResponse.json(200, "{}")))
                .build());
        String guess = "GET /guarded HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer ";
        for (int i = 0; i < 3; i++) {
            assertTrue(exchange(guess + "guess-" + i + "-0123456789abcdef\r\n\r\n").startsWith("HTTP/1.1 401 "));
        }

        String refused = exchange(guess + token + "\r\n\r\n");

        assertTrue(refused.startsWith("HTTP/1.1 429 "), refused);
        assertTrue(refused.toLowerCase(Locale.ROOT).contains("retry-after: "), refused);
        assertTrue(refused.contains("{\"error\":\"too many unknown tokens from this address; try again in "), refused);
    }

    /** A PUT whose body is {@code bytes} long. */
    private static String put(int bytes) {
        return "PUT /thing HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " + bytes + "\r\n\r\n"
                + "a".repeat(bytes);
    }

    /** Tries a request on new connections until one gets 200: the server counts a closed one out in its own time. */
    private boolean eventually200(String request) throws IOException {
        long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (System.nanoTime() < giveUp) {
            if (exchange(request).startsWith("HTTP/1.1 200 ")) {
                return true;
            }
        }
        return false;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()), PATIENCE_MILLIS);
        socket.setSoTimeout(PATIENCE_MILLIS);
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A request on a connection of its own, and the answer up to the server's close. */
    private String exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            send(socket, request);
            return readUntilClosed(socket);
        }
    }

    /** Everything the server sends until it closes the connection; fails if it keeps it open past patience. */
    private static String readUntilClosed(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** A header line every 50 ms, as a slowloris client sends, until the server answers and closes. */
    private static String trickleUntilAnswered(Socket socket) throws IOException {
        socket.setSoTimeout(50);
        long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        InputStream in = socket.getInputStream();
        StringBuilder answer = new StringBuilder();
        for (int line = 0; System.nanoTime() < giveUp; line++) {
            try {
                send(socket, "X-Trickle-" + line + ": a\r\n");
            } catch (IOException closed) {
                // The server answered and closed while this line was on its way; the answer may still be there.
            }
            try {
                int b = in.read();
                if (b < 0) {
                    return answer.toString();
                }
                answer.append((char) b);
                socket.setSoTimeout(PATIENCE_MILLIS);
                return answer + readUntilClosed(socket);
            } catch (SocketTimeoutException nothingYet) {
                // Trickle on.
            }
        }
        throw new AssertionError("no answer in " + PATIENCE_MILLIS + " ms of trickled headers");
    }

    /** One answer with a Content-Length (or none), read byte by byte so nothing of what follows is taken. */
    private static String readAnswer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)")
                .matcher(head);
        int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(bodyLength), StandardCharsets.ISO_8859_1);
    }
}
