package kz.btcom.fs.subscriber;

import kz.btcom.fs.testing.LocalPostgres;
import kz.btcom.fs.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two nodes on one PostgreSQL, each with its own pool, profiles in memory and listener, the full reload left at its
 * 30 s default: a change written through one node is in the other's memory within a second, by NOTIFY.
 */
@ExtendWith(LocalPostgres.class)
class ProfileChangesBetweenNodesTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final String LINE = "+77272000101";

    @TempDir
    Path dataDir;
    private String jdbcUrl;
    private StoreSettings settings;
    private SubscriberDirectory node1;
    private SubscriberDirectory node2;
    private ProfileChangeListener listener2;

    @BeforeEach
    void twoNodes(PostgresServer postgres) throws InterruptedException {
        jdbcUrl = postgres.createDatabase();
        settings = StoreSettings.defaults().withDatabase(jdbcUrl, PostgresServer.USER, "");
        node1 = SubscriberDirectory.load(SubscriberStores.open(settings, dataDir.resolve("node1")), settings);
        node2 = SubscriberDirectory.load(SubscriberStores.open(settings, dataDir.resolve("node2")), settings);
        ProfileChangeListener.startFor(settings, node1).ifPresent(node1::closeWith);
        listener2 = ProfileChangeListener.startFor(settings, node2).orElseThrow();
        node2.closeWith(listener2);
        assertTrue(listener2.awaitListening(Duration.ofSeconds(10)), "node 2 listens");
    }

    @AfterEach
    void stop() {
        node1.close();
        node2.close();
    }

    @Test
    void aForwardingSetOnOneNodeIsUsedByTheOtherWithinASecond() throws InterruptedException {
        node1.put(SampleProfiles.plain(LINE));
        awaitTrue(() -> node2.profile(LINE).isPresent(), "node 2 has the line");

        node1.update(LINE, s -> new SubscriberStore.Change<>(s.withServices(s.services().withForwarding(
                new Forwarding(true, Optional.of("+77272000202"), Optional.empty(), Optional.empty(), 20,
                        Optional.empty()))), null));

        awaitTrue(() -> node2.profile(LINE).orElseThrow().services().forwarding().unconditional()
                .equals(Optional.of("+77272000202")), "node 2 forwards unconditionally");
    }

    @Test
    void aLineCreatedOnOneNodeIsNoLongerNobodysOnTheOther() throws InterruptedException {
        assertTrue(node2.profile(LINE).isEmpty(), "node 2: not a subscriber");

        node1.put(SampleProfiles.plain(LINE));

        awaitTrue(() -> node2.profile(LINE).isPresent(), "node 2 serves the new line");
        node1.delete(LINE);
        awaitTrue(() -> node2.profile(LINE).isEmpty(), "node 2 no longer serves the deleted line");
    }

    @Test
    void aListenerWhoseConnectionIsKilledComesBackAndCatchesUp() throws Exception {
        node1.put(SampleProfiles.plain(LINE));
        awaitTrue(() -> node2.profile(LINE).isPresent(), "node 2 has the line");

        // An administrator (or a failover) ends the listening connections; a change is made meanwhile.
        assertTrue(terminateListeners() >= 1, "a listening connection was there to end");
        node1.update(LINE, s -> new SubscriberStore.Change<>(s.withStatus(LineStatus.SUSPENDED), null));

        // Missed or not, the change arrives once the listener is back (within its retry), not after 30 s.
        awaitTrue(() -> node2.profile(LINE).orElseThrow().status() == LineStatus.SUSPENDED,
                "node 2 sees the suspension", WITHIN.plus(ProfileChangeListener.RETRY).plusSeconds(1));
        node1.update(LINE, s -> new SubscriberStore.Change<>(s.withStatus(LineStatus.ACTIVE), null));
        awaitTrue(() -> node2.profile(LINE).orElseThrow().status() == LineStatus.ACTIVE,
                "node 2 sees the next change as it happens");
    }

    @Test
    void aNodeStartedLaterHoldsEveryLineFromItsFirstCall() {
        node1.put(SampleProfiles.plain(LINE));

        try (SubscriberDirectory node3 = SubscriberDirectory.load(
                SubscriberStores.open(settings, dataDir.resolve("node3")), settings)) {
            assertTrue(node3.profile(LINE).isPresent(), "loaded at start, not read on the first call");
        }
    }

    private int terminateListeners() throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name = 'feature-server profile changes'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        awaitTrue(condition, what, WITHIN);
    }

    private static void awaitTrue(BooleanSupplier condition, String what, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " within " + within);
            }
            Thread.sleep(10);
        }
    }
}
