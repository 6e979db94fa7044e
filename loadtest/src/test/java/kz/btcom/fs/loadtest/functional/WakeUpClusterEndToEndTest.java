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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 14's "several nodes on one PostgreSQL" from the outside, on the real clock: two packaged nodes
 * ({@code loadtest/cluster.sh --core}, no Kamailio) share one database and send their calls to one SIPp UAS as the
 * core. A hundred lines booked through either node's API for the same minute give exactly a hundred wake-up calls
 * at the core, each line once, whichever node makes each: the claim in the database lets one node have each
 * booking. "No 101st" is counted after the event that ends every chance of one: every booking gone from the database
 * (so nothing is claimed or waiting) and every call at the core over.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WakeUpClusterEndToEndTest {

    private static final int NODES = 2;
    private static final int LINES = 100;

    @TempDir
    static Path workDir;
    private static ClusterProcess cluster;
    private static int corePort;
    private static List<AdminClient> nodes;

    @BeforeAll
    static void startTwoNodesOnOneDatabase() throws Exception {
        Sipp.ensureInstalled();
        corePort = FreePorts.sipOutsideEphemeralRange();
        cluster = ClusterProcess.startWithCore(workDir, NODES, Duration.ofSeconds(280), corePort, """
                wakeUp:
                  announceSeconds: 2
                """);
        nodes = List.of(cluster.admin(1, ClusterProcess.OPERATOR_TOKEN),
                cluster.admin(2, ClusterProcess.OPERATOR_TOKEN));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aHundredBookingsForOneMinuteOnTwoNodesGiveExactlyAHundredCallsAtTheCore() throws Exception {
        List<String> lines = WakeUps.lines("7727279", LINES);
        WakeUps.provision(nodes, lines);

        // Room for more calls than booked: a 101st would be answered and logged, not turned away.
        try (Sipp.Uas core = Sipp.serve(workDir, "uas.xml", corePort, LINES * 10, Duration.ofSeconds(200))) {
            WakeUps.Minute minute = WakeUps.comingMinute(Duration.ofSeconds(10));
            WakeUps.book(nodes, lines, minute);

            awaitNoBookingLeft(lines, minute.starts().plusSeconds(90));
            Sipp.Result coreResult = core.stop(Duration.ofSeconds(30)); // the calls in progress end first

            List<SippMessageLog.Message> wakeUpCalls = SippMessageLog.invitesFrom(core.messages(),
                    WakeUps.CALLER_NUMBER);
            Map<Integer, List<JournalEvent.WakeUpCall>> answeredByNode = new TreeMap<>();
            for (ClusterProcess.Node node : cluster.nodes()) {
                answeredByNode.put(node.index(), answeredWakeUpCalls(node));
            }
            List<String> journaled = answeredByNode.values().stream().flatMap(List::stream)
                    .map(call -> call.subscriber().substring(1)).toList();
            List<Instant> arrivals = wakeUpCalls.stream().map(SippMessageLog.Message::at).toList();
            System.out.printf("wake-up calls on two nodes: %d at the core, answered per node %s, from %s to %s after"
                            + " the minute%n", wakeUpCalls.size(),
                    answeredByNode.entrySet().stream().map(e -> "node " + e.getKey() + ": " + e.getValue().size())
                            .toList(),
                    arrivals.isEmpty() ? "-" : Duration.between(minute.starts(), arrivals.get(0)),
                    arrivals.isEmpty() ? "-" : Duration.between(minute.starts(), arrivals.get(arrivals.size() - 1)));

            assertAll(
                    () -> assertEquals(WakeUps.sorted(lines), WakeUps.sorted(WakeUps.calledLines(wakeUpCalls)),
                            "exactly one call per booked line at the core\n" + cluster.logTail()),
                    () -> assertEquals(WakeUps.sorted(lines), WakeUps.sorted(journaled),
                            "both journals together: one answered wake-up call per line"),
                    () -> assertTrue(arrivals.stream().noneMatch(at -> at.isBefore(minute.starts())),
                            "none before the minute " + minute.starts() + ": " + arrivals),
                    () -> assertTrue(coreResult.passed(), "the core's side\n" + WakeUps.head(coreResult.output())));
            for (AdminClient node : nodes) {
                for (String line : lines) {
                    assertEquals(List.of(), WakeUps.bookings(node, line), "nothing left for " + line);
                }
            }
        }
    }

    /** Waits until no line has a booking left, as the nodes' API reads the database (asking each in turn). */
    private static void awaitNoBookingLeft(List<String> lines, Instant deadline) throws Exception {
        List<String> left = new ArrayList<>(lines);
        int ask = 0;
        while (!left.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                fail(left.size() + " lines still booked at " + deadline + ": " + left + "\n" + cluster.logTail());
            }
            AdminClient node = nodes.get(ask++ % nodes.size());
            left.removeIf(line -> {
                try {
                    return WakeUps.bookings(node, line).isEmpty();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
        }
    }

    private static List<JournalEvent.WakeUpCall> answeredWakeUpCalls(ClusterProcess.Node node) throws Exception {
        List<JournalEvent.WakeUpCall> calls = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(node.dataDir())) {
            reader.toStart().forEachRemaining(entry -> {
                if (entry.event() instanceof JournalEvent.WakeUpCall call
                        && call.outcome() == JournalEvent.WakeUpOutcome.ANSWERED) {
                    calls.add(call);
                }
            });
        }
        return calls;
    }
}
