package kz.btcom.fs.loadtest.functional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The test telephones against each other, without the feature server: A calls B through a one-hop proxy that
 * Record-Routes (so the dialogs' route sets are used), each hears the other's tone and not its own, hold silences
 * the call and resume brings it back, a hang-up ends both sides, a REFER gets the answer the other side gives, and
 * G.711 comes back as it went. The end-to-end tests of three-way calling stand on these telephones.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestPhonesTest {

    private static final String A = "77272777951";
    private static final String B = "77272777952";
    private static final String C = "77272777953";
    private static final double A_HZ = 400;
    private static final double B_HZ = 700;
    private static final double C_HZ = 1100;
    private static final Duration WAIT = Duration.ofSeconds(3);

    private TestPhones callers;
    private TestPhones callees;
    private RecordRoutingProxy proxy;
    private TestPhone a;
    private TestPhone b;

    @BeforeEach
    void start() throws IOException {
        callers = new TestPhones(0);
        callees = new TestPhones(0);
        proxy = new RecordRoutingProxy(callees.address());
        a = callers.phone(A, Codec.PCMU, A_HZ);
        b = callees.phone("+" + B, Codec.PCMU, B_HZ);
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        callers.close();
        callees.close();
        assertEquals(List.of(), callers.problems(), "the callers' phones had trouble");
        assertEquals(List.of(), callees.problems(), "the callees' phones had trouble");
        assertEquals(List.of(), proxy.problems, "the proxy had trouble");
    }

    @Test
    void eachHearsTheOthersToneAndNotItsOwn() throws Exception {
        Call ofA = a.call(B, proxy.address());
        Call ofB = b.nextIncomingCall(WAIT);
        assertNotNull(ofB, "B took the call");
        assertEquals(ofA.callId(), ofB.callId());
        assertEquals(List.of("<sip:127.0.0.1:" + proxy.address().getPort() + ";lr>"), ofA.routeSet(),
                "A's route set is the proxy's Record-Route");
        assertEquals("sip:+" + B + "@127.0.0.1:" + callees.port(), ofA.remoteTarget(), "B's Contact");

        awaitHeard(b, A_HZ);
        awaitHeard(a, B_HZ);
        assertTrue(b.level(A_HZ, Duration.ofSeconds(1)) - b.level(B_HZ, Duration.ofSeconds(1)) >= 20,
                "B hears A's 400 Hz 20 dB above its own 700 Hz: " + heard(b));
        assertTrue(a.level(B_HZ, Duration.ofSeconds(1)) - a.level(A_HZ, Duration.ofSeconds(1)) >= 20,
                "A hears B's 700 Hz 20 dB above its own 400 Hz: " + heard(a));
        assertEquals(List.of(A_HZ), b.heardTones(A_HZ, B_HZ, C_HZ));
        await(() -> b.level(A_HZ, Duration.ofMillis(500)) > -12, "A's tone fills B's last half second");
        double level = b.level(A_HZ, Duration.ofMillis(500));
        assertTrue(level < -8, "A's tone arrives at about -10 dBFS: " + level);

        List<ReceivedAudio.Stream> streams = b.streams();
        assertEquals(1, streams.size(), "one stream from A: " + streams);
        assertEquals(java.util.Set.of(0), streams.get(0).payloadTypes(), "PCMU");
        assertEquals(0, streams.get(0).gaps(), "consecutive sequence numbers");
    }

    @Test
    void holdSilencesTheCallAndResumeBringsItBack() throws Exception {
        Call ofA = a.call(B, proxy.address());
        Call ofB = b.nextIncomingCall(WAIT);
        awaitHeard(b, A_HZ);
        awaitHeard(a, B_HZ);

        ofA.hold();
        assertEquals(Sdp.SENDONLY, Sdp.parse(last(ofB.requests(), "INVITE")).direction(), "the hold offer");
        assertEquals(Sdp.RECVONLY, ofA.remoteSdp().direction(), "B answers the hold recvonly");
        assertFalse(ofA.isSending(), "A sends nothing while it holds");
        assertFalse(ofB.isSending(), "B sends nothing while held");
        assertTrue(b.awaitQuiet(WAIT), "B stops getting A's RTP");
        assertTrue(a.awaitQuiet(WAIT), "A stops getting B's RTP");

        ofA.resume();
        assertEquals(Sdp.SENDRECV, ofA.remoteSdp().direction());
        awaitHeard(b, A_HZ);
        awaitHeard(a, B_HZ);
        ReceivedAudio.Stream fromA = b.streams().get(0);
        assertEquals(1, b.streams().size(), "the same stream from A after the hold: " + b.streams());
        assertEquals(0, fromA.gaps(), "its sequence goes on where it stopped");
    }

    @Test
    void aLineOnTwoCallsHearsBothAndEachOtherPartyHearsIt() throws Exception {
        TestPhone c = callees.phone(C, Codec.PCMU, C_HZ);
        Call toB = a.call(B, proxy.address());
        Call toC = a.call(C, proxy.address());
        awaitHeard(a, B_HZ);
        awaitHeard(a, C_HZ);
        awaitHeard(b, A_HZ);
        awaitHeard(c, A_HZ);
        assertEquals(List.of(B_HZ, C_HZ), a.heardTones(Duration.ofMillis(500), A_HZ, B_HZ, C_HZ),
                "A hears exactly the other two");
        assertEquals(2, a.streams().size(), "two streams, one per call: " + a.streams());
        assertEquals(200, toB.hangUp());
        assertEquals(200, toC.hangUp());
    }

    @Test
    void aReInviteMovesTheMediaWhereItsOfferSays() throws Exception {
        Call ofA = a.call(B, proxy.address());
        Call ofB = b.nextIncomingCall(WAIT);
        awaitHeard(b, A_HZ);
        try (RtpReceiver elsewhere = new RtpReceiver()) {
            String offer = Sdp.format(1, 1, elsewhere.port(), Codec.PCMU, Sdp.SENDRECV);
            assertEquals(200, ofB.request("INVITE", "application/sdp", offer));
            assertEquals(elsewhere.port(), ofA.remoteMedia().getPort());
            assertTrue(b.awaitQuiet(WAIT), "A's RTP no longer comes to B's port");
            await(() -> elsewhere.packets().size() >= 10, "A's RTP goes to the port of the offer");
            assertEquals(0, elsewhere.packets().get(0).payloadType());

            String inactive = Sdp.format(1, 2, elsewhere.port(), Codec.PCMU, Sdp.INACTIVE);
            assertEquals(200, ofB.request("INVITE", "application/sdp", inactive));
            assertEquals(Sdp.INACTIVE, ofA.remoteSdp().direction());
            assertFalse(ofA.isSending(), "an inactive offer stops A");
            await(() -> {
                List<RtpReceiver.Packet> packets = elsewhere.packets();
                return System.nanoTime() - packets.get(packets.size() - 1).arrivalNanos() > 200_000_000L;
            }, "A's RTP stops after the inactive offer");
        }
    }

    @Test
    void aHangUpEndsTheCallOnBothSides() throws Exception {
        Call ofA = a.call(B, proxy.address());
        Call ofB = b.nextIncomingCall(WAIT);
        awaitHeard(b, A_HZ);

        assertEquals(200, ofB.hangUp(), "the BYE from B, by its route set through the proxy, is answered");
        assertTrue(ofA.awaitEnded(WAIT), "A's call ended by B's BYE");
        assertEquals("BYE received", ofA.endReason());
        assertTrue(ofB.isEnded());
        await(() -> a.audio().packetsWithin(Duration.ofMillis(200)) == 0
                && b.audio().packetsWithin(Duration.ofMillis(200)) == 0, "no RTP either way after the BYE");
        assertTrue(proxy.methods.contains("BYE"), "the BYE went by the proxy: " + proxy.methods);
    }

    @Test
    void aReferGetsTheAnswerTheOtherSideGivesAndItsNotifiesAreKept() throws Exception {
        Call ofA = a.call(B, proxy.address());
        Call ofB = b.nextIncomingCall(WAIT);

        Call.Replaces replaces = ofA.replacesOf();
        assertEquals(ofA.callId() + ";to-tag=" + ofB.localTag() + ";from-tag=" + ofA.localTag(), replaces.raw(),
                "named for B, who would get the INVITE with Replaces: to-tag B's, from-tag A's");
        assertEquals(replaces.raw().replace("@", "%40").replace(";", "%3B").replace("=", "%3D"),
                replaces.escaped());
        String referTo = replaces.referTo("sip:+" + C + "@127.0.0.1;user=phone");
        assertEquals(405, ofA.refer(referTo), "a test phone takes no REFER");
        assertEquals(referTo, SipMessage.parse(last(ofB.requests(), "REFER")).header("Refer-To"),
                "the Refer-To as given");

        assertEquals(200, ofB.request("NOTIFY", "message/sipfrag", "SIP/2.0 200 OK\r\n", "Event: refer",
                "Subscription-State: terminated;reason=noresource"));
        assertEquals(List.of("SIP/2.0 200 OK\r\n"), ofA.notifies());
        assertNotNull(ofA.awaitNotify(body -> body.startsWith("SIP/2.0 200"), WAIT));
    }

    @Test
    void anInviteWithReplacesTakesTheNamedCallsPlace() throws Exception {
        TestPhone c = callers.phone(C, Codec.PCMU, C_HZ);
        Call ofA = a.call(B, proxy.address());
        Call ofB = b.nextIncomingCall(WAIT);

        Call ofC = c.call(B, proxy.address(), "Replaces: " + ofA.replacesOf().raw());
        Call replacing = b.nextIncomingCall(WAIT);
        assertNotNull(replacing, "B took C's call");
        assertTrue(ofA.awaitEnded(WAIT), "B ended the call it replaced with a BYE to A");
        assertTrue(ofB.isEnded());
        awaitHeard(b, C_HZ);
        awaitHeard(c, B_HZ);
        assertEquals(200, ofC.hangUp());

        Call stale = c.dial(B, proxy.address(), "Replaces: " + ofA.replacesOf().raw());
        assertEquals(481, stale.awaitFinal(WAIT), "Replaces naming a call that is over");
    }

    @Test
    void lostRequestsAndResponsesAreSentAgain() throws Exception {
        proxy.toLose.put("INVITE", 1);
        proxy.toLose.put("SIP/2.0 200 OK INVITE", 1);
        proxy.toLose.put("ACK", 1);
        proxy.toLose.put("BYE", 1);
        Call ofA = a.call(B, proxy.address());
        Call ofB = b.nextIncomingCall(WAIT);
        assertNotNull(ofB, "B took the call though its first INVITE was lost");
        await(() -> java.util.Collections.frequency(proxy.methods, "ACK") >= 2,
                "B sent its 200 again until the ACK came: " + proxy.methods);
        assertTrue(java.util.Collections.frequency(proxy.methods, "INVITE") >= 2, "A sent its INVITE again");

        assertEquals(200, ofA.hangUp(), "the BYE sent again after the first was lost");
        assertTrue(ofB.isEnded());
        assertEquals(2, java.util.Collections.frequency(proxy.methods, "BYE"));
    }

    @Test
    void anOfferWithoutTheCalleesCodecIsRefused() throws Exception {
        TestPhone alaw = callers.phone(C, Codec.PCMA, C_HZ);
        Call refused = alaw.dial(B, proxy.address());
        assertEquals(488, refused.awaitFinal(WAIT));
        assertTrue(refused.isEnded());
        await(() -> proxy.methods.contains("ACK"), "the 488 acknowledged: " + proxy.methods);
    }

    @Test
    void aTelephoneOnALawHearsAndIsHeard() throws Exception {
        TestPhone c = callers.phone(C, Codec.PCMA, C_HZ);
        TestPhone d = callees.phone("77272777954", Codec.PCMA, A_HZ);
        Call ofC = c.call("+77272777954", callees.address());
        assertNotNull(d.nextIncomingCall(WAIT));
        awaitHeard(d, C_HZ);
        awaitHeard(c, A_HZ);
        assertEquals(java.util.Set.of(8), d.streams().get(0).payloadTypes(), "PCMA");
        assertEquals(200, ofC.hangUp());
    }

    @Test
    void g711ComesBackAsItWent() {
        for (Codec codec : Codec.values()) {
            for (int code = 0; code < 256; code++) {
                if (codec == Codec.PCMU && code == 0x7F) {
                    continue; // mu-law's negative zero: encoded as positive zero
                }
                assertEquals((byte) code, codec.encode(codec.decode((byte) code)), codec + " code " + code);
            }
            for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample += 7) {
                int back = codec.decode(codec.encode(sample));
                // half a quantisation step (1/32 of the sample at most) and the encoder's truncation of the low bits
                int allowed = Math.max(12, Math.abs(sample) / 12);
                if (Math.abs(back - sample) > allowed + (codec == Codec.PCMU && Math.abs(sample) > 32_000 ? 200 : 0)) {
                    fail(codec + ": " + sample + " came back as " + back);
                }
            }
        }
        assertEquals(1, ToneCadence.alaw(Codec.PCMA.encode(0)) / 8, "the same law as ToneCadence decodes");
        assertEquals(ToneCadence.ulaw(Codec.PCMU.encode(-1000)), Codec.PCMU.decode(Codec.PCMU.encode(-1000)));
    }

    // ---- helpers ----

    private static void awaitHeard(TestPhone phone, double hz) throws InterruptedException {
        assertTrue(phone.awaitHears(hz, WAIT), phone + " hears " + hz + " Hz: " + phone.hears(hz) + " dB");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not in " + WAIT + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String heard(TestPhone phone) {
        return "400 Hz " + phone.level(A_HZ, Duration.ofSeconds(1)) + " dBFS, 700 Hz "
                + phone.level(B_HZ, Duration.ofSeconds(1)) + " dBFS";
    }

    private static String last(List<String> requests, String method) {
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (requests.get(i).startsWith(method + " ")) {
                return method.equals("INVITE") ? SipMessage.parse(requests.get(i)).body() : requests.get(i);
            }
        }
        fail("no " + method + " in " + requests);
        return null;
    }

    /**
     * A proxy between the phones as the core is one: it Record-Routes each INVITE that starts a dialog and sends it
     * to the callees' socket; a request of a dialog goes by its next Route, else its Request-URI; a response back by
     * its Vias.
     */
    private static final class RecordRoutingProxy implements AutoCloseable {
        private final DatagramSocket socket;
        private final InetSocketAddress callees;
        private final Thread thread;
        final List<String> methods = new CopyOnWriteArrayList<>();
        /** How many more requests of a method (or responses, by their status line) to lose on the way. */
        final java.util.Map<String, Integer> toLose = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> problems = new CopyOnWriteArrayList<>();

        RecordRoutingProxy(InetSocketAddress callees) throws IOException {
            this.socket = new DatagramSocket(new InetSocketAddress(TestPhones.HOST, 0));
            this.callees = callees;
            this.thread = new Thread(this::run, "record-routing-proxy");
            this.thread.setDaemon(true);
            this.thread.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(TestPhones.HOST, socket.getLocalPort());
        }

        private void run() {
            byte[] buffer = new byte[65_535];
            while (!socket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                    forward(SipMessage.parse(new String(packet.getData(), 0, packet.getLength(),
                            StandardCharsets.ISO_8859_1)));
                } catch (IOException closed) {
                    return;
                } catch (RuntimeException e) {
                    problems.add(e.toString());
                }
            }
        }

        private void forward(SipMessage message) throws IOException {
            String kind = message.isResponse() ? message.startLine() + " " + message.cseqMethod() : message.method();
            if (!message.isResponse()) {
                methods.add(kind);
            }
            if (toLose.getOrDefault(kind, 0) > 0) {
                toLose.merge(kind, -1, Integer::sum);
                return;
            }
            InetSocketAddress next;
            if (message.isResponse()) {
                message.popVia();
                next = SipMessage.viaAddress(message.values("Via").get(0));
            } else {
                List<String> routes = new ArrayList<>(message.values("Route"));
                if (!routes.isEmpty() && SipMessage.addressOf(SipMessage.uriIn(routes.get(0))).getPort()
                        == socket.getLocalPort()) {
                    routes.remove(0);
                }
                message.setRoutes(routes);
                if (message.isInitialInvite()) {
                    message.recordRoute("<sip:" + TestPhones.HOST + ":" + socket.getLocalPort() + ";lr>");
                    next = callees;
                } else if (message.method().equals("ACK") && routes.isEmpty()
                        && message.requestUri().contains("user=phone")) {
                    next = callees; // the ACK of a failure, the way its INVITE went
                } else {
                    next = SipMessage.addressOf(routes.isEmpty() ? message.requestUri()
                            : SipMessage.uriIn(routes.get(0)));
                }
                message.pushVia("SIP/2.0/UDP " + TestPhones.HOST + ":" + socket.getLocalPort() + ";branch="
                        + SipMessage.parameter(message.values("Via").get(0), "branch") + "p");
            }
            byte[] bytes = message.text().getBytes(StandardCharsets.ISO_8859_1);
            socket.send(new DatagramPacket(bytes, bytes.length, next));
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(2_000);
        }
    }
}
