package kz.btcom.fs.service.callreturn;

import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.subscriber.NotificationListener;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.subscriber.SubscriberStores;
import kz.btcom.fs.testing.LocalPostgres;
import kz.btcom.fs.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two nodes' last callers on one PostgreSQL, each with its own pool and listener: a line's newer call recorded by
 * the node its share moved to replaces the older copy on the node it comes back to within a second of being
 * written (that an older write leaves a newer row alone is {@code CallHistoryTablesContract}'s).
 */
@ExtendWith(LocalPostgres.class)
class LastCallersBetweenNodesTest {

    private static final String LINE = "+77272777101";
    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");
    private static final Duration WITHIN = Duration.ofSeconds(1);

    @TempDir
    Path dataDir;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private static LastCall from(String caller, String callId, long secondsAfterT0) {
        return new LastCall(callId, caller, "tel:" + caller, false, T0.plusSeconds(secondsAfterT0), Optional.empty(),
                new CallOrigin(CallOrigin.Kind.CALLING_NUMBER, caller, ""));
    }

    private LastCallers node(StoreSettings settings, String name, boolean listening) throws InterruptedException {
        Database database = SubscriberStores.openDatabase(settings, dataDir.resolve(name));
        opened.add(database);
        LastCallers lastCallers = LastCallers.manual(new JdbcLastCallStore(database));
        opened.add(lastCallers);
        if (listening) {
            NotificationListener listener = NotificationListener.startFor(settings, LastCallers.CHANNEL,
                    "last callers", lastCallers::changedElsewhere, lastCallers::reloadAll).orElseThrow();
            opened.add(listener);
            assertTrue(listener.awaitListening(Duration.ofSeconds(10)), name + " listens");
        }
        return lastCallers;
    }

    @Test
    void aNodeBackInRotationHasTheNewestLastCallWhicheverNodeRecordedIt(PostgresServer postgres) throws Exception {
        StoreSettings settings = StoreSettings.defaults().withDatabase(postgres.createDatabase(), PostgresServer.USER,
                "");
        LastCallers node1 = node(settings, "node-1", true);
        LastCallers node2 = node(settings, "node-2", false);
        node1.record(LINE, from("+77272777198", "on-node-1", 0));
        node1.flush();

        // The line's share is on node 2 for a while: its calls are recorded there.
        node2.record(LINE, from("+77272777199", "on-node-2", 60));
        node2.flush();
        Instant written = Instant.now();

        while (!node1.of(LINE).orElseThrow().callId().equals("on-node-2")) {
            if (Duration.between(written, Instant.now()).compareTo(WITHIN) > 0) {
                fail("node 1 still has " + node1.of(LINE).orElseThrow().callId() + " after " + WITHIN);
            }
            Thread.sleep(10);
        }
        assertEquals(Optional.of("+77272777199"), node1.of(LINE).flatMap(LastCall::callBackNumber));
    }
}
