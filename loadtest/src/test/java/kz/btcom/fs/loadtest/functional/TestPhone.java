package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One line of {@link TestPhones}: a subscriber's telephone. It places calls ({@link #call}, {@link #invite}),
 * answers every INVITE to its number (180, then 200 with its SDP; 488 when the offer lacks its codec), and while a
 * call is up and not held sends a continuous sine of its own frequency (about -10 dBFS) in its G.711 law every
 * 20 ms. What comes to its RTP port is kept and measured ({@link #hears}).
 */
final class TestPhone {

    /** How long {@link #call} waits for the final response. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(10);
    /** -10 dBFS. */
    static final double AMPLITUDE = 32767 * Math.pow(10, -10 / 20.0);
    /** The window {@link #awaitHears} listens over. */
    static final Duration HEARING = Duration.ofMillis(500);

    private final TestPhones phones;
    private final String number;
    private final String digits;
    private final Codec codec;
    private final double toneHz;
    private final DatagramSocket rtp;
    private final Thread rtpReceiver;
    private final ReceivedAudio audio = new ReceivedAudio();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Call> incoming = new LinkedBlockingQueue<>();
    private final List<String> outOfDialog = new CopyOnWriteArrayList<>();
    private volatile Duration ringing = Duration.ZERO;

    TestPhone(TestPhones phones, String number, Codec codec, double toneHz) throws IOException {
        this.phones = phones;
        this.number = number;
        this.digits = TestPhones.digitsOf(number);
        this.codec = codec;
        this.toneHz = toneHz;
        this.rtp = evenPortSocket();
        this.rtp.setSoTimeout(200);
        this.rtpReceiver = new Thread(this::receiveRtp, "test-phone-rtp-" + digits);
        this.rtpReceiver.setDaemon(true);
        this.rtpReceiver.start();
    }

    /** RFC 3550 11: RTP on an even port. */
    private static DatagramSocket evenPortSocket() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            if (socket.getLocalPort() % 2 == 0) {
                return socket;
            }
            socket.close();
        }
        throw new IOException("no even UDP port for RTP");
    }

    String number() {
        return number;
    }

    /** The number without '+'. */
    String digits() {
        return digits;
    }

    /** Its identity, the From of its calls: {@code sip:+<digits>@127.0.0.1;user=phone}. */
    String uri() {
        return "sip:+" + digits + "@" + TestPhones.HOST + ";user=phone";
    }

    /** Its Contact URI: the phones' socket, the line's number as the user. */
    String contactUri() {
        return "sip:+" + digits + "@" + TestPhones.HOST + ":" + phones.port();
    }

    Codec codec() {
        return codec;
    }

    double toneHz() {
        return toneHz;
    }

    int rtpPort() {
        return rtp.getLocalPort();
    }

    /** From now on an incoming call rings this long before it is answered (none: answered at once). */
    void ringFor(Duration duration) {
        this.ringing = duration;
    }

    Duration ringing() {
        return ringing;
    }

    TestPhones phones() {
        return phones;
    }

    /**
     * Calls {@code target} (a number, or a sip: URI) through {@code nextHop} (the core, or another phone's socket)
     * and waits for the final response: the call, answered; otherwise an IllegalStateException naming the status.
     */
    Call call(String target, InetSocketAddress nextHop, String... headerLines) {
        Call call = dial(target, nextHop, headerLines);
        int status = call.awaitFinal(ANSWER_WAIT);
        if (status < 200 || status >= 300) {
            throw new IllegalStateException("the call from " + number + " to " + target + " was not answered: "
                    + (status == 0 ? "no final response in " + ANSWER_WAIT : call.finalResponse().startLine()));
        }
        return call;
    }

    /** {@link #call}, speaking {@code codec} on this call rather than the line's own. */
    Call call(String target, Codec codec, InetSocketAddress nextHop) {
        String requestUri = target.startsWith("sip:") || target.startsWith("tel:") ? target
                : "sip:" + target + "@" + TestPhones.HOST + ";user=phone";
        Call call = phones.onLane(() -> {
            Call placed = Call.outgoing(this, codec, requestUri, nextHop);
            calls.add(placed);
            return placed;
        });
        int status = call.awaitFinal(ANSWER_WAIT);
        if (status < 200 || status >= 300) {
            throw new IllegalStateException("the call from " + number + " to " + target + " was not answered: "
                    + (status == 0 ? "no final response in " + ANSWER_WAIT : call.finalResponse().startLine()));
        }
        return call;
    }

    /** A call to a URI that is no number (the conference factory): the same as {@link #call}. */
    Call invite(String requestUri, InetSocketAddress nextHop) {
        return call(requestUri, nextHop);
    }

    /**
     * Sends the INVITE (with more header lines, e.g. {@code "Replaces: ..."}) and returns at once:
     * {@link Call#awaitFinal} tells how it ended.
     */
    Call dial(String target, InetSocketAddress nextHop, String... headerLines) {
        String requestUri = target.startsWith("sip:") || target.startsWith("tel:") ? target
                : "sip:" + target + "@" + TestPhones.HOST + ";user=phone";
        return phones.onLane(() -> {
            Call call = Call.outgoing(this, requestUri, nextHop, headerLines);
            calls.add(call);
            return call;
        });
    }

    /** The next call that came in and was answered, in the order they came; null when none came in time. */
    Call nextIncomingCall(Duration within) throws InterruptedException {
        return incoming.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every call of this line, placed or taken, in the order they began. */
    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Requests to this line outside any dialog (a NOTIFY, OPTIONS), as text; each was answered 200. */
    List<String> outOfDialogRequests() {
        return List.copyOf(outOfDialog);
    }

    // ---- what it heard ----

    ReceivedAudio audio() {
        return audio;
    }

    /** The level in dBFS of a tone at {@code hz} in what this line heard over the last {@code window}. */
    double level(double hz, Duration window) {
        return audio.level(hz, window);
    }

    /** How far above the noise floor (dB) a tone at {@code hz} was over the last second. */
    double hears(double hz) {
        return audio.hears(hz);
    }

    double hears(double hz, Duration window) {
        return audio.hears(hz, window);
    }

    /** Those of {@code candidates} heard over the last second, 20 dB or more above the noise floor. */
    List<Double> heardTones(double... candidates) {
        return audio.heardTones(candidates);
    }

    List<Double> heardTones(Duration window, double... candidates) {
        return audio.heardTones(window, candidates);
    }

    /**
     * Waits until this line hears a tone at {@code hz} ({@link ReceivedAudio#HEARD_DB} above the noise over the
     * last half second): true when it did in time.
     */
    boolean awaitHears(double hz, Duration within) throws InterruptedException {
        return awaitUntil(() -> audio.hears(hz, HEARING) >= ReceivedAudio.HEARD_DB, within);
    }

    /** Waits until no RTP has come to this line for 200 ms: true when it fell quiet in time. */
    boolean awaitQuiet(Duration within) throws InterruptedException {
        return awaitUntil(() -> audio.packetsWithin(Duration.ofMillis(200)) == 0, within);
    }

    private static boolean awaitUntil(java.util.function.BooleanSupplier condition, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The RTP streams that came to this line: SSRC, payload types, packets, sequence gaps. */
    List<ReceivedAudio.Stream> streams() {
        return audio.streams();
    }

    // ---- on the phones' lane ----

    void invited(SipMessage invite) {
        Call call = Call.incoming(this, invite);
        if (call != null) {
            calls.add(call);
        }
    }

    void answered(Call call) {
        incoming.add(call);
    }

    /** The call of this line that a Replaces header names (RFC 3891 3: to-tag ours, from-tag theirs); null if none. */
    Call replaced(String callId, String toTag, String fromTag) {
        for (Call call : calls) {
            if (call.callId().equals(callId) && call.localTag().equals(toTag) && fromTag.equals(call.remoteTag())
                    && call.isAnswered() && !call.isEnded()) {
                return call;
            }
        }
        return null;
    }

    void outOfDialog(SipMessage request) {
        outOfDialog.add(request.text());
        phones.respond(request, phones.response(request, 200, "OK", TestPhones.newTag()), "");
    }

    void sendRtp(byte[] packet, InetSocketAddress to) {
        try {
            rtp.send(new DatagramPacket(packet, packet.length, to));
        } catch (IOException e) {
            // a closed socket at the end of the test; a real loss is the receiver's to see
        }
    }

    /** One 20 ms frame of this line's tone from {@code timestamp} (its phase follows the stream's clock). */
    byte[] frame(long timestamp, Codec codec) {
        byte[] payload = new byte[160];
        for (int i = 0; i < payload.length; i++) {
            double t = (timestamp + i) / 8000.0;
            payload[i] = codec.encode((int) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * toneHz * t)));
        }
        return payload;
    }

    void tick() {
        for (Call call : calls) {
            call.tick();
        }
    }

    private void receiveRtp() {
        byte[] buffer = new byte[2048];
        while (!rtp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                rtp.receive(packet);
            } catch (SocketTimeoutException quiet) {
                continue;
            } catch (IOException closed) {
                return;
            }
            audio.add(packet.getData(), packet.getLength(), System.nanoTime());
        }
    }

    void closeMedia() {
        rtp.close();
        try {
            rtpReceiver.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "phone " + number + " (" + codec + ", " + toneHz + " Hz)";
    }
}
