package kz.btcom.fs.loadtest.functional;

import com.fasterxml.jackson.databind.JsonNode;
import kz.btcom.fs.billing.CallRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static kz.btcom.fs.loadtest.functional.SippExchange.caller;
import static kz.btcom.fs.loadtest.functional.SippExchange.core;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 18 from the outside: two nodes behind Kamailio on one PostgreSQL, started by {@code loadtest/cluster.sh}
 * (README "Several nodes"). Kamailio plays the core's two passes and hashes each on its served user, so a line's
 * calls are served by one node whichever node the other party's pass entered; SIPp plays the callers (to
 * Kamailio) and the callees (behind it). The nodes' metrics show which node served which pass.
 *
 * <p>The kill -9 test runs last: it leaves one node.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterEndToEndTest {

    private static final int NODES = 2;
    /** The forwarding a feature code set through one node is used by the other within this. */
    private static final Duration PROFILE_CHANGE_WITHIN = Duration.ofSeconds(1);
    /** Kamailio takes a killed node out of the rotation within this. */
    private static final Duration NODE_OUT_WITHIN = Duration.ofSeconds(5);
    /** The load the kill -9 happens under, calls/s, and how long each phase lasts. */
    private static final int RATE = 200;
    private static final int LOAD_LINES = 200;
    /** Calls after the failover: each line three times. */
    private static final int AFTER_CALLS = LOAD_LINES * 3;
    /** How soon after the kill no line is held on the surviving node (see the test). */
    private static final Duration LINES_FREE_WITHIN = Duration.ofSeconds(45);

    @TempDir
    static Path workDir;

    private static ClusterProcess cluster;
    private static AdminClient operator;
    private static SippExchange exchange;
    private static final Set<String> used = new HashSet<>();

    @BeforeAll
    static void startCluster() throws Exception {
        Sipp.ensureInstalled();
        cluster = ClusterProcess.start(workDir, NODES, Duration.ofSeconds(300));
        operator = cluster.admin(1, ClusterProcess.OPERATOR_TOKEN);
        exchange = new SippExchange(workDir, cluster.kamailioPort, cluster.calleePort, cluster::logTail);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void callWaitingBusyCallReturnAndMcidWorkAsOnOneNodeWhenTheCallersEnterThroughDifferentNodes() throws Exception {
        String b = line(1, "7727277810");
        String x = line(1, "7727277811");
        String y = line(2, "7727277812");
        String z = line(otherThan(owner(b)), "7727277813");
        String w = line(1, "7727277814");
        Profile.line().callWaiting(true).provision(operator, b);
        for (String number : List.of(x, y, z, w)) {
            Profile.line().provision(operator, number);
        }
        double[] calls = perNode("fs_calls_total");
        double[] terminating = perNode("fs_terminating_passes_total");

        // As CallWaitingEndToEndTest on one node: X talks to B; Y (entering through the other node) waits with
        // the alert and gives up; Z gets 486 from B's node.
        exchange.run(core("core-call-waiting.xml", "callee", b).calls(2),
                caller("uac.xml", "+" + b, "caller", x).options("-d", "6000"),
                caller("uac-cancel.xml", "+" + b, "caller", y).options("-d", "3000").at(1500),
                caller("uac-busy.xml", "+" + b, "caller", z).at(3000));

        // Each node counts a pass when it is over: awaited, not read once.
        awaitCount(owner(b), "fs_terminating_passes_total", terminating[owner(b) - 1] + 3,
                "B's node served all three of B's terminating passes");
        double[] callsAfter = perNode("fs_calls_total");
        assertTrue(callsAfter[0] - calls[0] >= 1 && callsAfter[1] - calls[1] >= 1,
                "the callers' passes entered through both nodes: " + delta(calls, callsAfter));
        assertEquals(terminating[otherThan(owner(b)) - 1],
                cluster.metric(otherThan(owner(b)), "fs_terminating_passes_total"), "the other node served none");

        // Z was B's last caller (it found B busy): B's *69# reaches Z, through Z's node for Z's terminating pass.
        exchange.run(core("core-call-back.xml", "callee", z, "caller", b).calls(1),
                caller("uac-answered.xml", "*69%23", "caller", b));

        // And B is free again: the next call rings as a first call, not waiting, not busy.
        exchange.run(core("core-call-waiting.xml", "callee", b).calls(1),
                caller("uac-answered.xml", "+" + b, "caller", w));
        // B flags that last call (W's) with *39# through B's node. The record is in the shared database: a
        // technician reads it through the other node, and that read is in the trace audit B's node shows.
        try (RtpReceiver rtp = new RtpReceiver()) {
            exchange.run(core("core-no-call.xml"),
                    caller("feature-code.xml", "*39%23", "caller", b, "rtp_port", String.valueOf(rtp.port())));
        }
        AdminClient otherTechnician = cluster.admin(otherThan(owner(b)), ClusterProcess.TECHNICIAN_TOKEN);
        String records = "/api/v1/traces/malicious?victim=%2B" + b;
        JsonNode flagged = awaitOneRecord(otherTechnician, records);
        assertEquals("+" + w, flagged.path("callerNumber").asText(), flagged.toString());
        AdminClient.Reply audit = cluster.admin(owner(b), ClusterProcess.TECHNICIAN_TOKEN).get("/api/v1/traces/audit");
        assertEquals(200, audit.status(), audit.body().toString());
        assertTrue(audit.body().toString().contains("/traces/malicious"),
                "the other node's read is in the audit: " + audit.body());
    }

    private static JsonNode awaitOneRecord(AdminClient technician, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        AdminClient.Reply reply = technician.get(path);
        while (!(reply.body().isArray() && reply.body().size() == 1) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            reply = technician.get(path);
        }
        assertEquals(200, reply.status(), reply.body().toString());
        assertTrue(reply.body().isArray() && reply.body().size() == 1, "one record, got " + reply.body());
        return reply.body().get(0);
    }

    @Test
    @Order(2)
    void aForwardingSetByFeatureCodeThroughOneNodeIsUsedByTheOtherForTheNextCall() throws Exception {
        String b = line(2, "7727277820");
        String x = line(1, "7727277821");
        String c = line(1, "7727277822");
        int bsNode = owner(b);
        int otherNode = otherThan(bsNode);
        Profile.line().provision(operator, b);
        Profile.line().provision(operator, x);

        // A first call to B: B's node has B's profile (no forwarding) in its cache.
        double terminating = cluster.metric(bsNode, "fs_terminating_passes_total");
        exchange.run(core("core-answer.xml", "callee", b).calls(1), caller("uac-answered.xml", "+" + b, "caller", x));
        awaitCount(bsNode, "fs_terminating_passes_total", terminating + 1,
                "node " + bsNode + " serves B's terminating pass");

        // B dials *21*C# and the call enters through the other node (sent to it directly, as when B's share was
        // there a moment ago). Once the database has it, the next call to B goes through B's node.
        AdminClient otherOperator = cluster.admin(otherNode, ClusterProcess.OPERATOR_TOKEN);
        try (RtpReceiver rtp = new RtpReceiver()) {
            CompletableFuture<Sipp.Result> code = CompletableFuture.supplyAsync(() -> {
                try {
                    return Sipp.call(workDir, "feature-code.xml", cluster.node(otherNode).sipPort(),
                            "*21*" + c.substring(4) + "%23", "caller", b, "rtp_port", String.valueOf(rtp.port()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long written = awaitForwarding(otherOperator, b, "+" + c);
            long placed = System.nanoTime();
            exchange.run(core("core-forwarded.xml", "served", b, "target", c, "reason", "unconditional",
                    "cause", "302").calls(1), caller("uac-forwarded.xml", "+" + b, "caller", x));
            assertTrue(placed - written < PROFILE_CHANGE_WITHIN.toNanos(), "the call was placed "
                    + (placed - written) / 1_000_000 + " ms after the change was in the database");
            Sipp.Result result = code.get(40, TimeUnit.SECONDS);
            assertTrue(result.passed(), "*21*C# through node " + otherNode + ":\n" + result.output());
        }
        awaitCount(bsNode, "fs_terminating_passes_total", terminating + 2,
                "node " + bsNode + " forwarded B's call: it had the change made through node " + otherNode);
    }

    @Test
    @Order(3)
    void aCaptureStartedThroughTheOtherNodeHoldsTheCallAsBsNodeSawIt() throws Exception {
        DebianPackage.ensureInstalled("tshark", "tshark");
        String b = line(1, "7727277830");
        String x = line(owner(b), "7727277831");
        int bsNode = owner(b);
        int otherNode = otherThan(bsNode);
        Profile.line().provision(operator, b);
        Profile.line().provision(operator, x);

        // The technician asks the node that serves none of B's calls; X is on B's node too, so every message of
        // the call passes B's node alone.
        AdminClient technician = cluster.admin(otherNode, ClusterProcess.TECHNICIAN_TOKEN);
        AdminClient.Reply started = technician.post("/api/v1/traces/sip", "{\"number\": \"+" + b
                + "\", \"seconds\": 60}");
        assertEquals(201, started.status(), started.toString());
        String id = started.body().get("id").textValue();
        awaitCaptureRunningEverywhere(id);

        exchange.run(core("core-answer.xml", "callee", b).calls(1), caller("uac-answered.xml", "+" + b, "caller", x));

        int bsPort = cluster.node(bsNode).sipPort();
        List<String> rows = awaitCapturedUntilBye(technician, id);
        Set<String> messages = new HashSet<>();
        for (String row : rows) {
            String[] fields = row.split("\\|", -1);
            messages.add(fields[0].isEmpty() ? fields[1] + " " + fields[2] : fields[0]);
            assertTrue(fields[3].equals(String.valueOf(bsPort)) || fields[4].equals(String.valueOf(bsPort)),
                    "every message passed B's node (port " + bsPort + "): " + row);
        }
        assertTrue(messages.containsAll(List.of("INVITE", "200 INVITE", "BYE")),
                "the call's INVITE, 200 and BYE as node " + bsNode + " saw them, downloaded through node "
                        + otherNode + ":\n" + String.join("\n", rows));
    }

    /** Both nodes list the capture as running: the other node joined it (by NOTIFY, within a second). */
    private static void awaitCaptureRunningEverywhere(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (int node = 1; node <= NODES; node++) {
            AdminClient technician = cluster.admin(node, ClusterProcess.TECHNICIAN_TOKEN);
            AdminClient.Reply list = technician.get("/api/v1/traces/sip");
            while (!list.body().toString().contains(id) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                list = technician.get("/api/v1/traces/sip");
            }
            assertTrue(list.body().toString().contains(id), "node " + node + " lists the capture: " + list);
        }
    }

    /** The capture's SIP messages as tshark reads them, once the BYE is in (each node shares every 250 ms). */
    private static List<String> awaitCapturedUntilBye(AdminClient technician, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Path file = workDir.resolve("cluster-capture.pcap");
        while (true) {
            HttpResponse<byte[]> pcap = technician.download("/api/v1/traces/sip/" + id);
            assertEquals(200, pcap.statusCode());
            Files.write(file, pcap.body());
            List<String> rows = Tshark.read(workDir, file, "-Y", "sip", "-T", "fields", "-E", "separator=|", "-e", "sip.Method",
                    "-e", "sip.Status-Code", "-e", "sip.CSeq.method", "-e", "udp.srcport", "-e", "udp.dstport");
            if (rows.stream().anyMatch(row -> row.startsWith("BYE|")) || System.nanoTime() > deadline) {
                return rows;
            }
            Thread.sleep(200);
        }
    }

    /**
     * In the suite since 2026-12-07 (about 60 s). Under a CPU-heavy neighbour it once failed (2026-12-06): a line
     * was called again, every 2 s, before its previous call's BYE was through (now every 4 s), and Kamailio's workers
     * relayed a 180 behind its 200 (one worker would keep the order, but then the dispatcher's down event did not
     * come: README, "Several nodes"). {@code -Dcluster.killTest=false} leaves it out.
     */
    @Test
    @Order(4)
    @DisabledIfSystemProperty(named = "cluster.killTest", matches = "false")
    void aNodeKilledUnderLoadIsTakenOutItsLinesMoveAndEveryReleasedCallIsExportedOnce() throws Exception {
        // Lines without call waiting: a line left busy by the dead node would refuse its next call with 486.
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LOAD_LINES; i++) {
            lines.add(String.format("7727279%04d", i));
        }
        provisionAll(lines);
        Path logs = Files.createDirectories(workDir.resolve("load"));
        Path warmUp = injection(logs.resolve("warm-up.csv"), "7717290", lines, 400);
        Path during = injection(logs.resolve("during.csv"), "7717291", lines, RATE * 6);
        Path after = injection(logs.resolve("after.csv"), "7717292", lines, AFTER_CALLS);

        long killedAt;
        SippLoad phaseA;
        SippLoad phaseB;
        // Ringing 20 ms: Kamailio's workers relayed a 180 and a 200 sent back to back in the other order now and
        // then (1 call in 1,000), and the caller that got the 180 last failed its call and left its line busy.
        try (Sipp.Uas callees = Sipp.serve(workDir, "uas.xml", cluster.calleePort, 1_000_000,
                Duration.ofSeconds(100), Duration.ofMillis(20))) {
            // The JIT of both nodes warms at a quarter of the rate first.
            SippLoad warm = SippLoad.start(logs, "warm-up", cluster.kamailioPort, warmUp, 400, RATE / 4);
            warm.await(Duration.ofSeconds(40));

            phaseA = SippLoad.start(logs, "during", cluster.kamailioPort, during, RATE * 6, RATE);
            Thread.sleep(2500); // the load is running: about 500 calls in, some in progress on each node
            killedAt = System.currentTimeMillis();
            cluster.kill(2);
            phaseA.await(Duration.ofSeconds(50));

            long outAt = awaitNodeDown(cluster.node(2).sipPort(), killedAt);
            assertTrue(outAt - killedAt <= NODE_OUT_WITHIN.toMillis(), "Kamailio took node 2 out "
                    + (outAt - killedAt) + " ms after the kill -9, more than " + NODE_OUT_WITHIN);

            // Half-calls whose other half was on node 2 hold lines on node 1 until they end: an answered one by
            // the dialog keep-alive (every 10 s in the test cluster), one whose 200 node 2 never acknowledged when
            // the transaction gives up on the ACK (32 s). Then no line is left busy...
            long freeAfter = awaitMetric(1, "fs_subscribers_in_calls", LINES_FREE_WITHIN) - killedAt;
            System.out.printf("cluster kill -9: every line free on node 1 %d ms after the kill%n", freeAfter);

            // ... and new calls, on every line (node 2's share included, now node 1's), all succeed: none is
            // refused as busy, none goes to the dead node. At a quarter of the rate: one node on a shared 2-core
            // machine beside Kamailio, PostgreSQL and SIPp sheds a few calls with 503 at 200 calls/s (overload, by
            // design), and each line is called every 4 s, long after its previous call is through even on a loaded
            // machine (at every 2 s a slow BYE left a line busy for its next call now and then).
            phaseB = SippLoad.start(logs, "after", cluster.kamailioPort, after, AFTER_CALLS, RATE / 4);
            phaseB.await(Duration.ofSeconds(50));
            assertEquals(0, phaseB.exitCode(), "calls after the failover failed:\n" + phaseB.summary()
                    + "\n" + cluster.logTail());
        }
        awaitMetric(1, "fs_subscribers_in_calls", Duration.ofSeconds(20));
        awaitMetric(1, "fs_calls_in_progress", Duration.ofSeconds(40));

        // The merged export of both nodes holds every released call once.
        List<CallRecord> merged = new ArrayList<>();
        for (ClusterProcess.Node node : cluster.nodes()) {
            merged.addAll(ExportCommand.run(workDir, node.dataDir(),
                    Files.createDirectories(workDir.resolve("export-" + node.index()))));
        }
        // The calls' records: the fees of the feature codes the tests before dialled share their calls' Call-IDs.
        Map<String, Long> count = merged.stream().filter(r -> !r.isFee()).collect(
                Collectors.groupingBy(CallRecord::callId, Collectors.counting()));
        Set<String> released = new HashSet<>(phaseA.released());
        released.addAll(phaseB.released());
        assertTrue(phaseA.released().size() > RATE * 2, "the load ran: " + phaseA.released().size()
                + " calls released around the kill");
        List<String> missing = released.stream().filter(id -> !count.containsKey(id)).sorted().toList();
        List<String> twice = count.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .sorted().toList();
        assertEquals(List.of(), missing, "released calls missing from the merged export, of " + released.size());
        assertEquals(List.of(), twice, "calls exported more than once");
        System.out.printf("cluster kill -9: node 2 out %d ms after the kill; %d calls released around it "
                        + "(of %d offered at %d/s), %d after it (at a quarter of the rate) with none failed; %d records "
                        + "merged%n",
                cluster.nodeDownAt(cluster.node(2).sipPort()).orElseThrow() - killedAt, phaseA.released().size(),
                RATE * 6, RATE, phaseB.released().size(), merged.size());
    }

    /** A number starting with {@code prefix} (one more digit) whose passes Kamailio sends to {@code node}. */
    private static String line(int node, String prefix) {
        for (int digit = 0; digit <= 9; digit++) {
            String number = prefix + digit;
            if (owner(number) == node && used.add(number)) {
                return number;
            }
        }
        throw new IllegalStateException("no number " + prefix + "N on node " + node);
    }

    private static int owner(String number) {
        return DispatcherHash.owner(number, NODES);
    }

    private static int otherThan(int node) {
        return node == 1 ? 2 : 1;
    }

    private static double[] perNode(String metric) throws IOException, InterruptedException {
        return new double[] {cluster.metric(1, metric), cluster.metric(2, metric)};
    }

    private static String delta(double[] before, double[] after) {
        return "node 1 +" + (after[0] - before[0]) + ", node 2 +" + (after[1] - before[1]);
    }

    /** Polls the profile (the database, through that node's API) until the forwarding is there; when it was. */
    private static long awaitForwarding(AdminClient api, String number, String target) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode profile = api.get("/api/v1/subscribers/+" + number).body();
            if (target.equals(profile.path("services").path("forwarding").path("unconditional").asText())) {
                return System.nanoTime();
            }
            Thread.sleep(20);
        }
        fail("the feature code's forwarding of +" + number + " never reached the database\n" + cluster.logTail());
        return 0;
    }

    private static long awaitNodeDown(int sipPort, long killedAt) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            var down = cluster.nodeDownAt(sipPort);
            if (down.isPresent() && down.get() >= killedAt - 1000) {
                return down.get();
            }
            Thread.sleep(100);
        }
        fail("Kamailio never took node 2 out\n" + cluster.logTail());
        return 0;
    }

    private static void awaitCount(int node, String metric, double expected, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        double value = cluster.metric(node, metric);
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = cluster.metric(node, metric);
        }
        assertEquals(expected, value, what + ": " + metric + " on node " + node);
    }

    /** Polls until the metric is 0; returns when it was (epoch milliseconds). */
    private static long awaitMetric(int node, String metric, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        double value = -1;
        while (System.nanoTime() < deadline) {
            value = cluster.metric(node, metric);
            if (value == 0) {
                return System.currentTimeMillis();
            }
            Thread.sleep(200);
        }
        fail(metric + " on node " + node + " is still " + value + " after " + within + "\n" + cluster.logTail());
        return 0;
    }

    private static void provisionAll(List<String> numbers) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> puts = new ArrayList<>();
            for (String number : numbers) {
                puts.add(CompletableFuture.runAsync(() -> {
                    try {
                        Profile.line().provision(operator, number);
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }, threads));
            }
            CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
    }

    /** SIPp's injection file: callers of their own (not lines here), each calling the lines in turn. */
    private static Path injection(Path file, String callerPrefix, List<String> lines, int calls) throws IOException {
        StringBuilder text = new StringBuilder("SEQUENTIAL\n");
        for (int i = 0; i < calls; i++) {
            text.append(callerPrefix).append(String.format("%04d", i)).append(";+")
                    .append(lines.get(i % lines.size())).append(";\n");
        }
        return Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }

    /** A SIPp caller running uac-lines.xml at a rate, logging every call the server released. */
    private record SippLoad(String name, Path dir, Process process) {

        static SippLoad start(Path dir, String name, int port, Path injection, int calls, int rate)
                throws IOException {
            Process process = new ProcessBuilder("sipp", "127.0.0.1:" + port,
                    "-sf", Repository.root().resolve("loadtest/scenarios/uac-lines.xml").toString(),
                    "-inf", injection.toString(), "-i", "127.0.0.1", "-p", String.valueOf(FreePorts.sip()),
                    "-m", String.valueOf(calls), "-r", String.valueOf(rate), "-d", "0",
                    "-recv_timeout", "4000", "-timeout", "60s", "-timeout_error", "-nostdin",
                    "-trace_logs", "-log_file", dir.resolve(name + "-released.log").toString(),
                    "-trace_err", "-error_file", dir.resolve(name + "-errors.log").toString())
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".out").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return new SippLoad(name, dir, process);
        }

        void await(Duration within) throws InterruptedException {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                fail("SIPp's " + name + " load did not end within " + within);
            }
        }

        int exitCode() {
            return process.exitValue();
        }

        Set<String> released() throws IOException {
            Path log = dir.resolve(name + "-released.log");
            if (!Files.exists(log)) {
                return Set.of();
            }
            return Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                    .filter(line -> line.startsWith("released "))
                    .map(line -> line.substring("released ".length()).strip())
                    .collect(Collectors.toSet());
        }

        String summary() throws IOException {
            Path errors = dir.resolve(name + "-errors.log");
            String text = Files.exists(errors) ? Files.readString(errors, StandardCharsets.ISO_8859_1) : "";
            return text.substring(0, Math.min(text.length(), 4000));
        }
    }
}
