package kz.btcom.fs.loadtest.functional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6, "after 10,000 calls with random CANCEL/BYE/timeouts, no subscriber is left marked busy": the packaged
 * server between a SIPp caller and a SIPp core, 10,000 calls at 200 calls/s among 30 lines of ours (half with call
 * waiting, some forwarding on busy), each call ending its own way (uac-random-ending.xml): the caller's BYE, the
 * callee's BYE, CANCEL while ringing, the callee's 486, a core that never answers (the server's INVITE timer), and
 * a caller that vanishes after the answer without a BYE (found by the server's dialog keep-alive). Lines are also
 * busy or waiting for each other all the time, so the server refuses some calls itself. Once the traffic stops,
 * the server must hold no call and no subscriber busy ({@code fs_calls_in_progress}, {@code fs_subscribers_in_calls}).
 * The seed of the random endings is printed; the same seed gives the same calls.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BusyStateUnderLoadTest {

    private static final int CALLS = 10_000;
    private static final int RATE = 200;
    private static final int LINES = 30;
    private static final String FIRST_LINE = "77272776000";
    /** Keep-alive every 2 s, 1 s to answer; INVITE timer 4 s: the test's timeouts, short so the test is. */
    private static final String TEST_CONFIG = """
            sip:
              keepAliveSeconds: 2
              keepAliveTimeoutSeconds: 1
              noAnswerTimeoutSeconds: 4
            """;
    /**
     * Once SIPp is done: the last vanished callers are found within keep-alive + timeout (3 s), and a BYE to a
     * vanished caller waits for its transaction to time out (32 s) before the call is gone.
     */
    private static final Duration SETTLE = Duration.ofSeconds(60);

    enum Ending {
        BYE("bye", 30), CALLEE_BYE("callee-bye", 15), CANCEL("cancel", 20), BUSY("busy", 10),
        LOST_BYE("lost-bye", 15), NO_ANSWER("no-answer", 10);

        final String name;
        final int weight;

        Ending(String name, int weight) {
            this.name = name;
            this.weight = weight;
        }
    }

    @TempDir
    static Path workDir;

    private static ServerProcess server;
    private static int corePort;

    @BeforeAll
    static void startServer() throws Exception {
        Repository.requireBuiltJar();
        Sipp.ensureInstalled();
        corePort = FreePorts.sip();
        Path config = Files.writeString(workDir.resolve("busy-state-test.yaml"), TEST_CONFIG);
        server = ServerProcess.start(workDir, corePort, "--config", config.toString());
        AdminClient operator = server.admin(ServerProcess.OPERATOR_TOKEN);
        for (int i = 0; i < LINES; i++) {
            String number = line(i);
            AdminClient.Reply reply = operator.put("/api/v1/subscribers/+" + number, profile(number, i));
            assertTrue(reply.status() == 201 || reply.status() == 200, "PUT +" + number + ": " + reply.body());
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String line(int i) {
        return Long.toString(Long.parseLong(FIRST_LINE) + i);
    }

    /** Even lines have call waiting on; every fifth forwards on busy to the next line. */
    private static String profile(String number, int i) {
        String busyTarget = i % 5 == 0 ? "\"+" + line((i + 1) % LINES) + "\"" : "null";
        return """
                {"number": "+%s", "status": "active", "pin": "0000",
                 "services": {"clip": true, "clir": false,
                              "callWaiting": {"subscribed": true, "active": %s},
                              "forwarding": {"subscribed": true, "busy": %s},
                              "callReturn": {"subscribed": true}, "mcid": {"subscribed": true}}}
                """.formatted(number, i % 2 == 0, busyTarget);
    }

    @Test
    void tenThousandCallsEndingEveryWayLeaveNoSubscriberBusy() throws Exception {
        long seed = System.nanoTime();
        System.out.println("busy-state load test: seed " + seed);
        Map<Ending, Integer> planned = new EnumMap<>(Ending.class);
        Path calls = writeCalls(new Random(seed), planned);
        System.out.println("busy-state load test: calls planned " + planned);

        Process core = sipp("core", List.of("-sf", scenario("core-random-ending.xml"), "-p", String.valueOf(corePort),
                "-aa", "-timeout", "200s"));
        try {
            FreePorts.awaitUdpListening(corePort);
            Process caller = sipp("caller", List.of("127.0.0.1:" + server.sipPort, "-sf",
                    scenario("uac-random-ending.xml"), "-inf", calls.toString(), "-p", String.valueOf(FreePorts.sip()),
                    "-r", String.valueOf(RATE), "-m", String.valueOf(CALLS), "-l", "3000", "-aa",
                    "-timeout", "150s"));
            assertTrue(caller.waitFor(170, TimeUnit.SECONDS), "the caller did not finish");
            String callerScreen = Files.readString(workDir.resolve("caller.out"), StandardCharsets.ISO_8859_1);
            int successful = SippScreen.count(callerScreen, "Successful call");
            int failed = SippScreen.count(callerScreen, "Failed call");
            System.out.printf("busy-state load test: caller SIPp exit %d, %d successful, %d failed calls%n",
                    caller.exitValue(), successful, failed);
            assertEquals(CALLS, successful + failed, "every call was made:\n" + SippScreen.tail(callerScreen));

            Map<String, Double> settled = new ServerMetrics(server.httpPort).awaitZero(SETTLE, "fs_calls_in_progress",
                    "fs_subscribers_in_calls");
            System.out.println("busy-state load test: after the traffic " + settled);
            assertEquals(0.0, settled.get("fs_calls_in_progress"), "calls still held:\n" + server.logTail());
            assertEquals(0.0, settled.get("fs_subscribers_in_calls"), "subscribers still busy:\n" + server.logTail());
            assertTrue(failed <= CALLS / 100, failed + " calls failed on the caller's side (at most 1 % may, to"
                    + " races of the random endings with each other):\n" + SippScreen.tail(callerScreen));
        } finally {
            core.destroy();
            if (!core.waitFor(10, TimeUnit.SECONDS)) {
                core.destroyForcibly();
            }
        }
    }

    /** SIPp's injection file: SEQUENTIAL, one line per call: ending;caller;called. */
    private static Path writeCalls(Random random, Map<Ending, Integer> planned) throws IOException {
        int totalWeight = 0;
        for (Ending ending : Ending.values()) {
            totalWeight += ending.weight;
        }
        List<String> lines = new ArrayList<>(CALLS + 1);
        lines.add("SEQUENTIAL");
        for (int i = 0; i < CALLS; i++) {
            int pick = random.nextInt(totalWeight);
            Ending ending = Ending.BYE;
            for (Ending candidate : Ending.values()) {
                if (pick < candidate.weight) {
                    ending = candidate;
                    break;
                }
                pick -= candidate.weight;
            }
            planned.merge(ending, 1, Integer::sum);
            int callee = random.nextInt(LINES);
            // A caller of ours most of the time (its line is then busy too), sometimes from elsewhere.
            String caller = random.nextInt(4) == 0 ? "7717255" + (1000 + random.nextInt(9000))
                    : line((callee + 1 + random.nextInt(LINES - 1)) % LINES);
            lines.add(ending.name + ";" + caller + ";+" + line(callee));
        }
        return Files.write(workDir.resolve("calls.csv"), lines);
    }

    private static String scenario(String name) {
        return Repository.root().resolve("loadtest/scenarios").resolve(name).toString();
    }

    private static Process sipp(String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sipp"));
        command.addAll(args);
        command.addAll(List.of("-i", "127.0.0.1", "-nostdin", "-trace_err", "-error_file",
                workDir.resolve(name + "-errors.log").toString(), "-max_recv_loops", "1000"));
        return new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(name + ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }
}
