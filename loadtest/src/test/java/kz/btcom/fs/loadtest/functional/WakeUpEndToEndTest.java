package kz.btcom.fs.loadtest.functional;

import com.fasterxml.jackson.databind.JsonNode;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.journal.JournalReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wake-up calls from the outside, on the real clock: an operator books one line over HTTP and the subscriber of
 * another books by dialling {@code *55*HHMM#}, both for the coming minute. Within that minute the packaged server
 * calls both lines through the core (SIPp) from the wake-up service's number, plays the wake-up announcement (heard
 * in the RTP: its 0.4 s bursts), hangs up after {@code wakeUp.announceSeconds}, journals each delivered call as a
 * chargeable event, and the once-bookings are gone.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WakeUpEndToEndTest {

    private static final String BY_API = "77272777611";
    private static final String BY_CODE = "77272777612";
    private static final String WAKE_UP_NUMBER = "77272777100"; // wakeUp.callerNumber's default, without '+'
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @TempDir
    static Path workDir;
    private static ServerProcess server;
    private static AdminClient operator;

    @BeforeAll
    static void startServer() throws Exception {
        Repository.requireBuiltJar();
        Sipp.ensureInstalled();
        Path config = Files.writeString(workDir.resolve("wake-up.yaml"), "wakeUp:\n  announceSeconds: 5\n");
        server = ServerProcess.start(workDir, FreePorts.sip(), "--config", config.toString());
        operator = server.admin(ServerProcess.OPERATOR_TOKEN);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bookedByApiAndByCodeBothLinesAreCalledWithinTheMinuteHearTheAnnouncementAndAreBilled() throws Exception {
        Profile.line().provision(operator, BY_API);
        Profile.line().provision(operator, BY_CODE);
        LocalDateTime minute = comingMinute();
        Instant minuteStarts = minute.atZone(ALMATY).toInstant();
        String hhmm = minute.format(HH_MM);

        try (RtpReceiver rtp = new RtpReceiver();
             Sipp.Uas core = Sipp.serve(workDir, "core-wakeup-call.xml", server.corePort, 2, Duration.ofSeconds(150),
                     "callees", BY_API + " " + BY_CODE, "caller", WAKE_UP_NUMBER,
                     "rtp_port", String.valueOf(rtp.port()))) {
            AdminClient.Reply booked = operator.post("/api/v1/subscribers/+" + BY_API + "/wakeups",
                    "{\"time\": \"" + hhmm + "\", \"daily\": false}");
            assertEquals(201, booked.status(), booked.body().toString());
            assertEquals(minuteStarts.toString(), Instant.parse(booked.body().path("next").asText()).toString());
            dialAsTheSubscriber("*55*" + hhmm.replace(":", "") + "#");
            assertEquals(1, bookings(BY_CODE).size(), "the code booked a call");

            Sipp.Result called = core.await(Duration.ofSeconds(140));
            assertTrue(called.passed(), "the core's side of the wake-up calls:\n" + called.output()
                    + "\n--- server log ---\n" + server.logTail());
            Map<Long, List<RtpReceiver.Packet>> streams = rtp.packets().stream()
                    .collect(Collectors.groupingBy(RtpReceiver.Packet::ssrc));
            assertEquals(2, streams.size(), "one announcement per call");
            streams.values().forEach(ToneCadence::assertWakeUpHeard);
        }

        for (String line : List.of(BY_API, BY_CODE)) {
            List<JournalEvent.WakeUpCall> delivered = wakeUpCallsOf("+" + line, Duration.ofSeconds(10));
            assertEquals(1, delivered.size(), delivered.toString());
            JournalEvent.WakeUpCall call = delivered.get(0);
            assertEquals(JournalEvent.WakeUpOutcome.ANSWERED, call.outcome());
            assertTrue(call.chargeable());
            assertEquals(minuteStarts, call.due());
            JournalEvent.CallAttempt attempt = attemptOf(call.callId());
            assertEquals(JournalEvent.Pass.PLACED, attempt.pass());
            assertEquals("+" + WAKE_UP_NUMBER, attempt.caller());
            assertTrue(!attempt.at().isBefore(minuteStarts) && attempt.at().isBefore(minuteStarts.plusSeconds(60)),
                    "placed within the booked minute: " + attempt.at());
            assertEquals(List.of(), bookings(line), "a once-booking is gone once delivered");
        }
    }

    /** The next minute in Almaty that leaves time to book: at least 15 s away. */
    private static LocalDateTime comingMinute() {
        LocalDateTime now = LocalDateTime.now(ALMATY);
        LocalDateTime next = now.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        return Duration.between(now, next).toSeconds() < 15 ? next.plusMinutes(1) : next;
    }

    private static void dialAsTheSubscriber(String code) throws Exception {
        try (RtpReceiver tone = new RtpReceiver()) {
            Sipp.Result result = Sipp.call(workDir, "feature-code.xml", server.sipPort, code.replace("#", "%23"),
                    "caller", BY_CODE, "rtp_port", String.valueOf(tone.port()));
            assertTrue(result.passed(), "dialling " + code + ":\n" + result.output() + "\n--- server log ---\n"
                    + server.logTail());
            ToneCadence.assertHeard(ToneCadence.POSITIVE, tone.packets());
        }
    }

    private static List<JsonNode> bookings(String line) throws Exception {
        AdminClient.Reply reply = operator.get("/api/v1/subscribers/+" + line + "/wakeups");
        assertEquals(200, reply.status(), reply.body().toString());
        List<JsonNode> bookings = new ArrayList<>();
        reply.body().path("wakeups").forEach(bookings::add);
        return bookings;
    }

    private static List<JournalEvent.WakeUpCall> wakeUpCallsOf(String line, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<JournalEvent.WakeUpCall> calls = journal().stream()
                    .filter(e -> e instanceof JournalEvent.WakeUpCall w && w.subscriber().equals(line))
                    .map(JournalEvent.WakeUpCall.class::cast).toList();
            if (!calls.isEmpty() || System.nanoTime() > deadline) {
                return calls;
            }
            Thread.sleep(100);
        }
    }

    private static JournalEvent.CallAttempt attemptOf(String callId) throws Exception {
        return journal().stream()
                .filter(e -> e instanceof JournalEvent.CallAttempt a && a.callId().equals(callId))
                .map(JournalEvent.CallAttempt.class::cast).findFirst().orElseThrow();
    }

    private static List<JournalEvent> journal() throws Exception {
        List<JournalEvent> events = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(server.dataDir)) {
            reader.toStart().forEachRemaining(entry -> events.add(entry.event()));
        }
        return events;
    }
}
