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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wake-up bookings across a restart of the server, with SIPp as the core: booked, then the server restarted before
 * the minute, the call still comes at the minute; the server down across the minute, the call comes at start if the
 * minute is at most {@code wakeUp.lateMinutes} old, and is journaled as missed, with no call at all, if it is older
 * (a daily booking then moves to the next day).
 * <p>
 * The real server runs in the test's JVM on a {@link ShiftedClock} and is stopped and started again on the same data
 * directory; the minutes it is down are jumped. What is asserted is seen from the outside: what SIPp received, the
 * billing journal in the data directory, and GET .../wakeups.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WakeUpRestartEndToEndTest {

    private static final String WAKE_UP_NUMBER = "77272777100"; // wakeUp.callerNumber's default, without '+'
    private static final Duration LATE = Duration.ofMinutes(10);
    private static final String CONFIG = """
            wakeUp:
              announceSeconds: 3
              lateMinutes: 10
            """;
    /** How long the server may take to journal an attempt, or move its booking on, after the call ended. */
    private static final Duration SETTLES = Duration.ofSeconds(10);

    @TempDir
    Path workDir;
    private final ShiftedClock clock = new ShiftedClock();
    private InProcessServer server;
    private WakeUpApi wakeUps;

    @BeforeAll
    static void sipp() throws Exception {
        Sipp.ensureInstalled();
    }

    @BeforeEach
    void startServer() throws Exception {
        Path config = Files.writeString(workDir.resolve("wake-up.yaml"), CONFIG);
        server = InProcessServer.start(workDir, config, clock, FreePorts.sip());
        wakeUps = new WakeUpApi(server.admin(ServerProcess.OPERATOR_TOKEN));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void restartedBetweenBookingAndItsMinuteTheLineIsStillCalledAtTheMinute() throws Exception {
        String line = "77272777741";
        provision(line);
        Instant minute = minuteAfterNext();
        JsonNode booked = wakeUps.book(line, minute, false);

        restart();
        assertEquals(booked, wakeUps.awaitOnlyBooking(line, "scheduled", 0, SETTLES), "the booking outlived the restart");
        try (RtpReceiver rtp = new RtpReceiver(); Sipp.Uas core = answeringCore(line, rtp)) {
            clock.jumpTo(minute);
            Sipp.Result answered = core.await(Duration.ofSeconds(30));
            assertTrue(answered.passed(), "the core answered the wake-up call:\n" + answered.output());
        }
        WakeUpCall delivered = deliveredOnce(line, minute);
        Instant placed = placedAt(delivered);
        assertTrue(!placed.isBefore(minute) && placed.isBefore(minute.plus(Duration.ofMinutes(1))),
                "placed within the booked minute: " + placed);
        wakeUps.awaitNoBooking(line, SETTLES);
    }

    @Test
    void downAcrossTheMinuteForLessThanLateMinutesTheLineIsCalledAtStart() throws Exception {
        String line = "77272777742";
        provision(line);
        Instant minute = minuteAfterNext();
        wakeUps.book(line, minute, false);

        server.stop();
        Instant backUp = minute.plus(LATE).minus(Duration.ofMinutes(1));
        clock.jumpTo(backUp);
        try (RtpReceiver rtp = new RtpReceiver(); Sipp.Uas core = answeringCore(line, rtp)) {
            startAgain();
            Sipp.Result answered = core.await(Duration.ofSeconds(30));
            assertTrue(answered.passed(), "the core answered the late wake-up call:\n" + answered.output());
        }
        WakeUpCall delivered = deliveredOnce(line, minute);
        Instant placed = placedAt(delivered);
        assertTrue(!placed.isBefore(backUp) && placed.isBefore(backUp.plus(Duration.ofMinutes(1))),
                "placed at start, " + Duration.between(minute, placed) + " late: " + placed);
        wakeUps.awaitNoBooking(line, SETTLES);
    }

    @Test
    void downAcrossTheMinuteForMoreThanLateMinutesTheMinuteIsMissedWithNoCall() throws Exception {
        String once = "77272777743";
        String daily = "77272777744";
        provision(once);
        provision(daily);
        Instant minute = minuteAfterNext();
        wakeUps.book(once, minute, false);
        wakeUps.book(daily, minute, true);

        server.stop();
        clock.jumpTo(minute.plus(LATE).plus(Duration.ofMinutes(1)));
        // Any INVITE that reaches this core fails its call (core-no-call.xml), and SIPp then exits non-zero.
        try (Sipp.Uas core = Sipp.serve(workDir, "core-no-call.xml", server.corePort, 2, Duration.ofSeconds(60))) {
            startAgain();
            for (String line : List.of(once, daily)) {
                List<WakeUpCall> calls = JournalEntries.awaitWakeUpCalls(server.dataDir, "+" + line, 1, SETTLES);
                assertEquals(1, calls.size(), calls.toString());
                WakeUpCall missed = calls.get(0);
                assertEquals(List.of(WakeUpOutcome.MISSED, 0, minute),
                        List.of(missed.outcome(), missed.attempt(), missed.due()), missed.toString());
                assertFalse(missed.chargeable(), "a missed minute is not billed");
            }
            // Both minutes are journaled as missed: the dialer is done with them, and no call was placed for them.
            Sipp.Result untouched = core.stop(Duration.ofSeconds(20));
            assertTrue(untouched.passed(), "no INVITE reached the core:\n" + untouched.output());
            assertFalse(untouched.output().contains("INVITE sip:"), "no INVITE in SIPp's messages:\n"
                    + untouched.output());
        }
        Set<String> called = JournalEntries.of(server.dataDir, JournalEvent.CallAttempt.class, a -> true).stream()
                .map(JournalEvent.CallAttempt::called).collect(Collectors.toSet());
        assertFalse(called.contains("+" + once) || called.contains("+" + daily), "no call was placed: " + called);
        wakeUps.awaitNoBooking(once, SETTLES);
        JsonNode tomorrow = wakeUps.awaitOnlyBooking(daily, "scheduled", 0, SETTLES);
        assertEquals(minute.plus(Duration.ofDays(1)), WakeUpApi.next(tomorrow),
                "the daily booking moved to the same minute the next day (Almaty keeps no summer time): " + tomorrow);
    }

    private void provision(String line) throws Exception {
        Profile.line().provision(server.admin(ServerProcess.OPERATOR_TOKEN), line);
    }

    /** Stops the server as SIGTERM does and starts it again on the same data. */
    private void restart() throws Exception {
        server.stop();
        startAgain();
    }

    /** Starts the stopped server again on the same data (its HTTP port is a new one). */
    private void startAgain() throws Exception {
        server.start();
        wakeUps = new WakeUpApi(server.admin(ServerProcess.OPERATOR_TOKEN));
    }

    /**
     * The core, answering one wake-up call of the line from the service's number (core-wakeup-call.xml), the line's
     * media at {@code rtp}.
     */
    private Sipp.Uas answeringCore(String line, RtpReceiver rtp) throws Exception {
        return Sipp.serve(workDir, "core-wakeup-call.xml", server.corePort, 1, Duration.ofSeconds(60),
                "callees", line, "caller", WAKE_UP_NUMBER, "rtp_port", String.valueOf(rtp.port()));
    }

    /** The line's one journaled wake-up call: answered at the first attempt, for the booked minute, billed. */
    private WakeUpCall deliveredOnce(String line, Instant minute) throws Exception {
        List<WakeUpCall> calls = JournalEntries.awaitWakeUpCalls(server.dataDir, "+" + line, 1, SETTLES);
        assertEquals(1, calls.size(), calls.toString());
        WakeUpCall delivered = calls.get(0);
        assertEquals(List.of(WakeUpOutcome.ANSWERED, 1, minute),
                List.of(delivered.outcome(), delivered.attempt(), delivered.due()), delivered.toString());
        assertTrue(delivered.chargeable(), "a delivered wake-up call is billed");
        return delivered;
    }

    private Instant placedAt(WakeUpCall call) throws Exception {
        return JournalEntries.of(server.dataDir, JournalEvent.CallAttempt.class,
                a -> a.callId().equals(call.callId())).get(0).at();
    }

    /** The next minute but one: a booking made now is for a minute still to come, however late in this one. */
    private Instant minuteAfterNext() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
    }
}
