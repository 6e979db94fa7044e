package kz.btcom.fs.trace;

import kz.btcom.fs.call.CapturedSipMessage;
import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.subscriber.SubscriberStores;
import kz.btcom.fs.testing.LocalPostgres;
import kz.btcom.fs.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static kz.btcom.fs.trace.SipTexts.CORE;
import static kz.btcom.fs.trace.SipTexts.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The captures of the cluster in the database (migration V6), on the embedded database and on PostgreSQL: the
 * limits hold for the database as a whole, and two nodes' messages come back as one pcap file in time order.
 */
@ExtendWith(LocalPostgres.class)
class SharedCapturesTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00.123456Z");
    private static final InetSocketAddress NODE2 = new InetSocketAddress("127.0.0.2", 5060);

    @TempDir
    Path dataDir;

    private final List<Database> databases = new ArrayList<>();

    @AfterEach
    void close() {
        databases.forEach(Database::close);
    }

    @Test
    void onTheEmbeddedDatabase() {
        StoreSettings settings = StoreSettings.defaults();
        Database database = open(settings);
        // One node: both "nodes" write through the same pool.
        everything(new SharedCaptures(database, "node-1"), new SharedCaptures(database, "node-2"));
    }

    @Test
    void onPostgresql(PostgresServer postgres) {
        StoreSettings settings = StoreSettings.defaults().withDatabase(postgres.createDatabase(), PostgresServer.USER,
                "");
        everything(new SharedCaptures(open(settings), "node-1"), new SharedCaptures(open(settings), "node-2"));
    }

    private Database open(StoreSettings settings) {
        Database database = SubscriberStores.openDatabase(settings, dataDir.resolve("node" + databases.size()));
        databases.add(database);
        return database;
    }

    private void everything(SharedCaptures node1, SharedCaptures node2) {
        aStartCountsTheCapturesRunningOnTheDatabase(node1, node2);
        twoNodesMessagesAreOneFileInTimeOrder(node1, node2);
        theBoundIsTheCapturesAsAWhole(node1, node2);
        aDeletedCaptureIsGoneWithItsMessages(node1, node2);
    }

    private static CaptureInfo capture(String id, Instant at, int seconds) {
        return new CaptureInfo(id, "+77272345678", seconds, at, at.plusSeconds(seconds), "5ab0c1d2", 0,
                PcapWriter.FILE_HEADER_BYTES, 0, false, false);
    }

    private static CapturedSipMessage message(Instant at, InetSocketAddress from, InetSocketAddress to, String callId,
                                              int cseq) {
        return new CapturedSipMessage(at, "udp", from, to, callId, false, List.of(),
                SipTexts.request("BYE", "sip:b@core", "sip:a@core", "sip:b@core", callId, cseq));
    }

    /** A frame as a node's writer hands it over, with the bytes of its records. */
    private static SharedCaptures.Frame frame(CapturedSipMessage message) {
        return new SharedCaptures.Frame(message, new PcapWriter().records(message.time(), false, message.source(),
                message.destination(), message.bytes()).length);
    }

    private static void aStartCountsTheCapturesRunningOnTheDatabase(SharedCaptures node1, SharedCaptures node2) {
        String first = CaptureIds.next();
        node1.start(capture(first, T0, 60), 2);
        node2.start(capture(CaptureIds.next(), T0.plusSeconds(1), 60), 2);

        assertThrows(CapturesBusyException.class, () -> node1.start(capture(CaptureIds.next(), T0.plusSeconds(2),
                60), 2), "two run, started through different nodes");
        assertEquals(2, node2.running(T0.plusSeconds(2)).size());
        node2.start(capture(CaptureIds.next(), T0.plusSeconds(61), 60), 2);
        assertEquals(List.of(false), node1.find(first, T0.plusSeconds(61)).stream().map(CaptureInfo::running)
                .toList(), "the first has ended: another may start");
    }

    private static void twoNodesMessagesAreOneFileInTimeOrder(SharedCaptures node1, SharedCaptures node2) {
        String id = CaptureIds.next();
        node1.start(capture(id, T0.plusSeconds(200), 60), 16);
        CapturedSipMessage first = message(T0.plusSeconds(201), CORE, SERVER, "on-node-1@core", 1);
        CapturedSipMessage second = message(T0.plusSeconds(202), CORE, NODE2, "on-node-2@core", 1);
        CapturedSipMessage third = message(T0.plusSeconds(203), SERVER, CORE, "on-node-1@core", 2);
        CapturedSipMessage fourth = message(T0.plusSeconds(204), NODE2, CORE, "on-node-2@core", 2);

        assertFalse(node1.append(id, List.of(frame(first), frame(third)), 0, 1_000_000));
        assertFalse(node2.append(id, List.of(frame(second), frame(fourth)), 1, 1_000_000));

        PcapReader.Capture file = PcapReader.read(node2.pcap(id).orElseThrow());
        assertEquals(List.of(SERVER, NODE2, CORE, CORE), file.packets().stream()
                .map(PcapReader.Packet::destination).toList(), "by time, whichever node took them");
        assertEquals(List.of(201L, 202L, 203L, 204L), file.packets().stream()
                .map(packet -> packet.seconds() - T0.getEpochSecond()).toList());
        assertEquals(new String(first.bytes()), file.packets().get(0).text());
        assertEquals(123456, file.packets().get(0).micros(), "the time to the microsecond");
        CaptureInfo info = node1.find(id, T0.plusSeconds(205)).orElseThrow();
        assertEquals(4, info.messages());
        assertEquals(node1.pcap(id).orElseThrow().length, info.bytes());
        assertEquals(1, info.dropped(), "node 2 could not take one");
        assertTrue(info.running());
    }

    private static void theBoundIsTheCapturesAsAWhole(SharedCaptures node1, SharedCaptures node2) {
        String id = CaptureIds.next();
        node2.start(capture(id, T0.plusSeconds(300), 60), 16);
        SharedCaptures.Frame one = frame(message(T0.plusSeconds(301), CORE, SERVER, "a@core", 1));
        long bound = PcapWriter.FILE_HEADER_BYTES + 3 * one.recordBytes();

        assertFalse(node1.append(id, List.of(one, one), 0, bound), "two fit");
        assertTrue(node2.append(id, List.of(one, one), 0, bound), "the third fits, the fourth not");
        assertTrue(node1.append(id, List.of(one), 0, bound), "nothing more, from any node");

        CaptureInfo info = node1.find(id, T0.plusSeconds(302)).orElseThrow();
        assertEquals(3, info.messages());
        assertEquals(bound, info.bytes());
        assertEquals(2, info.dropped());
        assertTrue(info.truncated());
        assertEquals(bound, node2.pcap(id).orElseThrow().length);
    }

    private static void aDeletedCaptureIsGoneWithItsMessages(SharedCaptures node1, SharedCaptures node2) {
        String id = CaptureIds.next();
        node1.start(capture(id, T0.plusSeconds(400), 60), 16);
        node2.append(id, List.of(frame(message(T0.plusSeconds(401), CORE, NODE2, "a@core", 1))), 0, 1_000_000);

        node1.delete(id);

        assertTrue(node2.find(id, T0.plusSeconds(402)).isEmpty());
        assertTrue(node2.pcap(id).isEmpty());
        assertTrue(node2.append(id, List.of(frame(message(T0.plusSeconds(403), CORE, NODE2, "a@core", 2))), 0,
                1_000_000), "a node still taking it is told to stop");
        assertFalse(node1.all(T0.plusSeconds(402)).stream().anyMatch(info -> info.id().equals(id)));
    }
}
