package kz.btcom.fs.media;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A three-party room over real UDP on 127.0.0.1: A on A-law sends 400 Hz, B and C on μ-law 700 Hz and 1,100 Hz,
 * each a phone that sends its tone every 20 ms. Each phone must hear exactly the other two (Goertzel on what it
 * receives), in one well-formed RTP stream.
 */
@Timeout(60)
class ConferenceRoomLoopbackTest {

    private static final Duration LIMIT = Duration.ofSeconds(15);
    private static final int WINDOW = 40; // 0.8 s: every tone is a whole number of cycles, no leakage between them

    private MediaEndpoint endpoint;
    private final ConcurrentLinkedQueue<Long> lateness = new ConcurrentLinkedQueue<>();
    private ConferenceRoom room;
    private TonePhone a;
    private TonePhone b;
    private TonePhone c;
    private RoomParty partyA;
    private RoomParty partyB;
    private RoomParty partyC;

    @BeforeEach
    void openRoomWithThreePhones() throws Exception {
        int firstPort = FreePorts.evenBlock(8);
        endpoint = MediaEndpoint.start(new MediaSettings("127.0.0.1", firstPort, firstPort + 7, Duration.ofSeconds(1),
                Duration.ofSeconds(1)), lateness::add);
        room = endpoint.openRoom("conf-1");
        a = new TonePhone(Codec.PCMA, 400);
        b = new TonePhone(Codec.PCMU, 700);
        c = new TonePhone(Codec.PCMU, 1100);
        partyA = join(a, "call-a");
        partyB = join(b, "call-b");
        partyC = join(c, "call-c");
    }

    @AfterEach
    void close() throws Exception {
        for (TonePhone phone : new TonePhone[] {a, b, c}) {
            if (phone != null) {
                phone.close();
            }
        }
        endpoint.close();
    }

    @Test
    void eachPhoneHearsTheOtherTwoTonesAndNotItsOwn() throws Exception {
        for (TonePhone phone : List.of(a, b, c)) {
            assertTrue(phone.awaitMorePackets(60, LIMIT), "1.2 s of mix within " + LIMIT);
        }

        assertHearsExactly(a, 400, 700, 1100);
        assertHearsExactly(b, 700, 400, 1100);
        assertHearsExactly(c, 1100, 400, 700);
        assertOneWellFormedStream(a, partyA, 8);
        assertOneWellFormedStream(b, partyB, 0);
        assertOneWellFormedStream(c, partyC, 0);
        assertEquals(3, room.partyCount());
        assertFalse(lateness.isEmpty(), "each tick's lateness is reported");
        assertTrue(lateness.stream().allMatch(nanos -> nanos >= 0));
    }

    @Test
    void aPhoneThatStopsSendingIsSilenceToTheOthersWhoKeepGettingTheirFrames() throws Exception {
        assertTrue(a.awaitMorePackets(30, LIMIT));
        c.stopSending();
        int aBefore = a.received().size();

        assertTrue(a.awaitMorePackets(WINDOW + 10, LIMIT), "A is not held up waiting for C");
        assertTrue(b.awaitMorePackets(WINDOW + 10, LIMIT), "nor is B");

        assertHearsExactly(a, 400, 700, 1100, "C");
        assertHearsExactly(b, 700, 400, 1100, "C");
        assertOneWellFormedStream(a, partyA, 8);
        assertTrue(a.received().size() - aBefore >= WINDOW + 10);
    }

    @Test
    void aPartyOnHoldIsNeitherHeardNorSentToUntilItResumes() throws Exception {
        assertTrue(b.awaitMorePackets(30, LIMIT));

        String answer = partyB.sdpAnswer(b.offer() + "a=sendonly\r\n"); // B's re-INVITE: hold, music on hold maybe
        assertTrue(answer.contains("a=recvonly"), answer);
        int bHeldAt = b.received().size();
        assertTrue(a.awaitMorePackets(WINDOW + 10, LIMIT));

        assertHearsExactly(a, 400, 1100, 700, "B on hold");
        assertTrue(b.received().size() - bHeldAt <= 3, "at most the packets already on their way when B held: "
                + (b.received().size() - bHeldAt));

        partyB.sdpAnswer(b.offer() + "a=sendrecv\r\n"); // and resumes
        assertTrue(b.awaitMorePackets(WINDOW + 10, LIMIT));
        assertTrue(a.awaitMorePackets(WINDOW, LIMIT));

        assertHearsExactly(b, 700, 400, 1100);
        assertHearsExactly(a, 400, 700, 1100);
        assertOneWellFormedStream(b, partyB, 0); // the same stream goes on after the pause
    }

