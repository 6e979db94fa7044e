package kz.btcom.fs.loadtest.functional;

import com.fasterxml.jackson.databind.JsonNode;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.WakeUpCall;
import kz.btcom.fs.billing.JournalEvent.WakeUpOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wake-up calls that are not answered at once, with SIPp as the core: a line busy at its minute is called again
 * {@code wakeUp.retryMinutes} later and answers; a line that only rings is cancelled after {@code wakeUp.ringSeconds},
 * three times ({@code wakeUp.attempts}), and then its booking is gone and the journal says so.
 * <p>
 * The real server runs in the test's JVM on a {@link ShiftedClock}: the ring time and the announcement pass in real
 * seconds (short ones here), the minute between two attempts is jumped. What is asserted is seen from the outside:
 * what SIPp received and answered, the billing journal in the data directory, and GET .../wakeups.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WakeUpRetriesEndToEndTest {

    private static final String WAKE_UP_NUMBER = "77272777100"; // wakeUp.callerNumber's default, without '+'
    private static final Duration RING = Duration.ofSeconds(3);
    private static final Duration RETRY = Duration.ofMinutes(1);
    private static final String CONFIG = """
            wakeUp:
              ringSeconds: 3
              announceSeconds: 3
              retryMinutes: 1
              attempts: 3
            """;
    /** How long the server may take to journal an attempt, or move its booking on, after the call ended. */
    private static final Duration SETTLES = Duration.ofSeconds(10);

    @TempDir
    Path workDir;
    private final ShiftedClock clock = new ShiftedClock();
    private InProcessServer server;
    private AdminClient operator;
    private WakeUpApi wakeUps;

    @BeforeAll
    static void sipp() throws Exception {
        Sipp.ensureInstalled();
    }

    @BeforeEach
    void startServer() throws Exception {
        Path config = Files.writeString(workDir.resolve("wake-up.yaml"), CONFIG);
        server = InProcessServer.start(workDir, config, clock, FreePorts.sip());
        operator = server.admin(ServerProcess.OPERATOR_TOKEN);
        wakeUps = new WakeUpApi(operator);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aLineBusyAtItsMinuteIsCalledAgainAfterTheRetryTimeAndAnswers() throws Exception {
        String line = "77272777731";
        Profile.line().provision(operator, line);
        Instant minute = minuteAfterNext();
        wakeUps.book(line, minute, false);

        try (Sipp.Uas core = Sipp.serve(workDir, "uas-busy.xml", server.corePort, 1, Duration.ofSeconds(40))) {
            clock.jumpTo(minute);
            Sipp.Result busy = core.await(Duration.ofSeconds(30));
            assertTrue(busy.passed(), "the core answered the first attempt 486:\n" + busy.output());
        }
        WakeUpCall first = JournalEntries.awaitWakeUpCalls(server.dataDir, "+" + line, 1, SETTLES).get(0);
        assertEquals(List.of(WakeUpOutcome.BUSY, 1, minute), List.of(first.outcome(), first.attempt(), first.due()));
        JsonNode retrying = wakeUps.awaitOnlyBooking(line, "retrying", 1, SETTLES);
        assertAbout(first.at().plus(RETRY), WakeUpApi.next(retrying), "the retry's time, in GET: " + retrying);

        try (RtpReceiver rtp = new RtpReceiver();
             Sipp.Uas core = Sipp.serve(workDir, "core-wakeup-call.xml", server.corePort, 1, Duration.ofSeconds(40),
                     "callees", line, "caller", WAKE_UP_NUMBER, "rtp_port", String.valueOf(rtp.port()))) {
            clock.jumpTo(WakeUpApi.next(retrying));
            Sipp.Result answered = core.await(Duration.ofSeconds(30));
            assertTrue(answered.passed(), "the core answered the second attempt:\n" + answered.output());
            assertAnnouncementHeard(rtp);
        }
        List<WakeUpCall> calls = JournalEntries.awaitWakeUpCalls(server.dataDir, "+" + line, 2, SETTLES);
        assertEquals(List.of(WakeUpOutcome.BUSY, WakeUpOutcome.ANSWERED), calls.stream().map(WakeUpCall::outcome)
                .toList(), calls.toString());
        WakeUpCall delivered = calls.get(1);
        assertEquals(List.of(2, minute), List.of(delivered.attempt(), delivered.due()), delivered.toString());
        assertTrue(delivered.chargeable(), "a delivered wake-up call is billed");
        assertTrue(!placedAt(delivered).isBefore(WakeUpApi.next(retrying)),
                "the second attempt was placed at its retry time or after: " + placedAt(delivered));
        wakeUps.awaitNoBooking(line, SETTLES);
    }

    @Test
    void aLineThatOnlyRingsIsCancelledAfterTheRingTimeThreeTimesAndThenTheBookingIsGone() throws Exception {
        String line = "77272777732";
        Profile.line().provision(operator, line);
        Instant minute = minuteAfterNext();
        wakeUps.book(line, minute, false);

        try (Sipp.Uas core = Sipp.serve(workDir, "uas-ringing-cancel.xml", server.corePort, 3,
                Duration.ofSeconds(70))) {
            Instant attemptAt = minute;
            for (int attempt = 1; attempt <= 3; attempt++) {
                clock.jumpTo(attemptAt);
                List<WakeUpCall> calls = JournalEntries.awaitWakeUpCalls(server.dataDir, "+" + line, attempt,
                        RING.plus(SETTLES));
                WakeUpCall unanswered = calls.get(attempt - 1);
                assertEquals(List.of(WakeUpOutcome.NO_ANSWER, attempt, minute),
                        List.of(unanswered.outcome(), unanswered.attempt(), unanswered.due()), unanswered.toString());
                assertCancelledAfterTheRingTime(unanswered);
                if (attempt < 3) {
                    JsonNode retrying = wakeUps.awaitOnlyBooking(line, "retrying", attempt, SETTLES);
                    assertAbout(unanswered.at().plus(RETRY), WakeUpApi.next(retrying),
                            "attempt " + (attempt + 1) + "'s time, in GET: " + retrying);
                    attemptAt = WakeUpApi.next(retrying);
                }
            }
            Sipp.Result rang = core.await(Duration.ofSeconds(20));
            assertTrue(rang.passed(), "the core rang three calls until each was cancelled:\n" + rang.output());
        }
        wakeUps.awaitNoBooking(line, SETTLES);
        List<WakeUpCall> calls = JournalEntries.wakeUpCallsOf(server.dataDir, "+" + line);
        assertEquals(List.of(1, 2, 3), calls.stream().map(WakeUpCall::attempt).toList(), calls.toString());
        assertTrue(calls.stream().noneMatch(WakeUpCall::chargeable), "no unanswered attempt is billed: " + calls);
    }

    /** The next minute but one: a booking made now is for a minute still to come, however late in this one. */
    private Instant minuteAfterNext() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
    }

    /** The call rang the ring time and the server ended it: CANCEL, answered 487 (uas-ringing-cancel.xml). */
    private void assertCancelledAfterTheRingTime(WakeUpCall unanswered) throws Exception {
        JournalEvent.CallRelease release = JournalEntries.await(server.dataDir, JournalEvent.CallRelease.class,
                r -> r.callId().equals(unanswered.callId()), 1, SETTLES).get(0);
        assertEquals(487, release.cause(), release.toString());
        Duration rang = Duration.between(release.started(), release.at());
        assertTrue(rang.compareTo(RING) >= 0, "cancelled after the ring time (" + RING + "), not " + rang);
    }

    private Instant placedAt(WakeUpCall call) throws Exception {
        return JournalEntries.of(server.dataDir, JournalEvent.CallAttempt.class,
                a -> a.callId().equals(call.callId())).get(0).at();
    }

    /** The wake-up announcement came in the RTP: a whole 0.4 s burst of its tone, at least. */
    private static void assertAnnouncementHeard(RtpReceiver rtp) {
        List<ToneCadence.Run> heard = ToneCadence.of(rtp.packets());
        assertTrue(heard.stream().anyMatch(run -> run.tone() && run.millis() >= 380),
                "the wake-up announcement was heard: " + heard);
    }

    /** The same instant, but for the database's precision (microseconds). */
    private static void assertAbout(Instant expected, Instant actual, String what) {
        assertTrue(Duration.between(expected, actual).abs().compareTo(Duration.ofMillis(1)) < 0,
                what + ": " + expected + " expected, " + actual);
    }
}
