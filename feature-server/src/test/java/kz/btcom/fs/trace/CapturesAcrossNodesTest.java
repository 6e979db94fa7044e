package kz.btcom.fs.trace;

import kz.btcom.fs.access.Principal;
import kz.btcom.fs.access.Role;
import kz.btcom.fs.call.CapturedSipMessage;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.subscriber.NotificationListener;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.subscriber.SubscriberStores;
import kz.btcom.fs.testing.LocalPostgres;
import kz.btcom.fs.testing.PostgresServer;
import kz.btcom.fs.time.FakeClock;
import kz.btcom.fs.time.FakeScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static kz.btcom.fs.trace.SipTexts.CORE;
import static kz.btcom.fs.trace.SipTexts.invite;
import static kz.btcom.fs.trace.SipTexts.tel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two nodes' captures on one PostgreSQL, each node with its own directory and pool, time on one fake clock: a
 * capture started through either node takes the number's calls on both, a download through either has both nodes'
 * messages, and the limits are the cluster's.
 */
@ExtendWith(LocalPostgres.class)
class CapturesAcrossNodesTest {

    private static final String TRACED = "+77272345678";
    private static final String CALLER = "+77272777000";
    private static final Principal TECHNICIAN = new Principal("5ab0c1d2", Role.TECHNICIAN);
    private static final InetSocketAddress NODE1 = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress NODE2 = new InetSocketAddress("127.0.0.2", 5060);
    /** For what another thread does (the writer, the listener): awaited, never slept on. */
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private final FakeClock clock = FakeClock.at("2026-11-25T08:00:00Z");
    private final FakeScheduler scheduler = new FakeScheduler(clock);
    private final List<AutoCloseable> opened = new ArrayList<>();
    private StoreSettings settings;