    @Test
    void closingTheRoomClosesEveryPartysLegAndTheRoomTakesNoMore() {
        int port = partyB.localAddress().getPort();

        room.close();
        room.close();

        assertEquals(0, room.partyCount());
        assertEquals(0, endpoint.openLegCount());
        assertEquals(0, endpoint.openRoomCount());
        assertTrue(FreePorts.isFree(port), "the party's socket is closed");
        assertThrows(MediaUnavailableException.class, () -> room.join("late"));
    }

    @Test
    void closingTheEndpointClosesItsRoomsAndRefusesNewOnes() {
        endpoint.close();

        assertTrue(room.isClosed());
        assertEquals(0, room.partyCount());
        assertEquals(0, endpoint.openRoomCount());
        assertEquals(0, endpoint.openLegCount());
        assertThrows(MediaUnavailableException.class, () -> endpoint.openRoom("conf-2"));
    }

    @Test
    void aPartyThatLeavesGivesItsPortBackAndTheOthersStay() throws Exception {
        partyC.close();
        partyC.close();

        assertEquals(2, room.partyCount());
        assertEquals(2, endpoint.openLegCount());
        assertTrue(a.awaitMorePackets(WINDOW + 10, LIMIT));
        assertHearsExactly(a, 400, 700, 1100, "C");
    }

    private RoomParty join(TonePhone phone, String callId) {
        RoomParty party = room.join(callId);
        String answer = party.sdpAnswer(phone.offer());
        assertTrue(answer.contains("a=sendrecv"), answer);
        party.start(() -> { });
        phone.startSending(party.localAddress().getPort());
        return party;
    }

    /**
     * Over the phone's last 0.8 s: each tone in {@code heard} is there at about its sent amplitude, and
     * {@code notHeard} (its own, or a phone that went quiet) at least 20 dB below the weakest of them.
     */
    private static void assertHearsExactly(TonePhone phone, double own, double heardOne, double heardOther,
                                           String... silentToo) {
        short[] samples = phone.lastHeard(WINDOW);
        double ownLevel = TonePhone.amplitudeAt(samples, own);
        boolean otherIsSilent = silentToo.length > 0;
        double one = TonePhone.amplitudeAt(samples, heardOne);
        double other = TonePhone.amplitudeAt(samples, heardOther);
        String levels = own + " Hz: " + Math.round(ownLevel) + ", " + heardOne + " Hz: " + Math.round(one) + ", "
                + heardOther + " Hz: " + Math.round(other);
        // A few frames may be silence (a late packet on a loaded machine): well above half the amplitude still.
        assertTrue(one > TonePhone.AMPLITUDE / 2.0, "hears " + heardOne + " Hz; " + levels);
        double weakestHeard = one;
        if (otherIsSilent) {
            assertTrue(other < one / 10, "does not hear " + silentToo[0] + " (" + heardOther + " Hz); " + levels);
        } else {
            assertTrue(other > TonePhone.AMPLITUDE / 2.0, "hears " + heardOther + " Hz; " + levels);
            weakestHeard = Math.min(one, other);
        }
        assertTrue(ownLevel < weakestHeard / 10, "its own tone at least 20 dB down; " + levels);
    }

    /** One SSRC, from the party's port, the marker first, consecutive sequence numbers, timestamps +160. */
    private static void assertOneWellFormedStream(TonePhone phone, RoomParty party, int payloadType) {
        List<RtpCaller.Received> packets = phone.received();
        RtpCaller.Received first = packets.get(0);
        assertTrue(first.marker(), "the first packet has the marker");
        int exactSteps = 0;
        for (int i = 0; i < packets.size(); i++) {
            RtpCaller.Received packet = packets.get(i);
            assertEquals(2, packet.version());
            assertEquals(payloadType, packet.payloadType());
            assertEquals(12 + 160, packet.data().length);
            assertEquals(first.ssrc(), packet.ssrc(), "one SSRC");
            assertEquals(party.localAddress().getPort(), packet.sourcePort(), "sent from the port in our SDP");
            if (i > 0) {
                RtpCaller.Received previous = packets.get(i - 1);
                assertFalse(packet.marker(), "only the first packet has the marker");
                assertEquals((previous.sequence() + 1) & 0xFFFF, packet.sequence(), "consecutive sequence numbers");
                long step = (packet.timestamp() - previous.timestamp()) & 0xFFFF_FFFFL;
                // +160 a tick; more only where the mixer skipped ticks after a stall of over 60 ms, which a loaded
                // shared machine may rarely cause: the timestamp then tells the receiver about the gap.
                assertTrue(step > 0 && step % 160 == 0, "timestamps advance by whole frames: " + step);
                exactSteps += step == 160 ? 1 : 0;
            }
        }
        assertTrue(exactSteps >= packets.size() - 4, "+160 but after a rare stall: " + exactSteps + " of "
                + (packets.size() - 1));
    }
}
