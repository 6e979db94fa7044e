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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 §2, the load test it asks for: the packaged server offered more than it can take, 2,000 calls/s for 15 s
 * (about twice what two cores set up) with at most 100 calls in progress, so that it sheds both ways, by calls in
 * progress and by queueing delay, between a SIPp caller that takes a 503 as an answer ({@code uac-shed.xml}) and a
 * SIPp core ({@code uas-shed.xml}). Before, a call could be refused with 503
 * and relayed anyway (its INVITE's copies judged apart), calls stayed in progress for good, and the rejection counter
 * counted retransmissions. Now, once the load stops: every call offered was answered or refused, none both, the
 * counter counts the refused calls, and {@code fs_calls_in_progress} is 0 within the transaction timeout (32 s).
 * The caller writes each call's outcome with its Call-ID, the core each Call-ID the server relayed (in Subject).
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class OverloadEndToEndTest {

    private static final int RATE = 2_000;
    private static final int SECONDS = 15;
    private static final int CALLS = RATE * SECONDS;
    private static final String TEST_CONFIG = """
            sip:
              maxCallsInProgress: 100
            """;
    /** The transaction timeout (64 x T1), and a little for a loaded machine's last BYE. */
    private static final Duration SETTLE = Duration.ofSeconds(40);

    @TempDir
    static Path workDir;

    private static ServerProcess server;
    private static ServerMetrics metrics;
    private static int corePort;

    @BeforeAll
    static void startServer() throws Exception {
        Repository.requireBuiltJar();
        Sipp.ensureInstalled();
        corePort = FreePorts.sip();
        Path config = Files.writeString(workDir.resolve("overload-test.yaml"), TEST_CONFIG);
        server = ServerProcess.start(workDir, corePort, "--config", config.toString());
        metrics = new ServerMetrics(server.httpPort);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyCallOfferedAtTwiceWhatTheServerTakesIsAnsweredOrRefusedNeverBothAndNoneIsLeftInProgress() throws Exception {
        Path coreDir = Files.createDirectories(workDir.resolve("core"));
        Path callerDir = Files.createDirectories(workDir.resolve("caller"));
        Process core = sipp(coreDir, "core", List.of("-sf", scenario("uas-shed.xml"), "-p", String.valueOf(corePort),
                "-m", String.valueOf(CALLS + 1), "-timeout", "120s"));
        try {
            FreePorts.awaitUdpListening(corePort);
            Process caller = sipp(callerDir, "caller", List.of("127.0.0.1:" + server.sipPort, "-sf",
                    scenario("uac-shed.xml"), "-s", "77272777888", "-p", String.valueOf(FreePorts.sip()),
                    "-r", String.valueOf(RATE), "-rp", "1000", "-m", String.valueOf(CALLS), "-l", "20000",
                    "-d", "0", "-timeout", (SECONDS + 40) + "s", "-timeout_error"));
            assertTrue(caller.waitFor(SECONDS + 60, TimeUnit.SECONDS), "the caller did not finish");
            long loadStopped = System.nanoTime();
            String screen = Files.readString(callerDir.resolve("caller.out"), StandardCharsets.ISO_8859_1);
            int offered = SippScreen.count(screen, "Successful call") + SippScreen.count(screen, "Failed call");

            double inProgress = metrics.awaitZero(SETTLE, "fs_calls_in_progress").get("fs_calls_in_progress");
            long settledMillis = (System.nanoTime() - loadStopped) / 1_000_000;

            Set<String> answered = logged(callerDir, "answered");
            Set<String> refused = logged(callerDir, "refused");
            Set<String> relayed = logged(coreDir, "relayed");
            Set<String> refusedAndRelayed = new HashSet<>(refused);
            refusedAndRelayed.retainAll(relayed);
            double rejections = metrics.value("fs_overload_rejections_total");
            System.out.printf("overload test: offered %d, answered %d, refused %d, refused and relayed %d, relayed %d,"
                            + " fs_overload_rejections_total %.0f, fs_calls_in_progress %.0f %d ms after the load%n",
                    offered, answered.size(), refused.size(), refusedAndRelayed.size(), relayed.size(), rejections,
                    inProgress, settledMillis);

            assertEquals(CALLS, offered, "every call was offered:\n" + SippScreen.tail(screen));
            assertTrue(!answered.isEmpty() && !refused.isEmpty(), "the load is to force shedding and keep calls going:"
                    + " answered " + answered.size() + ", refused " + refused.size());
            assertEquals(Set.of(), refusedAndRelayed.stream().limit(10).collect(java.util.stream.Collectors.toSet()),
                    refusedAndRelayed.size() + " calls refused with 503 and relayed to the core all the same");
            assertEquals(offered, answered.size() + refused.size(), "calls offered = answered + refused; the rest "
                    + "neither:\n" + SippScreen.tail(screen) + "\n" + server.logTail());
            assertEquals(refused.size(), (int) rejections, "fs_overload_rejections_total counts refused calls");
            assertEquals(0.0, inProgress, "calls still in progress " + SETTLE.toSeconds() + " s after the load:\n"
                    + server.logTail());
        } finally {
            core.destroy();
            if (!core.waitFor(10, TimeUnit.SECONDS)) {
                core.destroyForcibly();
            }
        }
    }

    /** The Call-IDs SIPp's {@code <log>} actions wrote as "{@code what} CALL-ID" in that directory's -trace_logs. */
    private static Set<String> logged(Path dir, String what) throws IOException {
        Set<String> callIds = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("_logs.log")).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                    String[] words = line.trim().split("\\s+");
                    if (words.length == 2 && words[0].equals(what)) {
                        callIds.add(words[1]);
                    }
                }
            }
        }
        return callIds;
    }

    private static String scenario(String name) {
        return Repository.root().resolve("loadtest/scenarios").resolve(name).toString();
    }

    private static Process sipp(Path dir, String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sipp"));
        command.addAll(args);
        command.addAll(List.of("-i", "127.0.0.1", "-nostdin", "-trace_err", "-trace_logs", "-buff_size", "4194304",
                "-max_recv_loops", "1000", "-recv_timeout", "10000"));
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }
}
