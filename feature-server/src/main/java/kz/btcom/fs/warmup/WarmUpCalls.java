package kz.btcom.fs.warmup;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Plain calls through a server on loopback, as the core sends them: a caller socket sends each INVITE (half as the
 * originating pass, Route {@code orig}, half as the terminating pass, {@code P-Served-User;sescase=term}), a core
 * socket is where the server sends the onward INVITE and answers it 180 then 200, the caller ACKs the 200 and hangs
 * up at once, the core answers the BYE. A window of calls is kept in progress until the count is reached or the
 * time is up. A call that gets no answer within {@link #CALL_TIMEOUT} is given up (a datagram lost on a busy
 * machine): this is warm-up, not a test, and counts what it got.
 *
 * <p>The caller's side runs on the calling thread, the core's on a thread of its own.
 */
public final class WarmUpCalls implements AutoCloseable {

    /** What the warm-up achieved. */
    public record Outcome(int attempted, int completed, Map<Integer, Integer> refusedByStatus, int givenUp, Duration took) {
        public int refused() {
            return refusedByStatus.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** Not one call through in this long: the server is not answering at all, and waiting longer warms nothing. */
    private static final Duration NOTHING_THROUGH = Duration.ofSeconds(10);
    private static final int RECEIVE_TIMEOUT_MS = 200;
    private static final String CALLER = "77172000001";
    private static final String CALLEE = "77272000002";
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio %d RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";

    private InetSocketAddress server;
    private final DatagramSocket caller;
    private final DatagramSocket core;
    private final Thread coreThread;
    private final Clock clock;
    /** Where the core answers from: its 200's Contact, so the rest of each dialog comes back to it. */
    private final String coreAddress;
    private volatile boolean closed;

    /** Opens both ends on loopback ports of their own; the core's is {@link #corePort()}. */
    public WarmUpCalls(Clock clock) throws IOException {
        this.clock = clock;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.caller = new DatagramSocket(new InetSocketAddress(loopback, 0));
        this.core = new DatagramSocket(new InetSocketAddress(loopback, 0));
        caller.setSoTimeout(RECEIVE_TIMEOUT_MS);
        core.setSoTimeout(RECEIVE_TIMEOUT_MS);
        this.coreAddress = "127.0.0.1:" + core.getLocalPort();
        this.coreThread = new Thread(this::answerAsCore, "warm-up-core");
        coreThread.setDaemon(true);
        coreThread.start();
    }

    public int corePort() {
        return core.getLocalPort();
    }

    /**
     * Puts {@code calls} calls through the server there until done or {@code until}, starting with
     * {@code firstWindow} in progress at once: one more after every 50 completed, half as many after a refusal (the
     * cold server's admission sheds what it cannot take yet, and a refused call warms little).
     */
    public Outcome run(InetSocketAddress toServer, int calls, int firstWindow, Instant until) throws IOException {
        int window = firstWindow;
        this.server = toServer;
        Instant start = clock.instant();
        Map<String, Instant> inProgress = new HashMap<>();
        Map<String, Boolean> answered = new HashMap<>();
        int attempted = 0;
        int completed = 0;
        int refused = 0;
        Map<Integer, Integer> refusedByStatus = new TreeMap<>();
        int givenUp = 0;
        byte[] buffer = new byte[65_535];
        Instant nothingThroughBy = start.plus(NOTHING_THROUGH);
        while (completed + refused + givenUp < calls && clock.instant().isBefore(until)
                && (completed + refused > 0 || clock.instant().isBefore(nothingThroughBy))) {
            while (inProgress.size() < window && attempted < calls) {
                String callId = "warm-up-" + attempted + "-" + start.toEpochMilli();
                send(caller, invite(callId, attempted % 2 == 0), server);
                inProgress.put(callId, clock.instant());
                attempted++;
            }
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                caller.receive(packet);
            } catch (SocketTimeoutException e) {
                givenUp += giveUpStale(inProgress, answered);
                continue;
            }
            Optional<SipText> parsed = SipText.parse(packet.getData(), packet.getLength());
            if (parsed.isEmpty()) {
                continue;
            }
            SipText message = parsed.get();
            if (!message.isResponse()) {
                answerRequest(caller, message, packet); // the server's keep-alive OPTIONS, or its BYE
                continue;
            }
            String callId = message.callId();
            if (!inProgress.containsKey(callId)) {
                continue;
            }
            int status = message.status();
            if (message.cseqMethod().equals("INVITE")) {
                if (status >= 200 && status < 300) {
                    if (answered.put(callId, Boolean.TRUE) == null) {
                        sendInDialog(message, "ACK", 1);
                        sendInDialog(message, "BYE", 2);
                    } else {
                        sendInDialog(message, "ACK", 1); // a retransmitted 200: our ACK was lost
                    }
                } else if (status >= 300) {
                    send(caller, ackForRefusal(message), server);
                    inProgress.remove(callId);
                    refusedByStatus.merge(status, 1, Integer::sum);
                    refused++;
                    window = Math.max(1, window / 2);
                }
            } else if (message.cseqMethod().equals("BYE") && status >= 200) {
                inProgress.remove(callId);
                answered.remove(callId);
                completed++;
                if (completed % 50 == 0) {
                    window++;
                }
            }
        }
        return new Outcome(attempted, completed, refusedByStatus, givenUp + inProgress.size(),
                Duration.between(start, clock.instant()));
    }

