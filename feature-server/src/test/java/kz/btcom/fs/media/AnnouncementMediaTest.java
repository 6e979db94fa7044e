package kz.btcom.fs.media;

import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.MediaRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A feature-code confirmation as the B2BUA drives it: answer, start on ACK, hang up after the prompt, close. */
@Timeout(30)
class AnnouncementMediaTest {

    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private MediaEndpoint endpoint;
    private RtpCaller caller;
    private final HangUp hangUp = new HangUp();

    @BeforeEach
    void start() throws IOException {
        int firstPort = FreePorts.evenBlock(4);
        // Prompts cut to 600 ms; a prompt not decided in 300 ms gets the negative tone.
        endpoint = MediaEndpoint.start(new MediaSettings("127.0.0.1", firstPort, firstPort + 3,
                Duration.ofMillis(600), Duration.ofMillis(300)));
        caller = new RtpCaller();
    }

    @AfterEach
    void stop() {
        caller.close();
        endpoint.close();
    }

    @Test
    void theConfirmationPlaysAndTheCallIsHungUpAfterIt() throws Exception {
        LocalMedia media = endpoint.announcement("call-positive", CompletableFuture.completedFuture(Tone.POSITIVE));
        assertTrue(media.sdpAnswer(caller.offer("8 0")).contains("a=sendonly"));

        long started = System.nanoTime();
        media.start(hangUp);
        List<RtpCaller.Received> packets = caller.receiveUntil(hangUp::happened, QUIET, LIMIT);

        assertEquals(30, packets.size(), "600 ms at 20 ms");
        assertTrue(packets.stream().allMatch(p -> p.rms(Codec.PCMA) > 1000), "the positive tone's first burst");
        assertEquals(1, hangUp.count.get());
        assertTrue(hangUp.atNanos.get() > packets.get(packets.size() - 1).arrivalNanos(), "after the last packet");
        assertTrue(hangUp.atNanos.get() - started >= TimeUnit.MILLISECONDS.toNanos(600));

        media.close();
        assertEquals(0, endpoint.openLegCount(), "the port is given back");
    }

    @Test
    void aPromptThatFailsToBeDecidedPlaysTheNegativeTone() throws Exception {
        LocalMedia media = endpoint.announcement("call-db-down",
                CompletableFuture.failedFuture(new IllegalStateException("database unreachable")));
        media.sdpAnswer(caller.offer("8"));

        media.start(hangUp);
        List<RtpCaller.Received> packets = caller.receiveUntil(hangUp::happened, QUIET, LIMIT);

        assertNegativeCadence(packets);
        assertEquals(1, hangUp.count.get());
        media.close();
    }

    @Test
    void aPromptNotDecidedInTimePlaysTheNegativeTone() throws Exception {
        LocalMedia media = endpoint.announcement("call-db-slow", new CompletableFuture<>());
        media.sdpAnswer(caller.offer("8"));

        long started = System.nanoTime();
        media.start(hangUp);
        List<RtpCaller.Received> packets = caller.receiveUntil(hangUp::happened, QUIET, LIMIT);

        assertTrue(packets.get(0).arrivalNanos() - started >= TimeUnit.MILLISECONDS.toNanos(250), "after the wait");
        assertNegativeCadence(packets);
        media.close();
    }

    @Test
    void aPromptDecidedAfterTheAckStillPlays() throws Exception {
        CompletableFuture<Prompt> decision = new CompletableFuture<>();
        LocalMedia media = endpoint.announcement("call-db-write", decision);
        media.sdpAnswer(caller.offer("8"));
        media.start(hangUp); // the ACK: the leg waits for the prompt from now on

        decision.complete(Tone.POSITIVE);
        List<RtpCaller.Received> packets = caller.receiveUntil(hangUp::happened, QUIET, LIMIT);

        assertEquals(30, packets.size());
        assertTrue(packets.stream().allMatch(p -> p.rms(Codec.PCMA) > 1000), "positive, not negative");
        media.close();
    }

    @Test
    void aCallerWhoHangsUpDuringThePromptIsNotHungUpAgain() throws Exception {
        LocalMedia media = endpoint.announcement("call-caller-bye", CompletableFuture.completedFuture(Tone.POSITIVE));
        media.sdpAnswer(caller.offer("8"));
        media.start(hangUp);
        caller.receiveUntil(() -> true, Duration.ofMillis(1), Duration.ofMillis(200));

        media.close();

        // close() returns once the leg's media thread has stopped the prompt (cancelled: no hang-up follows from it)
        // and its socket is gone; a hang-up attempted after that finds the call closed. So this is final, not "not
        // yet": nothing is left that could hang up.
        assertFalse(hangUp.happened());
        assertEquals(0, endpoint.openLegCount());
    }

    @Test
    void aCallThatEndsBeforeThePromptIsDecidedPlaysNothing() throws Exception {
        CompletableFuture<Prompt> decision = new CompletableFuture<>();
        LocalMedia media = endpoint.announcement("call-early-bye", decision);
        media.sdpAnswer(caller.offer("8"));
        media.start(hangUp);

        media.close();
        decision.complete(Tone.POSITIVE);

        assertEquals(List.of(), caller.receiveUntil(() -> true, Duration.ofMillis(500), Duration.ofSeconds(1)));
        assertFalse(hangUp.happened());
        assertEquals(0, endpoint.openLegCount());
    }

