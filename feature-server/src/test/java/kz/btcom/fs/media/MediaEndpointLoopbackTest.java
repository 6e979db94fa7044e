package kz.btcom.fs.media;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The endpoint over real UDP on 127.0.0.1: a test socket plays the caller. Timing bounds are generous: these check
 * that packets are paced at all and correctly numbered, not how precisely (that would be a benchmark).
 */
@Timeout(30)
class MediaEndpointLoopbackTest {

    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private int firstPort;
    private MediaEndpoint endpoint;
    private RtpCaller caller;

    @BeforeEach
    void start() throws IOException {
        firstPort = FreePorts.evenBlock(4);
        // Prompts are cut to 1 s: the positive tone's first burst, all tone.
        endpoint = MediaEndpoint.start(new MediaSettings("127.0.0.1", firstPort, firstPort + 3, Duration.ofSeconds(1),
                Duration.ofSeconds(1)));
        caller = new RtpCaller();
    }

    @AfterEach
    void stop() {
        caller.close();
        endpoint.close();
    }

    @Test
    void aOneSecondToneArrivesAsFiftyPacedNumberedPcmaPackets() throws Exception {
        MediaLeg leg = endpoint.openLeg("loopback-pcma");
        leg.answer(caller.offer("8 0"));

        long start = System.nanoTime();
        CompletableFuture<Void> played = leg.play(Tone.POSITIVE).toCompletableFuture();
        List<RtpCaller.Received> packets = caller.receiveUntil(played::isDone, QUIET, LIMIT);
        played.get(1, TimeUnit.SECONDS);
        long finished = System.nanoTime();

        assertEquals(50, packets.size(), "1 s at 20 ms: a stall delays frames, it never drops them");
        RtpCaller.Received first = packets.get(0);
        assertTrue(first.marker(), "the marker starts the talkspurt");
        int exactSteps = 0;
        for (int i = 0; i < packets.size(); i++) {
            RtpCaller.Received packet = packets.get(i);
            assertEquals(2, packet.version());
            assertEquals(8, packet.payloadType());
            assertEquals(12 + 160, packet.data().length, "160 samples a packet");
            assertEquals(first.ssrc(), packet.ssrc());
            assertEquals(leg.localAddress().getPort(), packet.sourcePort(), "sent from the port in our SDP");
            assertTrue(packet.rms(Codec.PCMA) > 1000, "packet " + i + " carries the tone");
            if (i > 0) {
                RtpCaller.Received previous = packets.get(i - 1);
                assertFalse(packet.marker(), "only the first packet has the marker");
                assertEquals((previous.sequence() + 1) & 0xFFFF, packet.sequence());
                long step = (packet.timestamp() - previous.timestamp()) & 0xFFFF_FFFFL;
                // 160 samples a frame; more only where a stall moved the rest of the prompt later
                assertTrue(step > 0 && step % 160 == 0, "timestamps advance by whole frames: " + step);
                exactSteps += step == 160 ? 1 : 0;
            }
        }
        assertTrue(exactSteps >= packets.size() - 4, "+160 but after a rare stall: " + exactSteps);
        // Paced, not sent in a burst: the last frame is due 49 x 20 ms after the start, and cannot come sooner (a
        // lower bound only, which no loaded machine can break: a stall makes frames later, never earlier).
        long lastMillis = (packets.get(packets.size() - 1).arrivalNanos() - start) / 1_000_000;
        assertTrue(lastMillis >= 49 * 20, "the 50th frame arrived " + lastMillis + " ms after the start");
        assertTrue(finished - start >= TimeUnit.MILLISECONDS.toNanos(1000), "the prompt takes its time");
    }

    @Test
    void aUlawCallerGetsPcmu() throws Exception {
        MediaLeg leg = endpoint.openLeg("loopback-pcmu");
        leg.answer(caller.offer("0"));

        CompletableFuture<Void> played = leg.play(Tone.NEGATIVE).toCompletableFuture();
        List<RtpCaller.Received> packets = caller.receiveUntil(played::isDone, QUIET, LIMIT);

        assertEquals(50, packets.size());
        assertTrue(packets.stream().allMatch(p -> p.payloadType() == 0));
        assertTrue(packets.get(2).rms(Codec.PCMU) > 1000, "the negative tone's first burst");
    }