    private int giveUpStale(Map<String, Instant> inProgress, Map<String, Boolean> answered) {
        Instant stale = clock.instant().minus(CALL_TIMEOUT);
        int given = 0;
        for (Iterator<Map.Entry<String, Instant>> it = inProgress.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> call = it.next();
            if (call.getValue().isBefore(stale)) {
                it.remove();
                answered.remove(call.getKey());
                given++;
            }
        }
        return given;
    }

    private String invite(String callId, boolean originating) {
        String local = "127.0.0.1:" + caller.getLocalPort();
        String serverHost = "127.0.0.1:" + server.getPort();
        String body = String.format(SDP, 10_000);
        StringBuilder request = new StringBuilder(900)
                .append("INVITE sip:").append(CALLEE).append('@').append(serverHost).append(";user=phone SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP ").append(local).append(";branch=z9hG4bK-").append(callId)
                .append(";rport\r\n");
        if (originating) {
            request.append("Route: <sip:").append(serverHost).append(";lr;orig>\r\n");
        } else {
            request.append("P-Served-User: <sip:").append(CALLEE).append("@127.0.0.1;user=phone>;sescase=term\r\n");
        }
        return request.append("Max-Forwards: 70\r\n")
                .append("From: <sip:").append(CALLER).append("@127.0.0.1;user=phone>;tag=").append(callId).append("\r\n")
                .append("To: <sip:").append(CALLEE).append("@127.0.0.1;user=phone>\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: 1 INVITE\r\n")
                .append("Contact: <sip:").append(CALLER).append('@').append(local).append(">\r\n")
                .append("P-Asserted-Identity: <sip:+").append(CALLER).append("@127.0.0.1;user=phone>\r\n")
                .append("Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\r\n")
                .append("Content-Type: application/sdp\r\n")
                .append("Content-Length: ").append(body.length()).append("\r\n\r\n")
                .append(body).toString();
    }

    /** ACK or BYE in the dialog the 200 made: to its Contact, From and To as the 200 has them. */
    private void sendInDialog(SipText ok, String method, int cseq) throws IOException {
        String target = ok.contactUri().orElse("sip:" + CALLEE + "@127.0.0.1:" + server.getPort());
        String callId = ok.callId();
        String request = method + " " + target + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.getLocalPort() + ";branch=z9hG4bK-" + method.toLowerCase()
                + "-" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + ok.value("From", "f").orElse("") + "\r\n"
                + "To: " + ok.value("To", "t").orElse("") + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        send(caller, request, server);
    }

    /** RFC 3261 17.1.1.3: the ACK of a refusal is the INVITE's transaction's, on its branch. */
    private String ackForRefusal(SipText refusal) {
        String callId = refusal.callId();
        return "ACK sip:" + CALLEE + "@127.0.0.1:" + server.getPort() + ";user=phone SIP/2.0\r\n"
                + refusal.lines("Via", "v").get(0) + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + refusal.value("From", "f").orElse("") + "\r\n"
                + "To: " + refusal.value("To", "t").orElse("") + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 ACK\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private void answerAsCore() {
        byte[] buffer = new byte[65_535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                core.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return; // closed
            }
            Optional<SipText> parsed = SipText.parse(packet.getData(), packet.getLength());
            if (parsed.isEmpty() || parsed.get().isResponse()) {
                continue;
            }
            try {
                SipText request = parsed.get();
                if (request.method().equals("INVITE")) {
                    String tag = "core-" + Integer.toHexString(request.callId().hashCode());
                    send(core, response(request, 180, "Ringing", tag, ""), packet.getSocketAddress());
                    send(core, response(request, 200, "OK", tag, String.format(SDP, 10_002)),
                            packet.getSocketAddress());
                } else if (!request.method().equals("ACK")) {
                    answerRequest(core, request, packet);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answerRequest(DatagramSocket socket, SipText request, DatagramPacket from) throws IOException {
        if (!request.method().equals("ACK")) {
            send(socket, response(request, 200, "OK", null, ""), from.getSocketAddress());
        }
    }

    private String response(SipText request, int status, String reason, String toTag, String sdp) {
        StringBuilder response = new StringBuilder(700).append("SIP/2.0 ").append(status).append(' ')
                .append(reason).append("\r\n");
        for (String via : request.lines("Via", "v")) {
            response.append(via).append("\r\n");
        }
        List<String> recordRoutes = request.lines("Record-Route", null);
        for (String recordRoute : recordRoutes) {
            response.append(recordRoute).append("\r\n");
        }
        String to = request.value("To", "t").orElse("");
        if (toTag != null && !to.contains(";tag=")) {
            to = to + ";tag=" + toTag;
        }
        response.append("From: ").append(request.value("From", "f").orElse("")).append("\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Call-ID: ").append(request.callId()).append("\r\n")
                .append("CSeq: ").append(request.value("CSeq", null).orElse("")).append("\r\n");
        if (request.method().equals("INVITE")) {
            response.append("Contact: <sip:").append(CALLEE).append("@").append(coreAddress).append(">\r\n");
        }
        if (!sdp.isEmpty()) {
            response.append("Content-Type: application/sdp\r\n");
        }
        return response.append("Content-Length: ").append(sdp.length()).append("\r\n\r\n").append(sdp).toString();
    }

    private static void send(DatagramSocket socket, String message, java.net.SocketAddress to) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    @Override
    public void close() {
        closed = true;
        caller.close();
        core.close();
        try {
            coreThread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