    @BeforeEach
    void database(PostgresServer postgres) {
        settings = StoreSettings.defaults().withDatabase(postgres.createDatabase(), PostgresServer.USER, "");
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private SipTraces node(String name, TraceLimits limits) throws Exception {
        Database database = SubscriberStores.openDatabase(settings, dataDir.resolve(name));
        opened.add(database);
        SipTraces traces = SipTraces.open(dataDir.resolve(name), NumberingPlan.builtIn(), clock, scheduler, limits,
                new SharedCaptures(database, name));
        opened.add(traces);
        return traces;
    }

    private SipTraces node(String name) throws Exception {
        return node(name, TraceLimits.DEFAULTS);
    }

    /** An initial INVITE to the traced number as a node received it. */
    private CapturedSipMessage inviteTo(InetSocketAddress node, String callId) {
        CapturedSipMessage invite = invite(callId, tel(CALLER), tel(TRACED));
        return new CapturedSipMessage(clock.instant(), "udp", CORE, node, callId, true, invite.parties(),
                invite.bytes());
    }

    /** The SIP texts of a download, in the file's order. */
    private static List<String> requestLines(SipTraces node, String id) throws Exception {
        return PcapReader.read(node.contents(id).orElseThrow()).packets().stream()
                .map(packet -> packet.text().lines().findFirst().orElse("") + " to " + packet.destination())
                .toList();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail(what + " within " + WITHIN.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    /** Node 2 reads the captures again (what the notification or the periodic re-read does), and joins. */
    private static void told(SipTraces node) throws InterruptedException {
        node.sharedCapturesChanged();
        await(node::active, "the node takes part");
    }

    @Test
    void startedOnNodeOneTakenOnNodeTwoDownloadedThroughNodeOne() throws Exception {
        SipTraces node1 = node("node-1");
        SipTraces node2 = node("node-2");
        assertFalse(node2.active(), "nothing running: the tap stays one volatile read");

        CaptureInfo capture = node1.start(TRACED, 60, TECHNICIAN);
        told(node2);
        node1.onMessage(inviteTo(NODE1, "first@core"));
        clock.advance(Duration.ofMillis(10));
        node2.onMessage(inviteTo(NODE2, "second@core"));
        clock.advance(Duration.ofMillis(10));
        node1.onMessage(inviteTo(NODE1, "third@core"));
        scheduler.advance(Duration.ofMillis(SipTraces.SHARE_MILLIS));

        List<String> expected = List.of("INVITE tel:" + TRACED + " SIP/2.0 to " + NODE1,
                "INVITE tel:" + TRACED + " SIP/2.0 to " + NODE2, "INVITE tel:" + TRACED + " SIP/2.0 to " + NODE1);
        await(() -> readable(node1, capture.id()).equals(expected), "node 2's message in node 1's download, in time "
                + "order; it holds " + readable(node1, capture.id()));
        assertEquals(expected, requestLines(node2, capture.id()), "the same through node 2");
        assertEquals(3, node2.find(capture.id()).orElseThrow().messages(), "counted over both nodes");
        assertEquals(List.of(capture.id()), node2.list().stream().map(CaptureInfo::id).toList());
    }

    @Test
    void aNodeStartedWhileACaptureRunsJoinsItAndWhatAStoppedNodeTookStays() throws Exception {
        SipTraces node1 = node("node-1");
        CaptureInfo capture = node1.start(TRACED, 60, TECHNICIAN);
        clock.advance(Duration.ofSeconds(10));

        SipTraces node2 = node("node-2");
        assertTrue(node2.active(), "joined when it opened");
        node2.onMessage(inviteTo(NODE2, "on-node-2@core"));
        node2.close();

        assertEquals(List.of("INVITE tel:" + TRACED + " SIP/2.0 to " + NODE2), requestLines(node1, capture.id()));
        scheduler.advance(Duration.ofSeconds(50));
        assertFalse(node1.active(), "ended after its seconds");
        assertEquals(1, node1.find(capture.id()).orElseThrow().messages());
    }

    @Test
    void noMoreCapturesRunInTheClusterThanTheLimit() throws Exception {
        TraceLimits two = new TraceLimits(2, TraceLimits.DEFAULTS.maxBytesPerCapture(), 64);
        SipTraces node1 = node("node-1", two);
        SipTraces node2 = node("node-2", two);

        node1.start(TRACED, 60, TECHNICIAN);
        node2.start(CALLER, 60, TECHNICIAN);

        assertThrows(CapturesBusyException.class, () -> node1.start("+77272999999", 60, TECHNICIAN));
        assertThrows(CapturesBusyException.class, () -> node2.start("+77272999999", 60, TECHNICIAN));
        scheduler.advance(Duration.ofSeconds(60));
        node2.start("+77272999999", 60, TECHNICIAN);
    }

    @Test
    void aCapturesBytesAreBoundedOverAllNodesTogether() throws Exception {
        long oneInvite = new PcapWriter().records(clock.instant(), false, CORE, NODE1,
                inviteTo(NODE1, "call-0@core").bytes()).length;
        TraceLimits threeInvites = new TraceLimits(16, PcapWriter.FILE_HEADER_BYTES + 3 * oneInvite, 64);
        SipTraces node1 = node("node-1", threeInvites);
        SipTraces node2 = node("node-2", threeInvites);
        CaptureInfo capture = node1.start(TRACED, 60, TECHNICIAN);
        told(node2);

        node1.onMessage(inviteTo(NODE1, "call-1@core"));
        node1.onMessage(inviteTo(NODE1, "call-2@core"));
        node2.onMessage(inviteTo(NODE2, "call-3@core"));
        node2.onMessage(inviteTo(NODE2, "call-4@core"));
        scheduler.advance(Duration.ofMillis(SipTraces.SHARE_MILLIS));

        await(() -> node1.find(capture.id()).orElseThrow().dropped() == 1, "one of the four dropped");
        CaptureInfo whole = node1.find(capture.id()).orElseThrow();
        assertEquals(3, whole.messages());
        assertEquals(threeInvites.maxBytesPerCapture(), whole.bytes());
        assertTrue(whole.truncated());
        assertEquals(whole.bytes(), node2.contents(capture.id()).orElseThrow().length);
    }

    @Test
    void aCaptureDiscardedThroughOneNodeStopsOnTheOtherAtItsNextReading() throws Exception {
        SipTraces node1 = node("node-1");
        SipTraces node2 = node("node-2");
        CaptureInfo capture = node1.start(TRACED, 60, TECHNICIAN);
        told(node2);

        node1.discard(capture.id());
        scheduler.advance(Duration.ofSeconds(SipTraces.REREAD_SECONDS));

        await(() -> !node2.active(), "node 2 no longer takes it");
        assertTrue(node2.find(capture.id()).isEmpty());
    }

    @Test
    void aStartReachesTheOtherNodeWithinASecondByNotify() throws Exception {
        SipTraces node1 = node("node-1");
        SipTraces node2 = node("node-2");
        NotificationListener listener = NotificationListener.startFor(settings, SharedCaptures.CHANNEL, "captures",
                id -> node2.sharedCapturesChanged(), node2::sharedCapturesChanged).orElseThrow();
        opened.add(listener);
        assertTrue(listener.awaitListening(WITHIN));

        node1.start(TRACED, 60, TECHNICIAN);
        Instant started = Instant.now();

        await(node2::active, "node 2 takes part");
        Duration took = Duration.between(started, Instant.now());
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "within a second, not " + took);
    }

    private static List<String> readable(SipTraces node, String id) {
        try {
            return requestLines(node, id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