    @Test
    void anOfferWithoutG711IsRefusedAndHoldsNoPort() {
        LocalMedia media = endpoint.announcement("call-g729", CompletableFuture.completedFuture(Tone.POSITIVE));

        MediaRefusedException refused = assertThrows(MediaRefusedException.class,
                () -> media.sdpAnswer(caller.offer("18")));

        assertEquals(488, refused.statusCode());
        assertEquals(0, endpoint.openLegCount());
        media.close();
    }

    @Test
    void whenEveryPortIsTakenTheCallIsRefusedWith503() {
        LocalMedia one = endpoint.announcement("call-1", CompletableFuture.completedFuture(Tone.POSITIVE));
        LocalMedia two = endpoint.announcement("call-2", CompletableFuture.completedFuture(Tone.POSITIVE));
        LocalMedia three = endpoint.announcement("call-3", CompletableFuture.completedFuture(Tone.POSITIVE));
        one.sdpAnswer(caller.offer("8"));
        two.sdpAnswer(caller.offer("8"));

        assertEquals(503, assertThrows(MediaRefusedException.class, () -> three.sdpAnswer(caller.offer("8")))
                .statusCode());

        one.close();
        assertTrue(three.sdpAnswer(caller.offer("8")).contains("m=audio"), "a port is free again");
        two.close();
        three.close();
    }

    @Test
    void withoutAnOfferWeOfferAndStreamOnceTheAnswerArrives() throws Exception {
        AnnouncementMedia media = (AnnouncementMedia) endpoint.announcement("call-late-offer",
                CompletableFuture.completedFuture(Tone.POSITIVE));
        String offer = media.sdpAnswer("");
        assertTrue(offer.contains(" RTP/AVP 8 0\r\n"), offer);

        media.remoteAnswer(caller.offer("0") + "a=recvonly\r\n"); // the ACK's body
        media.start(hangUp);
        List<RtpCaller.Received> packets = caller.receiveUntil(hangUp::happened, QUIET, LIMIT);

        assertEquals(30, packets.size());
        assertTrue(packets.stream().allMatch(p -> p.payloadType() == 0), "the codec the answer chose");
        media.close();
    }

    @Test
    void withoutAnOfferOrAnAnswerThePromptRunsSilentAndTheCallStillEnds() throws Exception {
        LocalMedia media = endpoint.announcement("call-no-answer", CompletableFuture.completedFuture(Tone.POSITIVE));
        media.sdpAnswer(null);

        media.start(hangUp);

        assertEquals(List.of(), caller.receiveUntil(hangUp::happened, QUIET, LIMIT));
        assertTrue(hangUp.happened());
        media.close();
    }

    @Test
    void askedAgainForAHoldOfferItAnswersOnTheSameLegAndStopsSending() throws Exception {
        LocalMedia media = endpoint.announcement("call-hold", CompletableFuture.completedFuture(Tone.POSITIVE));
        String first = media.sdpAnswer(caller.offer("8"));
        media.start(hangUp);
        caller.receiveUntil(() -> true, Duration.ofMillis(1), Duration.ofMillis(100));

        String again = media.sdpAnswer(caller.offer("8") + "a=sendonly\r\n"); // the phone puts us on hold

        assertEquals(line(first, "m="), line(again, "m="), "the same port");
        assertTrue(again.contains("a=inactive\r\n"), again);
        assertTrue(line(again, "o=").endsWith(" IN IP4 127.0.0.1") && !line(again, "o=").equals(line(first, "o=")),
                "same session, next version: " + line(first, "o=") + " / " + line(again, "o="));
        caller.receiveUntil(() -> true, Duration.ofMillis(50), Duration.ofMillis(100)); // what was in flight
        assertEquals(List.of(), caller.receiveUntil(hangUp::happened, QUIET, LIMIT), "no packets while held");
        assertTrue(hangUp.happened(), "the prompt still ends on time");
        media.close();
    }

    @Test
    void startingTwiceOrClosingTwiceDoesNothingMore() throws Exception {
        LocalMedia media = endpoint.announcement("call-repeats", CompletableFuture.completedFuture(Tone.POSITIVE));
        media.sdpAnswer(caller.offer("8"));

        media.start(hangUp);
        media.start(hangUp);
        List<RtpCaller.Received> packets = caller.receiveUntil(hangUp::happened, QUIET, LIMIT);

        assertEquals(30, packets.size(), "one playback");
        assertEquals(1, hangUp.count.get());
        media.close();
        media.close();
    }

    /** The negative tone's 0.2 s on / 0.2 s off: frames 0-9 tone, 10-19 silence, 20-29 tone. */
    private static void assertNegativeCadence(List<RtpCaller.Received> packets) {
        assertEquals(30, packets.size(), "600 ms at 20 ms");
        for (int frame = 0; frame < packets.size(); frame++) {
            double level = packets.get(frame).rms(Codec.PCMA);
            if (frame >= 1 && frame <= 8 || frame >= 21 && frame <= 28) {
                assertTrue(level > 1000, "frame " + frame + " is a burst: " + level);
            } else if (frame >= 11 && frame <= 18) {
                assertTrue(level < 50, "frame " + frame + " is a pause: " + level);
            }
        }
    }

    private static String line(String sdp, String prefix) {
        return sdp.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    /** Stands in for the B2BUA's hang-up: counts and timestamps. */
    private static final class HangUp implements Runnable {
        final AtomicInteger count = new AtomicInteger();
        final AtomicLong atNanos = new AtomicLong();
        final CountDownLatch latch = new CountDownLatch(1);

        @Override
        public void run() {
            atNanos.set(System.nanoTime());
            count.incrementAndGet();
            latch.countDown();
        }

        boolean happened() {
            return latch.getCount() == 0;
        }
    }
}
