package kz.btcom.fs.loadtest.functional;

import com.fasterxml.jackson.databind.JsonNode;
import kz.btcom.fs.billing.CallRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 11 from the outside: one call, one bill, when the core sends the call through the server twice. The
 * packaged server runs the README's way behind {@link TwoPassCore}, which routes as an IMS S-CSCF does: the
 * caller's INVITE to the server for the originating services (top Route {@code orig}), the onward INVITE back to the
 * server for the callee's terminating services ({@code P-Served-User: <sip:+7...;user=phone>;sescase=term}), the
 * onward INVITE of that pass to the callee. SIPp plays the caller (uac.xml, to the core) and the callee
 * (core-answer.xml, where the core delivers). Billing is read the two ways an operator reads it: GET /calls and the
 * export command's CSV; the metrics from /metrics.
 *
 * <p>Every test has numbers of its own (Almaty, +7 727 277 76xx), so none depends on another.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TwoPassBillingEndToEndTest {

    /** What a P-CSCF might give the call: TS 24.229's example icid, which is no SIP token. */
    private static final String VECTOR =
            "icid-value=AyretyU0dm+6O2IrT5tAFrbHLso=023551024;icid-generated-at=192.0.6.8;orig-ioi=home1.net";
    private static final String ICID = "AyretyU0dm+6O2IrT5tAFrbHLso=023551024";
    private static final Pattern ICID_VALUE = Pattern.compile("icid-value=([^;]+)");

    @TempDir
    static Path workDir;

    private static ServerProcess server;
    private static TwoPassCore core;
    private static AdminClient operator;
    private static ServerMetrics metrics;
    private static int calleePort;

    @BeforeAll
    static void start() throws Exception {
        Repository.requireBuiltJar();
        Sipp.ensureInstalled();
        int corePort = FreePorts.sip();
        calleePort = FreePorts.sip();
        server = ServerProcess.start(workDir, corePort);
        core = new TwoPassCore(corePort, server.sipPort, calleePort);
        operator = server.admin(ServerProcess.OPERATOR_TOKEN);
        metrics = new ServerMetrics(server.httpPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (core != null) {
            core.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCallBetweenTwoSubscribersHereIsChargedOnceThoughItPassesTwice() throws Exception {
        String a = "77272777601";
        String b = "77272777602";
        Profile.line().provision(operator, a);
        Profile.line().provision(operator, b);
        double answeredBefore = metrics.value("fs_calls_total{outcome=\"answered\"}");
        double passesBefore = metrics.value("fs_terminating_passes_total{outcome=\"answered\"}");

        core.chargingVector(VECTOR);
        int requestsBefore = core.requests().size();
        call(a, b, b);

        // The arriving vector went on unchanged, through both passes, to the callee.
        List<String> passes = onwardInvitesSince(requestsBefore);
        assertEquals(List.of(List.of(VECTOR), List.of(VECTOR)),
                passes.stream().map(invite -> TwoPassCore.header(invite, "P-Charging-Vector")).toList());

        List<JsonNode> ofA = records(a, ICID);
        assertEquals(1, ofA.size(), "one call, one record: " + ofA);
        assertEquals(List.of("+" + a, "+" + a, "+" + b, "local", "1.00"), fields(ofA.get(0)),
                "a second's local call: one started minute, charged to the caller");
        assertEquals(1, records(b, ICID).size(), "B sees the same one record");

        List<CallRecord> exported = exported(ICID);
        assertEquals(1, exported.size(), "one record in the export: " + exported);
        assertEquals("+" + a, exported.get(0).chargedParty());

        assertEquals(1.0, metrics.value("fs_calls_total{outcome=\"answered\"}") - answeredBefore, "one call answered");
        assertEquals(1.0, metrics.value("fs_terminating_passes_total{outcome=\"answered\"}") - passesBefore,
                "and its terminating pass, counted apart");
    }

    @Test
    void aCallWithoutAChargingVectorGetsOneAndBothPassesShareIt() throws Exception {
        String a = "77272777611";
        String b = "77272777612";
        Profile.line().provision(operator, a);
        Profile.line().provision(operator, b);

        core.chargingVector(null);
        int requestsBefore = core.requests().size();
        call(a, b, b);

        List<String> passes = onwardInvitesSince(requestsBefore);
        List<String> vectors = passes.stream()
                .flatMap(invite -> TwoPassCore.header(invite, "P-Charging-Vector").stream()).toList();
        assertEquals(2, vectors.size(), "one vector on each pass's onward INVITE: " + vectors);
        assertEquals(vectors.get(0), vectors.get(1), "the terminating pass passes on what the originating made");
        assertTrue(vectors.get(0).matches("icid-value=[0-9a-f]{32};icid-generated-at=127\\.0\\.0\\.1"),
                vectors.get(0));
        String icid = icidOf(vectors.get(0));

        List<JsonNode> ofA = records(a, icid);
        assertEquals(1, ofA.size(), "one call, one record: " + ofA);
        assertEquals("+" + a, ofA.get(0).path("chargedParty").asText());
        assertEquals(1, exported(icid).size());
    }

    @Test
    void aCallForwardedByItsCalleeChargesTheCallerAndTheForwardingSubscriberOnceEach() throws Exception {
        String a = "77272777621";
        String b = "77272777622";
        String c = "77172555623"; // Astana, elsewhere in the network: national for B, zone 2
        Profile.line().provision(operator, a);
        Profile.line().forwardingUnconditional(c).provision(operator, b);

        core.chargingVector(null);
        int requestsBefore = core.requests().size();
        forwardedCall(a, b, c);

        String icid = icidOf(TwoPassCore.header(onwardInvitesSince(requestsBefore).get(0), "P-Charging-Vector")
                .get(0));
        List<JsonNode> records = records(a, icid);
        assertEquals(List.of(List.of("+" + a, "+" + a, "+" + b, "local", "1.00"),
                        List.of("+" + a, "+" + b, "+" + c, "national", "3.00")),
                records.stream().map(TwoPassBillingEndToEndTest::fields).toList(),
                "A pays A -> B once (a started minute), B pays B -> C once (a started 10 s block of zone 2)");
        List<CallRecord> exported = exported(icid);
        assertEquals(List.of("+" + a, "+" + b), exported.stream().map(CallRecord::chargedParty).sorted().toList(),
                "the export: the same two records, " + exported);
    }

    // ---------------------------------------------------------------- the call and what it left

    /**
     * {@code caller} dials {@code dialled} through the core; the callee side answers, expecting the call to reach
     * {@code reaches}; the caller hangs up after a second. Both SIPp sides must pass, and the server end every pass.
     */
    private void call(String caller, String dialled, String reaches) throws Exception {
        call("uac.xml", caller, dialled, reaches, "-d", "1000");
    }

    /** The same, as a call the callee forwards: the caller hears 181 first, and hangs up after half a second. */
    private void forwardedCall(String caller, String dialled, String reaches) throws Exception {
        call("uac-forwarded.xml", caller, dialled, reaches);
    }

    private void call(String scenario, String caller, String dialled, String reaches, String... options)
            throws Exception {
        Sipp.Result callerResult;
        Sipp.Result calleeResult;
        try (Sipp.Uas callee = Sipp.serve(workDir, "core-answer.xml", calleePort, 1, Duration.ofSeconds(60),
                "callee", reaches)) {
            callerResult = Sipp.call(workDir, scenario, core.port(), "+" + dialled, List.of(options),
                    "caller", caller);
            calleeResult = callee.await(Duration.ofSeconds(20));
        }
        if (!callerResult.passed() || !calleeResult.passed() || !core.problems().isEmpty()) {
            fail("the call failed: caller exit " + callerResult.exitCode() + ", callee exit "
                    + calleeResult.exitCode() + "\n--- caller ---\n" + callerResult.output() + "\n--- callee ---\n"
                    + calleeResult.output() + "\n--- core ---\n" + core + "\n" + String.join("\n", core.requests())
                    + "\n--- server log ---\n" + server.logTail());
        }
        awaitNoCallInProgress();
    }

    /** The INVITEs each pass sent on since the core had {@code before} requests: the originating's, the terminating's. */
    private static List<String> onwardInvitesSince(int before) {
        List<String> since = core.requests().subList(before, core.requests().size());
        List<String> orig = since.stream().filter(core.onwardInvites("orig")::contains).toList();
        List<String> term = since.stream().filter(core.onwardInvites("term")::contains).toList();
        assertEquals(1, orig.size(), "one onward INVITE of the originating pass: " + orig);
        assertEquals(1, term.size(), "one onward INVITE of the terminating pass: " + term);
        return List.of(orig.get(0), term.get(0));
    }

    /** GET /calls of a number: its records of the call with this icid. */
    private static List<JsonNode> records(String number, String icid) throws Exception {
        AdminClient.Reply reply = operator.get("/api/v1/calls?number=%2B" + number);
        assertEquals(200, reply.status(), reply.body().toString());
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode record : reply.body()) {
            if (record.path("icid").asText().equals(icid)) {
                found.add(record);
            }
        }
        return found;
    }

    /** Who called, who pays, who was called, the class and the cost of a record of GET /calls. */
    private static List<String> fields(JsonNode record) {
        return List.of(record.path("caller").asText(), record.path("chargedParty").asText(),
                record.path("called").asText(), record.path("class").asText(), record.path("cost").asText());
    }

    /** The export command's records of the call with this icid (every test exports into a directory of its own). */
    private static List<CallRecord> exported(String icid) throws Exception {
        Path out = Files.createTempDirectory(workDir, "export-");
        return ExportCommand.run(workDir, server.dataDir, out).stream().filter(r -> icid.equals(r.icid())).toList();
    }

    private static String icidOf(String vector) {
        Matcher icid = ICID_VALUE.matcher(vector);
        assertTrue(icid.find(), vector);
        return icid.group(1);
    }

    /**
     * The caller hears the 200 to its BYE from the originating pass, before the terminating pass has its BYE: the
     * call is over for the server (journaled, counted) when no pass of it is in progress.
     */
    private static void awaitNoCallInProgress() throws Exception {
        metrics.await("fs_calls_in_progress", v -> v == 0, Duration.ofSeconds(15), "the call over, both passes");
    }
}