    @Test
    void aRangeOfFourPortsServesTwoLegsAndEveryCloseGivesItsPortBack() {
        MediaLeg one = endpoint.openLeg("a");
        MediaLeg two = endpoint.openLeg("b");
        assertEquals(503, assertThrows(MediaUnavailableException.class, () -> endpoint.openLeg("c")).sipStatus());

        one.close();
        MediaLeg three = endpoint.openLeg("c");
        assertEquals(one.localAddress().getPort(), three.localAddress().getPort());
        two.close();
        three.close();

        for (int i = 0; i < 100; i++) {
            MediaLeg first = endpoint.openLeg("cycle-" + i);
            MediaLeg second = endpoint.openLeg("cycle-" + i + "b");
            assertTrue(first.localAddress().getPort() % 2 == 0);
            first.close();
            second.close();
        }
        assertEquals(0, endpoint.openLegCount());
        assertTrue(FreePorts.isFree(firstPort) && FreePorts.isFree(firstPort + 2), "the sockets are really closed");
    }

    @Test
    void closingALegStopsItsPacketsAndCancelsThePrompt() throws Exception {
        MediaLeg leg = endpoint.openLeg("hung-up");
        leg.answer(caller.offer("8"));
        CompletableFuture<Void> played = leg.play(Tone.POSITIVE).toCompletableFuture();
        caller.receiveUntil(() -> true, Duration.ofMillis(1), Duration.ofMillis(200));

        leg.close();

        CompletionException stopped = assertThrows(CompletionException.class, played::join);
        assertTrue(stopped.getCause() instanceof CancellationException, stopped.toString());
        // Nothing more can come: the leg's socket is closed (its port binds again) and the endpoint holds no leg.
        assertTrue(FreePorts.isFree(leg.localAddress().getPort()), "the leg's socket is closed");
        assertEquals(0, endpoint.openLegCount());
        assertThrows(CompletionException.class, () -> leg.play(Tone.NEGATIVE).toCompletableFuture().join(),
                "nothing plays on a closed leg");
    }

    @Test
    void aCallerOnHoldGetsNoPacketsButThePromptStillEndsOnTime() throws Exception {
        MediaLeg leg = endpoint.openLeg("on-hold");
        leg.answer(caller.offer("8").replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0"));

        long start = System.nanoTime();
        CompletableFuture<Void> played = leg.play(Tone.POSITIVE).toCompletableFuture();

        assertEquals(List.of(), caller.receiveUntil(played::isDone, QUIET, LIMIT));
        played.get(1, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1000));
    }

    @Test
    void incomingRtpReachesTheLegsListenerAndJunkDoesNot() throws Exception {
        MediaLeg leg = endpoint.openLeg("listener");
        leg.answer(caller.offer("8"));
        List<RtpPacket> heard = new CopyOnWriteArrayList<>();
        leg.onRtp((from, packet) -> heard.add(packet));

        caller.send(leg.localAddress().getPort(), new byte[] {1, 2, 3}); // not RTP
        caller.send(leg.localAddress().getPort(), new byte[] {(byte) 0x80, 8, 0, 1, 0, 0, 0, (byte) 160, 0, 0, 0, 42,
                (byte) 0xD5, (byte) 0xD5});

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (heard.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, heard.size());
        RtpPacket packet = heard.get(0);
        assertEquals(8, packet.payloadType());
        assertEquals(42, packet.ssrc());
        assertEquals(caller.port(), packet.sender().getPort());
        assertArrayEquals(new byte[] {(byte) 0xD5, (byte) 0xD5}, packet.payload());
    }

    @Test
    void closingTheEndpointClosesItsLegsAndRefusesNewOnes() {
        MediaLeg leg = endpoint.openLeg("shutdown");

        endpoint.close();

        assertTrue(leg.isClosed());
        assertEquals(0, endpoint.openLegCount());
        assertThrows(MediaUnavailableException.class, () -> endpoint.openLeg("late"));
    }
}
