package kz.btcom.fs.loadtest.functional;

import kz.btcom.fs.billing.CallRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5 from the outside: calls through the packaged server land in its Chronicle journal; the export command
 * (`java -jar feature-server.jar export`) turns them into exactly one rated CSV record each, priced by the shipped
 * config/tariffs.yaml; and a server killed with kill -9 in the middle of a load run loses no release it had
 * answered for.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BillingEndToEndTest {

    private static final String CALLER = "77272777888";

    @TempDir
    Path workDir;

    @BeforeAll
    static void sipp() throws Exception {
        Repository.requireBuiltJar();
        Sipp.ensureInstalled();
    }

    /** One call from CALLER, held a second when answered; asserts SIPp passed. */
    private void call(ServerProcess server, String dialled) throws Exception {
        Sipp.Result result = Sipp.call(workDir, "uac.xml", server.sipPort, dialled, List.of("-d", "1000"),
                "caller", CALLER);
        assertTrue(result.passed(), "SIPp failed calling " + dialled + ":\n" + result.output() + "\n--- server log ---\n"
                + server.logTail());
    }

    /** One call the callee refuses with 486; asserts SIPp saw the 486. */
    private void callBusy(ServerProcess server, String dialled) throws Exception {
        Sipp.Result result = Sipp.call(workDir, "uac-busy.xml", server.sipPort, dialled, List.of(), "caller", CALLER);
        assertTrue(result.passed(), "SIPp failed calling " + dialled + ":\n" + result.output());
    }

    /** The export command, one pass over the journal; returns every record it has written so far. */
    private List<CallRecord> export(Path dataDir, Path out) throws Exception {
        return ExportCommand.run(workDir, dataDir, out);
    }

    @Test
    void everyCallIsExportedOnceRatedAsTheTariffsSay() throws Exception {
        Path out = Files.createDirectories(workDir.resolve("export"));
        int corePort = FreePorts.sip();
        Map<String, String> expectedCost = new HashMap<>();
        try (ServerProcess server = ServerProcess.start(workDir, corePort)) {
            try (Sipp.Uas core = Sipp.serve(workDir, "uas.xml", corePort, 7, Duration.ofSeconds(90))) {
                call(server, "2345678");         // local: per started minute, 1.00
                call(server, "2345679");
                call(server, "87172555111");     // national, Almaty -> Astana: zone 2, 3.00 per started 10 s
                call(server, "87172555112");
                call(server, "87011234567");     // mobile: 3.50 per started 10 s
                call(server, "+493012345678");   // Germany: 75.00 per started minute
                call(server, "+493012345679");
                assertTrue(core.stop(Duration.ofSeconds(20)).passed());
            }
            try (Sipp.Uas busy = Sipp.serve(workDir, "uas-busy.xml", corePort, 2, Duration.ofSeconds(60))) {
                callBusy(server, "87172555113"); // unanswered: 486 from the callee
                callBusy(server, "87172555114");
                busy.stop(Duration.ofSeconds(20));
            }
        }
        expectedCost.put("+77272345678", "1.00");
        expectedCost.put("+77272345679", "1.00");
        expectedCost.put("+77172555111", "3.00");
        expectedCost.put("+77172555112", "3.00");
        expectedCost.put("+77011234567", "3.50");
        expectedCost.put("+493012345678", "75.00");
        expectedCost.put("+493012345679", "75.00");
        expectedCost.put("+77172555113", "0.00");
        expectedCost.put("+77172555114", "0.00");

        List<CallRecord> records = export(workDir.resolve("data"), out);

        assertEquals(9, records.size(), "one record per call: " + records);
        assertEquals(9, records.stream().map(CallRecord::callId).distinct().count(), "no call twice");
        assertEquals(9, records.stream().map(CallRecord::icid).filter(java.util.Objects::nonNull).distinct().count(),
                "each call came without a P-Charging-Vector and got an icid of its own");
        for (CallRecord record : records) {
            assertEquals("+" + CALLER, record.chargedParty());
            assertEquals(expectedCost.get(record.called()), record.cost().toPlainString(), record.toString());
            boolean answered = !record.called().endsWith("113") && !record.called().endsWith("114");
            assertEquals(answered, record.isAnswered(), "answered and unanswered marked: " + record);
        }
        assertEquals(Set.of(60L, 10L, 0L), records.stream().map(CallRecord::billedSeconds).collect(Collectors.toSet()),
                "a second's call: one started minute (local, international), one 10 s block (national, mobile)");
        assertEquals("9.00", records.stream().filter(r -> r.called().equals("+493012345678")).findFirst()
                .orElseThrow().vat().toPlainString(), "VAT 12 % of 75.00");

        // And again: the export resumes where it stopped, so a second pass adds nothing.
        assertEquals(9, export(workDir.resolve("data"), out).size());
    }

    @Test
    void aServerKilledWithKill9LosesNoReleaseItHadAnsweredFor() throws Exception {
        int corePort = FreePorts.sip();
        Path logs = Files.createDirectories(workDir.resolve("caller-logs"));
        Set<String> released;
        try (Sipp.Uas core = Sipp.serve(workDir, "uas.xml", corePort, 100_000, Duration.ofSeconds(120))) {
            ServerProcess server = ServerProcess.start(workDir, corePort);
            Process caller = new ProcessBuilder("sipp", "127.0.0.1:" + server.sipPort,
                    "-sf", Repository.root().resolve("loadtest/scenarios/uac.xml").toString(), "-s", "87172555111",
                    "-set", "caller", CALLER, "-i", "127.0.0.1", "-p", String.valueOf(FreePorts.sip()),
                    "-r", "100", "-m", "2000", "-timeout", "60s", "-nostdin",
                    "-trace_logs", "-log_file", logs.resolve("released.log").toString())
                    .directory(logs.toFile()).redirectErrorStream(true)
                    .redirectOutput(logs.resolve("sipp.out").toFile()).start();
            Thread.sleep(6000); // some hundreds of calls in, some in progress
            server.kill();
            caller.destroy();
            caller.waitFor(10, TimeUnit.SECONDS);
            caller.destroyForcibly();
            released = Files.readAllLines(logs.resolve("released.log"), StandardCharsets.ISO_8859_1).stream()
                    .filter(line -> line.startsWith("released "))
                    .map(line -> line.substring("released ".length()).strip())
                    .collect(Collectors.toSet());
            assertTrue(released.size() > 100, "the load ran before the kill: " + released.size() + " calls released");

            // Restarted on the same data: it starts, takes calls again, and the journal goes on.
            try (ServerProcess restarted = ServerProcess.start(workDir, corePort)) {
                call(restarted, "87172555119");
            }
        }

        Set<String> journaled = export(workDir.resolve("data"), Files.createDirectories(workDir.resolve("export")))
                .stream().map(CallRecord::callId).collect(Collectors.toSet());

        List<String> lost = released.stream().filter(id -> !journaled.contains(id)).sorted().toList();
        assertEquals(List.of(), lost, "releases missing from the journal, of " + released.size() + " released");
    }
}
