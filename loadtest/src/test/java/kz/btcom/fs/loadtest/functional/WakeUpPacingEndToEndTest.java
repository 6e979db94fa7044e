package kz.btcom.fs.loadtest.functional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14's pacing from the outside, on the real clock: 300 lines booked for the same minute are called no faster
 * than {@code wakeUp.callsPerSecond}, while ordinary traffic at 200 calls/s runs through the same server with no
 * failed call. One SIPp UAS plays the core for both: it answers the ordinary calls the server relays and the
 * wake-up calls it places (which the server hangs up itself after {@code wakeUp.announceSeconds}).
 * <p>
 * The rate is measured twice. As the server placed the calls (its journal: each placed call's attempt is stamped
 * when the dialer hands it to the SIP side), no second holds more than the rate. As they reached the core (SIPp's
 * own stamps in its message log), no second holds more than the rate and one: the INVITE goes out on its call's
 * lane, behind the ordinary calls' messages, and on this machine a few take tens of milliseconds more than the rest
 * (the first placed call took 150 ms while its code was cold: technicians' test calls warm it up first), so a call
 * held up on its way may share a second at the core with the one placed a second after it. Evenly spaced calls cannot bunch further unless one is held up by
 * more than the spacing (50 ms), which the test would show as two or more over the rate.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WakeUpPacingEndToEndTest {

    private static final int LINES = 300;
    private static final int CALLS_PER_SECOND = 20;
    /** What a call held up on its way to the core may add to a second there (see above). */
    private static final int HELD_UP_ON_THE_WAY = 1;
    /** Ordinary traffic: this rate, from a few seconds before the minute into its first seconds. */
    private static final int ORDINARY_RATE = 200;
    private static final int ORDINARY_CALLS = ORDINARY_RATE * 16;
    private static final Duration ORDINARY_LEAD = Duration.ofSeconds(3);
    /**
     * Before it, the same calls at half the rate while the minute comes: a server started cold sheds load (503)
     * until its code is compiled, and that is not what this test is about.
     */
    private static final int WARM_UP_CALLS = ORDINARY_RATE / 2 * 15;
    /** Booking, warming up and the ordinary traffic's lead fit in this before the minute. */
    private static final Duration BOOKING_LEAD = Duration.ofSeconds(25);
    private static final String ORDINARY_CALLEE = "87172555111";
    /** Lines the server test-calls while warming up: its own calls' code is then warm too. */
    private static final List<String> TEST_CALLED = List.of("77272789990", "77272789991", "77272789992");

    @TempDir
    static Path workDir;
    private static ServerProcess server;
    private static AdminClient operator;

    @BeforeAll
    static void startServer() throws Exception {
        Repository.requireBuiltJar();
        Sipp.ensureInstalled();
        Path config = Files.writeString(workDir.resolve("wake-up.yaml"), """
                wakeUp:
                  announceSeconds: 2
                  callsPerSecond: %d
                """.formatted(CALLS_PER_SECOND));
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
    void threeHundredBookingsForOneMinuteReachTheCoreNoFasterThanTheRateWhileOrdinaryCallsAllSucceed()
            throws Exception {
        List<String> lines = WakeUps.lines("7727278", LINES);
        WakeUps.provision(List.of(operator), lines);
        WakeUps.provision(List.of(operator), TEST_CALLED);
        WakeUps.Minute minute = WakeUps.comingMinute(BOOKING_LEAD);
        WakeUps.book(List.of(operator), lines, minute);

        // Room for every call: it is stopped once the wake-up calls are over, not by a count.
        try (Sipp.Uas core = Sipp.serve(workDir, "uas.xml", server.corePort, 100_000, Duration.ofSeconds(200))) {
            AdminClient technician = server.admin(ServerProcess.TECHNICIAN_TOKEN);
            for (String line : TEST_CALLED) {
                AdminClient.Reply testCall = technician.post("/api/v1/subscribers/+" + line + "/test-calls", "{}");
                assertEquals(202, testCall.status(), testCall.body().toString());
            }
            ordinaryTraffic(WARM_UP_CALLS, ORDINARY_RATE / 2); // its failures do not count
            assertTrue(Instant.now().isBefore(minute.starts().minus(ORDINARY_LEAD)), "warmed up before the minute");
            WakeUps.sleepUntil(minute.starts().minus(ORDINARY_LEAD));
            CompletableFuture<Sipp.Result> ordinary = CompletableFuture.supplyAsync(
                    () -> ordinaryTraffic(ORDINARY_CALLS, ORDINARY_RATE));

            Sipp.Result ordinaryResult = ordinary.get(60, TimeUnit.SECONDS);
            int over = WakeUps.awaitWakeUpCallsOver(server.dataDir, LINES, minute.starts().plusSeconds(90));
            Sipp.Result coreResult = core.stop(Duration.ofSeconds(30));

            List<SippMessageLog.Message> wakeUpCalls = SippMessageLog.invitesFrom(core.messages(),
                    WakeUps.CALLER_NUMBER);
            List<Instant> arrivals = wakeUpCalls.stream().map(SippMessageLog.Message::at).sorted().toList();
            List<Instant> placed = WakeUps.placedWakeUpCalls(server.dataDir);
            int busiestAtTheCore = WakeUps.mostInOneSecond(arrivals);
            int busiestPlaced = WakeUps.mostInOneSecond(placed);
            System.out.printf("wake-up pacing: %d calls over, %d at the core from %s to %s after the minute; at most"
                            + " %d in one second as placed, %d at the core; ordinary traffic exit %d%n", over,
                    arrivals.size(), arrivals.isEmpty() ? "-" : Duration.between(minute.starts(), arrivals.get(0)),
                    arrivals.isEmpty() ? "-" : Duration.between(minute.starts(), arrivals.get(arrivals.size() - 1)),
                    busiestPlaced, busiestAtTheCore, ordinaryResult.exitCode());

            assertAll(
                    () -> assertEquals(WakeUps.sorted(lines), WakeUps.sorted(WakeUps.calledLines(wakeUpCalls)),
                            "every booked line called once\n" + server.logTail()),
                    () -> assertTrue(arrivals.stream().noneMatch(at -> at.isBefore(minute.starts())),
                            "none before the minute " + minute.starts() + ": " + arrivals),
                    () -> assertTrue(arrivals.stream().allMatch(at -> at.isBefore(minute.starts().plusSeconds(60))),
                            "all within the minute: " + arrivals),
                    () -> assertTrue(busiestPlaced <= CALLS_PER_SECOND, "placed: at most " + CALLS_PER_SECOND
                            + " in any second, but " + busiestPlaced + " (ms after the minute): "
                            + WakeUps.offsets(minute.starts(), placed)),
                    () -> assertTrue(busiestAtTheCore <= CALLS_PER_SECOND + HELD_UP_ON_THE_WAY, "at the core: at most "
                            + (CALLS_PER_SECOND + HELD_UP_ON_THE_WAY) + " in any second, but " + busiestAtTheCore
                            + " (ms after the minute): " + WakeUps.offsets(minute.starts(), arrivals)
                            + "\nplaced: " + WakeUps.offsets(minute.starts(), placed)),
                    () -> assertTrue(arrivals.size() < 2 || (arrivals.size() - 1) * 1_000.0
                                    / Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1)).toMillis()
                                    <= CALLS_PER_SECOND, "at the core, from the first to the last: no faster than "
                            + CALLS_PER_SECOND + "/s on average: " + WakeUps.offsets(minute.starts(), arrivals)),
                    () -> assertTrue(ordinaryResult.passed(), "ordinary traffic: no failed call\n"
                            + WakeUps.head(ordinaryResult.output())),
                    () -> assertTrue(coreResult.passed(), "the core's side\n" + WakeUps.head(coreResult.output())));
        }
    }

    /** SIPp as the callers: uac.xml, a second's hold each, bounded by SIPp's global timeout. */
    private static Sipp.Result ordinaryTraffic(int calls, int ratePerSecond) {
        try {
            return Sipp.calls(workDir, "uac.xml", server.sipPort, ORDINARY_CALLEE, calls, ratePerSecond,
                    List.of("-d", "1000", "-timeout", "35s"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
