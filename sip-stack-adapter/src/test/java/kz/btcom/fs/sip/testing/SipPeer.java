package kz.btcom.fs.sip.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A SIP endpoint for tests, on 127.0.0.1 with an ephemeral port: it sends raw SIP text and waits for what comes
 * back. Over UDP one socket does both; over TCP it listens (for the server's connections) and connects (to send
 * its own requests), and answers on the connection a request came in on.
 *
 * <p>Waits are bounded ({@link #WAIT}) and fail with everything received meanwhile; see {@link Inbox}.
 */
public final class SipPeer implements AutoCloseable {

    /**
     * How long an expected message may take: a bound for a failing test, not a measure (a passing test goes on the
     * moment the message is in). Generous, for a 2-core machine with another CPU-heavy process: at 5 s, a refused
     * TCP connection to the core reached the caller as 503 too late once in six runs under such load.
     */
    public static final Duration WAIT = Duration.ofSeconds(15);
    public static final String HOST = "127.0.0.1";

    /** Where a message came from and where its answer goes: a datagram address or a TCP connection. */
    public interface Link {
        void send(byte[] bytes) throws IOException;
    }

    private final String name;
    private final String transport;
    private final DatagramSocket udp;
    private final ServerSocket tcpListener;
    private final List<Socket> tcpConnections = new ArrayList<>();
    private volatile Link lastTcpLink;
    private volatile InetSocketAddress target;
    private final Inbox inbox;
    private final Map<String, String> ourTags = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private volatile boolean closed;

    private SipPeer(String name, String transport, DatagramSocket udp, ServerSocket tcpListener) {
        this.name = name;
        this.transport = transport;
        this.udp = udp;
        this.tcpListener = tcpListener;
        this.inbox = new Inbox(name, WAIT);
    }

    /** A UDP peer on an ephemeral port of 127.0.0.1. */
    public static SipPeer udp(String name) {
        try {
            SipPeer peer = new SipPeer(name, "UDP", new DatagramSocket(new InetSocketAddress(HOST, 0)), null);
            peer.startThread("udp", peer::receiveDatagrams);
            return peer;
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TCP peer: listens on an ephemeral port of 127.0.0.1, and connects to its target to send requests. */
    public static SipPeer tcp(String name) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(HOST, 0));
            SipPeer peer = new SipPeer(name, "TCP", null, listener);
            peer.startThread("accept", peer::acceptConnections);
            return peer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where this peer's requests go (the server). */
    public SipPeer sendingTo(int port) {
        this.target = new InetSocketAddress(HOST, port);
        return this;
    }

    public String name() {
        return name;
    }

    public int port() {
        return udp != null ? udp.getLocalPort() : tcpListener.getLocalPort();
    }

    public String transport() {
        return transport;
    }

    /** host:port, as in a Via sent-by. */
    public String hostPort() {
        return HOST + ":" + port();
    }

    /** This peer's Contact URI. */
    public String contactUri() {
        return "sip:" + name + "@" + hostPort() + ";transport=" + transport.toLowerCase();
    }

    // ---------------------------------------------------------------- sending

    /** Sends bytes as they are: one datagram over UDP, or down the connection to the target over TCP. */
    public void sendRaw(byte[] bytes) {
        try {
            if (udp != null) {
                udp.send(new DatagramPacket(bytes, bytes.length, target));
            } else {
                tcpLinkToTarget().send(bytes);
            }
        } catch (IOException e) {
            throw new IllegalStateException(name + " could not send: " + e, e);
        }
    }

    public void sendRaw(String text) {
        sendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A new out-of-dialog request with fresh Call-ID, tags and branch; change what the test needs, then send. */
    public OutgoingRequest request(String method, String requestUri) {
        return new OutgoingRequest(this, method, requestUri);
    }

    public OutgoingRequest invite(String requestUri) {
        return request("INVITE", requestUri);
    }

    /** Answers a received request (To tag added once per Call-ID; Contact on 1xx/2xx to INVITE). */
    public void reply(SipMessage request, int status, String... extraHeaders) {
        send(request, ResponseText.of(request, status, tagFor(request.callId()), contactUri(), null, null, extraHeaders));
    }

    public void replyWithSdp(SipMessage request, int status, String sdp, String... extraHeaders) {
        send(request, ResponseText.of(request, status, tagFor(request.callId()), contactUri(), "application/sdp", sdp,
                extraHeaders));
    }

    public void replyWithBody(SipMessage request, int status, String contentType, String body,
                              String... extraHeaders) {
        send(request, ResponseText.of(request, status, tagFor(request.callId()), contactUri(), contentType, body,
                extraHeaders));
    }

    /** CANCEL of an INVITE this peer sent (RFC 3261 9.1: same branch, Call-ID, From, To, CSeq number). */
    public SipMessage cancel(SipMessage invite) {
        return request("CANCEL", invite.requestUri())
                .replace("Via", invite.header("Via"))
                .replace("From", invite.header("From"))
                .replace("To", invite.header("To"))
                .replace("Call-ID", invite.callId())
                .replace("CSeq", invite.cseq() + " CANCEL")
                .without("Contact")
                .send();
    }

    /** ACK of a 3xx-6xx to an INVITE this peer sent (RFC 3261 17.1.1.3: part of the INVITE transaction). */
    public SipMessage ackFailure(SipMessage invite, SipMessage failure) {
        return request("ACK", invite.requestUri())
                .replace("Via", invite.header("Via"))
                .replace("From", invite.header("From"))
                .replace("To", failure.header("To"))
                .replace("Call-ID", invite.callId())
                .replace("CSeq", invite.cseq() + " ACK")
                .without("Contact")
                .send();
    }

    /** The dialog of an INVITE this peer sent, from a response with a To tag (1xx or 2xx). */
    public PeerDialog dialogAsCaller(SipMessage invite, SipMessage response) {
        return PeerDialog.asCaller(this, invite, response);
    }

    /** The dialog of an INVITE this peer received and answered. */
    public PeerDialog dialogAsCallee(SipMessage invite) {
        return PeerDialog.asCallee(this, invite, tagFor(invite.callId()));
    }

    String tagFor(String callId) {
        return ourTags.computeIfAbsent(callId, id -> newToken());
    }

    String newToken() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + counter.incrementAndGet();
    }

    private void send(SipMessage request, String response) {
        try {
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            if (request.link() != null) {
                request.link().send(bytes);
            } else {
                sendRaw(bytes);
            }
        } catch (IOException e) {
            throw new IllegalStateException(name + " could not reply: " + e, e);
        }
    }

    // ---------------------------------------------------------------- receiving

    /** Waits for a request with this method. */
    public SipMessage expectRequest(String method) {
        return expect(m -> m.isRequest() && m.method().equals(method), "a " + method + " request");
    }

    /** Waits for a response with this status (to any method). */
    public SipMessage expectResponse(int status) {
        return expect(m -> !m.isRequest() && m.status() == status, "a " + status + " response");
    }

    /** Waits for a response with this status to a request of this method. */
    public SipMessage expectResponse(int status, String method) {
        return expect(m -> !m.isRequest() && m.status() == status && m.cseqMethod().equals(method),
                "a " + status + " response to " + method);
    }

    /** Waits for any final response (200-699) to a request of this method. */
    public SipMessage expectFinalResponse(String method) {
        return expect(m -> !m.isRequest() && m.status() >= 200 && m.cseqMethod().equals(method),
                "a final response to " + method);
    }

    /** Waits up to {@link #WAIT} for the first message that matches, and takes it out of the inbox. */
    public SipMessage expect(Predicate<SipMessage> matches, String what) {
        return inbox.take(matches, what);
    }

    /** What is in the inbox, not yet taken. */
    public List<SipMessage> inbox() {
        return inbox.snapshot();
    }

    /** Fails if anything matching is in the inbox now (call after a barrier such as a later call's completion). */
    public void assertNothingReceived(Predicate<SipMessage> matches, String what) {
        inbox.assertNone(matches, what);
    }

    // ---------------------------------------------------------------- transports

    private void receiveDatagrams() {
        byte[] buffer = new byte[65_535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                return;
            }
            byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
            if (isKeepAlive(data, data.length)) {
                continue;
            }
            InetSocketAddress source = (InetSocketAddress) packet.getSocketAddress();
            Link back = bytes -> udp.send(new DatagramPacket(bytes, bytes.length, source));
            inbox.deliver(SipMessage.parse(data, data.length, source, back), new String(data, StandardCharsets.ISO_8859_1));
        }
    }

    private void acceptConnections() {
        while (!closed) {
            try {
                Socket socket = tcpListener.accept();
                startReading(socket);
            } catch (IOException e) {
                return;
            }
        }
    }

    private synchronized Link tcpLinkToTarget() throws IOException {
        if (lastTcpLink == null) {
            Socket socket = new Socket();
            socket.connect(target, 2_000);
            startReading(socket);
        }
        return lastTcpLink;
    }

    private synchronized void startReading(Socket socket) throws IOException {
        tcpConnections.add(socket);
        OutputStream out = socket.getOutputStream();
        Link link = bytes -> {
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        };
        lastTcpLink = link;
        InetSocketAddress source = (InetSocketAddress) socket.getRemoteSocketAddress();
        startThread("tcp-read", () -> readStream(socket, source, link));
    }

    private void readStream(Socket socket, InetSocketAddress source, Link link) {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                pending.write(chunk, 0, n);
                byte[] data = pending.toByteArray();
                int start = 0;
                while (start < data.length && (data[start] == '\r' || data[start] == '\n')) {
                    start++;
                }
                byte[] rest = Arrays.copyOfRange(data, start, data.length);
                int frame;
                while ((frame = SipMessage.frameLength(rest, rest.length)) > 0) {
                    byte[] one = Arrays.copyOf(rest, frame);
                    inbox.deliver(SipMessage.parse(one, one.length, source, link),
                            new String(one, StandardCharsets.ISO_8859_1));
                    rest = Arrays.copyOfRange(rest, frame, rest.length);
                }
                pending.reset();
                pending.write(rest);
            }
        } catch (IOException e) {
            // connection closed
        }
    }

    private static boolean isKeepAlive(byte[] data, int length) {
        for (int i = 0; i < length; i++) {
            if (data[i] != '\r' && data[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    private void startThread(String what, Runnable body) {
        Thread thread = new Thread(body, "sip-peer-" + name + "-" + what);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        closed = true;
        if (udp != null) {
            udp.close();
        }
        try {
            if (tcpListener != null) {
                tcpListener.close();
            }
            synchronized (this) {
                for (Socket socket : tcpConnections) {
                    socket.close();
                }
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
