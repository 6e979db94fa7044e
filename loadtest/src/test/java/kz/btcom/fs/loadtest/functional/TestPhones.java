package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Telephones on loopback for the end-to-end tests: real SIP user agents over UDP, written as text the way
 * {@link TwoPassCore} reads it, and real G.711 RTP. One SIP socket hosts several lines ({@link #phone}); each line
 * ({@link TestPhone}) has its own RTP socket, sends a continuous tone of its own frequency on every call that is up
 * and not held, and keeps what it hears. The socket is where the core delivers the callees' INVITEs
 * ({@code calleePort}) and where the callers' requests come from.
 *
 * <p>Everything SIP (every message in, every timer, every RTP tick) runs on one thread, the phones' lane, so the
 * calls' state needs no locks; a test's call ({@code hold()}, {@code hangUp()}) hands its work to the lane and waits
 * for the answer with a deadline.
 */
final class TestPhones implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    /** RFC 3261's T1 and T2: request retransmissions start at T1 and double up to T2. */
    static final Duration T1 = Duration.ofMillis(500);
    static final Duration T2 = Duration.ofSeconds(4);
    /** RFC 3261's 64*T1: a transaction with no final response by then has timed out. */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(32);
    /** The RTP packetisation: 20 ms, 160 samples at 8 kHz. */
    static final int FRAME_MILLIS = 20;

    private final DatagramSocket socket;
    private final Thread receiver;
    private final ScheduledExecutorService lane;
    private final Map<String, TestPhone> lines = new ConcurrentHashMap<>();
    private final Map<String, ClientTransaction> clients = new HashMap<>();
    private final Map<String, String[]> answered = new HashMap<>();
    private final Map<String, Call> dialogs = new HashMap<>();
    private final List<String> trace = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> ticks;

    /** The phones' SIP socket on loopback at {@code port} (0: any free port). */
    TestPhones(int port) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(HOST, port));
        lane = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "test-phones-lane");
            thread.setDaemon(true);
            return thread;
        });
        receiver = new Thread(this::receive, "test-phones-sip");
        receiver.setDaemon(true);
        receiver.start();
        ticks = lane.scheduleAtFixedRate(this::tick, FRAME_MILLIS, FRAME_MILLIS, TimeUnit.MILLISECONDS);
    }

    int port() {
        return socket.getLocalPort();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(HOST, port());
    }

    /**
     * A line for {@code number} (with or without '+': an INVITE whose Request-URI user is these digits, with or
     * without '+', rings it), speaking {@code codec} and sending a tone of {@code toneHz}.
     */
    TestPhone phone(String number, Codec codec, double toneHz) throws IOException {
        TestPhone phone = new TestPhone(this, number, codec, toneHz);
        if (lines.putIfAbsent(phone.digits(), phone) != null) {
            phone.closeMedia();
            throw new IllegalArgumentException("a line for " + number + " is here already");
        }
        return phone;
    }

    /** Every message sent and received so far, for a failing test's message. */
    String trace() {
        return String.join("\n", trace);
    }

    /** What the phones could not handle (a message they could not read, a timer that failed): none in a good run. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    // ---- for the lines and their calls (on the lane unless said) ----

    /** Runs on the lane and waits for it; what the lane's work threw is thrown here. */
    <T> T onLane(java.util.concurrent.Callable<T> work) {
        try {
            return lane.submit(work).get(TRANSACTION_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ScheduledFuture<?> schedule(Runnable work, Duration after) {
        return lane.schedule(guarded(work), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    void dialog(Call call) {
        dialogs.put(dialogKey(call.callId(), call.localTag()), call);
    }

    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    static String newBranch() {
        return "z9hG4bKphone" + newTag();
    }

    /**
     * Sends a request in a new client transaction: retransmitted from T1 doubling up to T2 until a response (an
     * INVITE) or a final response (any other); every response goes to {@code onResponse}; after 32 s without a
     * final one a 408 is made up. The request's top Via is set here.
     */
    CompletableFuture<SipMessage> request(SipMessage request, InetSocketAddress to, Consumer<SipMessage> onResponse) {
        String branch = newBranch();
        request.pushVia("SIP/2.0/UDP " + HOST + ":" + port() + ";branch=" + branch + ";rport");
        ClientTransaction transaction = new ClientTransaction(request, to, onResponse);
        clients.put(branch, transaction);
        send(request.text(), to);
        transaction.retransmitAfter(T1);
        transaction.timeout = schedule(() -> transaction.timedOut(), TRANSACTION_TIMEOUT);
        return transaction.finalResponse;
    }

    /** Answers a request: its Vias, From, To (with {@code toTag} when it has none), Call-ID and CSeq, and more. */
    SipMessage response(SipMessage request, int status, String reason, String toTag) {
        SipMessage response = SipMessage.of("SIP/2.0 " + status + " " + reason, "");
        response.setAll("Via", request.values("Via"));
        response.add("From", request.header("From"));
        String to = request.header("To");
        response.add("To", toTag != null && SipMessage.parameter(to, "tag") == null ? to + ";tag=" + toTag : to);
        response.add("Call-ID", request.header("Call-ID"));
        response.add("CSeq", request.header("CSeq"));
        return response;
    }

    /** Sends a response (with its body and Content-Length) where its top Via says, and keeps it for a retransmission. */
    void respond(SipMessage request, SipMessage response, String body) {
        String text = withBody(response, body);
        InetSocketAddress to = SipMessage.viaAddress(request.values("Via").get(0));
        answered.put(serverKey(request), new String[] {text, to.getHostString(), Integer.toString(to.getPort())});
        send(text, to);
    }

    static String withBody(SipMessage message, String body) {
        String content = body == null ? "" : body;
        if (!content.isEmpty()) {
            message.set("Content-Type", message.optional("Content-Type").orElse("application/sdp"));
        }
        message.set("Content-Length", Integer.toString(content.getBytes(StandardCharsets.ISO_8859_1).length));
        return message.text() + content;
    }

    void send(String text, InetSocketAddress to) {
        trace.add(System.currentTimeMillis() % 100_000 + " -> " + to.getPort() + "\n" + text);
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            if (!socket.isClosed()) {
                problems.add("sending to " + to + ": " + e);
            }
        }
    }

    // ---- the lane's own work ----

    private void receive() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            if (text.isBlank()) {
                continue; // a keep-alive
            }
            int from = packet.getPort();
            lane.execute(guarded(() -> {
                trace.add(System.currentTimeMillis() % 100_000 + " <- " + from + "\n" + text);
                handle(SipMessage.parse(text));
            }));
        }
    }

    private Runnable guarded(Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // a timer set while the phones close
            } catch (RuntimeException e) {
                problems.add(e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
            }
        };
    }

    private void handle(SipMessage message) {
        if (message.isResponse()) {
            String branch = SipMessage.parameter(message.values("Via").get(0), "branch");
            ClientTransaction transaction = clients.get(branch);
            if (transaction != null && transaction.method.equals(message.cseqMethod())) {
                transaction.received(message);
            }
            return;
        }
        String method = message.method();
        if (method.equals("ACK")) {
            Call call = dialogs.get(dialogKey(message.header("Call-ID"), tagOf(message.header("To"))));
            if (call != null) {
                call.acknowledged(message);
            }
            return;
        }
        String[] earlier = answered.get(serverKey(message));
        if (earlier != null) {
            send(earlier[0], new InetSocketAddress(earlier[1], Integer.parseInt(earlier[2])));
            return;
        }
        if (method.equals("CANCEL")) {
            cancel(message);
            return;
        }
        String toTag = tagOf(message.header("To"));
        if (toTag != null) {
            Call call = dialogs.get(dialogKey(message.header("Call-ID"), toTag));
            if (call == null) {
                respond(message, response(message, 481, "Call/Transaction Does Not Exist", null), "");
            } else {
                call.inDialog(message);
            }
            return;
        }
        TestPhone line = lines.get(digitsOf(message.requestUriUser()));
        if (line == null) {
            respond(message, response(message, 404, "Not Found", newTag()), "");
        } else if (method.equals("INVITE")) {
            line.invited(message);
        } else {
            line.outOfDialog(message);
        }
    }

    /** RFC 3261 9.2: the CANCEL gets 200; the INVITE still ringing gets 487. */
    private void cancel(SipMessage cancel) {
        String branch = SipMessage.parameter(cancel.values("Via").get(0), "branch");
        Call ringing = null;
        for (Call call : dialogs.values()) {
            if (call.isRingingFor(branch)) {
                ringing = call;
            }
        }
        if (ringing == null) {
            respond(cancel, response(cancel, 481, "Call/Transaction Does Not Exist", newTag()), "");
            return;
        }
        respond(cancel, response(cancel, 200, "OK", ringing.localTag()), "");
        ringing.cancelled();
    }

    private void tick() {
        for (TestPhone line : lines.values()) {
            line.tick();
        }
    }

    static String tagOf(String nameAddr) {
        return nameAddr == null ? null : SipMessage.parameter(nameAddr, "tag");
    }

    static String digitsOf(String user) {
        return user.startsWith("+") ? user.substring(1) : user;
    }

    private static String dialogKey(String callId, String localTag) {
        return callId + "|" + localTag;
    }

    private static String serverKey(SipMessage request) {
        return SipMessage.parameter(request.values("Via").get(0), "branch") + "|" + request.method();
    }

    /** One request sent, retransmitted until answered, and what came back. */
    private final class ClientTransaction {
        final SipMessage request;
        final String method;
        final InetSocketAddress to;
        final Consumer<SipMessage> onResponse;
        final CompletableFuture<SipMessage> finalResponse = new CompletableFuture<>();
        boolean responded;
        ScheduledFuture<?> retransmission;
        ScheduledFuture<?> timeout;

        ClientTransaction(SipMessage request, InetSocketAddress to, Consumer<SipMessage> onResponse) {
            this.request = request;
            this.method = request.method();
            this.to = to;
            this.onResponse = onResponse;
        }

        void retransmitAfter(Duration interval) {
            retransmission = schedule(() -> {
                if (finalResponse.isDone() || (responded && method.equals("INVITE"))) {
                    return;
                }
                send(request.text(), to);
                retransmitAfter(responded ? T2 : interval.multipliedBy(2).compareTo(T2) > 0 ? T2
                        : interval.multipliedBy(2));
            }, interval);
        }

        void received(SipMessage response) {
            responded = true;
            onResponse.accept(response);
            if (response.status() >= 200 && !finalResponse.isDone()) {
                retransmission.cancel(false);
                timeout.cancel(false);
                finalResponse.complete(response);
            }
        }

        void timedOut() {
            if (!finalResponse.isDone()) {
                SipMessage timeout = response(request, 408, "Request Timeout (no answer, made up here)", null);
                onResponse.accept(timeout);
                finalResponse.complete(timeout);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        // The socket first: the receiver then hands the lane nothing more, and the lane stops with nothing queued.
        socket.close();
        receiver.join(2_000);
        ticks.cancel(false);
        lane.shutdownNow();
        lane.awaitTermination(2, TimeUnit.SECONDS);
        for (TestPhone line : lines.values()) {
            line.closeMedia();
        }
    }
}
