package kz.btcom.fs.loadtest.functional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 from the outside: only the core may speak SIP to the server. The packaged server runs with the core on
 * 127.0.0.1 (so, by default, only 127.0.0.1 is trusted); a stranger on the second loopback address 127.0.0.2 sends
 * what the core would, with a subscriber's identity, dialling {@code *21*N#} to forward that line elsewhere. It is
 * refused with 403 over UDP and TCP (or gets nothing at all with {@code sip.untrustedPolicy: drop}), the line's
 * profile is untouched (the HTTP API says so), {@code fs_untrusted_requests_total} counts it, and the same code
 * dialled from the core, through SIPp, still works.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UntrustedPeerEndToEndTest {

    private static final String STRANGER = "127.0.0.2";
    private static final String SUBSCRIBER = "77272777601";
    private static final String FORWARD_AWAY = "*21*2777000%23";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern UNTRUSTED = Pattern.compile("(?m)^fs_untrusted_requests_total ([0-9.eE+-]+)$");

    @TempDir
    Path workDir;

    private ServerProcess server;
    private RtpReceiver rtp;

    @BeforeAll
    static void requirements() throws Exception {
        Repository.requireBuiltJar();
        Sipp.ensureInstalled();
    }

    @AfterEach
    void stop() throws Exception {
        if (rtp != null) {
            rtp.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private AdminClient start(String config) throws Exception {
        Path file = Files.writeString(workDir.resolve("untrusted-test.yaml"), config);
        server = ServerProcess.start(workDir, FreePorts.sip(), "--config", file.toString());
        AdminClient operator = server.admin(ServerProcess.OPERATOR_TOKEN);
        Profile.line().provision(operator, SUBSCRIBER);
        return operator;
    }

    @Test
    void aStrangerDiallingAFeatureCodeAsASubscriberGets403OverUdpAndTcpAndChangesNothing() throws Exception {
        AdminClient operator = start("sip:\n  untrustedPolicy: reject\n");

        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(STRANGER, 0))) {
            udp.setSoTimeout((int) WAIT.toMillis());
            send(udp, invite(STRANGER, udp.getLocalPort(), "UDP"));
            String answer = receive(udp);
            assertTrue(answer.startsWith("SIP/2.0 403"), answer);
        }
        try (Socket tcp = new Socket()) {
            tcp.bind(new InetSocketAddress(STRANGER, 0));
            tcp.connect(new InetSocketAddress("127.0.0.1", server.sipPort), (int) WAIT.toMillis());
            tcp.setSoTimeout((int) WAIT.toMillis());
            tcp.getOutputStream().write(invite(STRANGER, tcp.getLocalPort(), "TCP").getBytes(StandardCharsets.UTF_8));
            String answer = readHeaders(tcp.getInputStream());
            assertTrue(answer.startsWith("SIP/2.0 403"), answer);
        }

        awaitUntrustedCount(2);
        assertTrue(forwarding(operator).isNull(), "the stranger's *21# forwarded nothing");

        // The core dials the same code for the line: served as before.
        dialFromTheCore(FORWARD_AWAY);
        assertEquals("+77272777000", forwarding(operator).asText());
        assertEquals(2, untrustedCount(), "the core's call is not a stranger's");
    }

    @Test
    void withTheDropPolicyAStrangerGetsNoAnswerAtAll() throws Exception {
        AdminClient operator = start("sip:\n  untrustedPolicy: drop\n");

        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(STRANGER, 0))) {
            send(udp, invite(STRANGER, udp.getLocalPort(), "UDP"));
            send(udp, invite(STRANGER, udp.getLocalPort(), "UDP").replace("INVITE sip:", "OPTIONS sip:")
                    .replace(" INVITE\r\n", " OPTIONS\r\n"));

            // Counted once the server has decided (and sent whatever it would send): then nothing is on its way.
            awaitUntrustedCount(2);
            udp.setSoTimeout(1);
            assertThrows(SocketTimeoutException.class, () -> receive(udp), "no answer, not even 403");
        }
        assertTrue(forwarding(operator).isNull(), "the stranger's *21# forwarded nothing");

        dialFromTheCore(FORWARD_AWAY);
        assertEquals("+77272777000", forwarding(operator).asText());
    }

    private void dialFromTheCore(String code) throws Exception {
        rtp = rtp == null ? new RtpReceiver() : rtp;
        Sipp.Result result = Sipp.call(workDir, "feature-code.xml", server.sipPort, code, "caller", SUBSCRIBER,
                "rtp_port", String.valueOf(rtp.port()));
        assertTrue(result.passed(), "SIPp failed dialling " + code + " from the core:\n" + result.output()
                + "\n--- server log ---\n" + server.logTail());
    }

    private com.fasterxml.jackson.databind.JsonNode forwarding(AdminClient operator) throws Exception {
        AdminClient.Reply reply = operator.get("/api/v1/subscribers/+" + SUBSCRIBER);
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.body().at("/services/forwarding/unconditional");
    }

    /** What the core would send for the subscriber dialling the code, with its identity asserted. */
    private String invite(String host, int port, String transport) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n";
        String callId = UUID.randomUUID() + "@" + host;
        String identity = "<sip:+" + SUBSCRIBER + "@127.0.0.1;user=phone>";
        return "INVITE sip:" + FORWARD_AWAY + "@127.0.0.1;user=phone SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + host + ":" + port + ";branch=z9hG4bK" + callId.hashCode()
                + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + identity + ";tag=" + Integer.toHexString(callId.hashCode()) + "\r\n"
                + "To: <sip:" + FORWARD_AWAY + "@127.0.0.1;user=phone>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:" + SUBSCRIBER + "@" + host + ":" + port + ";transport=" + transport.toLowerCase()
                + ">\r\n"
                + "P-Asserted-Identity: " + identity + "\r\n"
                + "P-Served-User: " + identity + ";sescase=orig\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private void send(DatagramSocket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), server.sipPort));
    }

    private static String receive(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after: " + out.toString(StandardCharsets.UTF_8));
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private double untrustedCount() throws IOException, InterruptedException {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = UNTRUSTED.matcher(metrics);
        if (!m.find()) {
            throw new AssertionError("fs_untrusted_requests_total is not in /metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    private void awaitUntrustedCount(int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double seen = untrustedCount();
        while (seen < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = untrustedCount();
        }
        assertEquals(count, seen, "fs_untrusted_requests_total");
    }
}
