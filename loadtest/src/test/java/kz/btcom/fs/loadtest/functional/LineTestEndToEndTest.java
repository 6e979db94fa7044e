package kz.btcom.fs.loadtest.functional;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.journal.JournalReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call the server places itself, from the outside: a technician asks for a line test over HTTP; the packaged server
 * calls the line through the core (SIPp playing the core and the line), plays the positive tone when it answers,
 * hangs up, and its billing journal holds the call's attempt, alerting, answer and release.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LineTestEndToEndTest {

    private static final String DESK = "77272777888"; // lineTest.callerNumber's default, without '+'

    @TempDir
    static Path workDir;
    private static ServerProcess server;
    private static AdminClient operator;
    private static AdminClient technician;

    @BeforeAll
    static void startServer() throws Exception {
        Repository.requireBuiltJar();
        Sipp.ensureInstalled();
        server = ServerProcess.start(workDir, FreePorts.sip());
        operator = server.admin(ServerProcess.OPERATOR_TOKEN);
        technician = server.admin(ServerProcess.TECHNICIAN_TOKEN);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theServerCallsTheLinePlaysTheToneHangsUpAndJournalsTheCall() throws Exception {
        String line = "77272777601";
        Profile.line().provision(operator, line);
        String callId;
        try (RtpReceiver rtp = new RtpReceiver();
             Sipp.Uas core = Sipp.serve(workDir, "core-placed-call.xml", server.corePort, 1, Duration.ofSeconds(60),
                     "callee", line, "caller", DESK, "rtp_port", String.valueOf(rtp.port()))) {
            AdminClient.Reply reply = technician.post("/api/v1/subscribers/" + line + "/test-calls", "{}");
            assertEquals(202, reply.status(), reply.body().toString());
            assertEquals("+" + line, reply.body().path("number").asText());
            callId = reply.body().path("callId").asText();
            assertTrue(!callId.isEmpty() && !reply.body().path("icid").asText().isEmpty(), reply.body().toString());

            Sipp.Result answered = core.await(Duration.ofSeconds(60));
            assertTrue(answered.passed(), "the line's side of the call:\n" + answered.output()
                    + "\n--- server log ---\n" + server.logTail());
            ToneCadence.assertHeard(ToneCadence.POSITIVE, rtp.packets());
        }

        List<JournalEvent> events = journaled(callId, Duration.ofSeconds(10));
        assertEquals(List.of(JournalEvent.CallAttempt.class, JournalEvent.CallAlerting.class,
                JournalEvent.CallAnswer.class, JournalEvent.CallRelease.class),
                events.stream().map(Object::getClass).toList(), events.toString());
        JournalEvent.CallAttempt attempt = (JournalEvent.CallAttempt) events.get(0);
        assertEquals("+" + DESK, attempt.caller());
        assertEquals("+" + line, attempt.called());
        assertEquals(JournalEvent.Pass.PLACED, attempt.pass());
        JournalEvent.CallRelease release = (JournalEvent.CallRelease) events.get(3);
        assertEquals(200, release.cause());
        assertEquals(JournalEvent.Party.SERVER, release.releasedBy(), "the server hung up after its tone");
        assertNotNull(release.answered());
        assertTrue(release.duration().toMillis() >= 3_000, "the tone lasts 3.6 s: " + release.duration());
        assertEquals(attempt.icid(), release.icid());
    }

    @Test
    void onlyATechnicianTestsALineAndOnlyALineOfOurs() throws Exception {
        String line = "77272777602";
        Profile.line().provision(operator, line);

        assertEquals(403, operator.post("/api/v1/subscribers/" + line + "/test-calls", "{}").status());
        AdminClient.Reply unknown = technician.post("/api/v1/subscribers/77272777699/test-calls", "{}");
        assertEquals(404, unknown.status());
        assertEquals("no subscriber +77272777699", unknown.body().path("error").asText());
        AdminClient.Reply bad = technician.post("/api/v1/subscribers/12ab/test-calls", "{}");
        assertEquals(400, bad.status());
    }

    /** The journal's events of one call, once its release is in (the server writes it as the call ends). */
    private static List<JournalEvent> journaled(String callId, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<JournalEvent> events = new ArrayList<>();
            try (JournalReader reader = JournalReader.open(server.dataDir)) {
                reader.toStart().forEachRemaining(entry -> {
                    if (entry.event().callId().equals(callId)) {
                        events.add(entry.event());
                    }
                });
            }
            if (events.stream().anyMatch(e -> e instanceof JournalEvent.CallRelease) || System.nanoTime() > deadline) {
                return events;
            }
            Thread.sleep(100);
        }
    }
}
