package kz.btcom.fs.subscriber;

import kz.btcom.fs.time.FakeClock;
import kz.btcom.fs.time.FakeScheduler;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Once the database cannot be reached, work fails at once instead of each caller waiting out the pool's timeout,
 * while a trial every second, which nobody waits for, brings it back.
 */
class OutageTest {

    private static final SQLException POOL_TIMEOUT = new SQLTransientConnectionException(
            "subscribers - Connection is not available, request timed out after 10000ms", "08001");

    private final FakeClock clock = FakeClock.at("2026-12-01T08:00:00Z");
    private final FakeScheduler scheduler = new FakeScheduler(clock);
    /** What the next trial meets: null when the database answers. */
    private final AtomicReference<SQLException> database = new AtomicReference<>(POOL_TIMEOUT);
    private final AtomicInteger trials = new AtomicInteger();
    private final Outage outage = new Outage(clock, scheduler, () -> {
        trials.incrementAndGet();
        SQLException failure = database.get();
        if (failure != null) {
            throw failure;
        }
    });

    @Test
    void whileTheDatabaseAnswersEveryoneTriesAndNothingIsTriedBehindTheirBacks() {
        assertDoesNotThrow(() -> outage.beforeAttempt("reading subscriber +77272777888"));
        scheduler.advance(Duration.ofMinutes(1));

        assertEquals(0, trials.get());
    }

    @Test
    void afterAConnectionFailedTheNextCallersFailAtOnceSayingSinceWhenAndWhy() {
        outage.failed(POOL_TIMEOUT, true);
        clock.advance(Duration.ofMillis(300));

        StoreException e = assertThrows(StoreException.class, () -> outage.beforeAttempt("listing subscribers"));

        assertEquals("listing subscribers failed: the database has not been reachable since 2026-12-01T08:00:00Z"
                + " (subscribers - Connection is not available, request timed out after 10000ms [SQLState 08001]);"
                + " it is tried again every 1 s", e.getMessage());
    }

    @Test
    void aTrialEverySecondBringsItBackOnceItAnswers() {
        outage.failed(POOL_TIMEOUT, true);
        scheduler.advance(Duration.ofSeconds(3));
        assertEquals(3, trials.get());
        assertThrows(StoreException.class, () -> outage.beforeAttempt("reading subscriber +77272777888"));

        database.set(null);
        scheduler.advance(Duration.ofSeconds(1));

        assertDoesNotThrow(() -> outage.beforeAttempt("reading subscriber +77272777888"));
        scheduler.advance(Duration.ofMinutes(1));
        assertEquals(4, trials.get(), "no trials once it answers");
    }

    @Test
    void manyFailuresAtOnceMakeOneOutageWithOneTrialAtATime() {
        for (int i = 0; i < 5; i++) {
            outage.failed(POOL_TIMEOUT, true);
        }

        scheduler.advance(Duration.ofSeconds(1));

        assertEquals(1, trials.get());
        assertEquals(1, scheduler.pendingTasks());
    }

    @Test
    void aLostConnectionMeansDownButARefusedStatementDoesNot() {
        outage.failed(new SQLException("duplicate key value violates unique constraint", "23505"), false);
        assertDoesNotThrow(() -> outage.beforeAttempt("reading subscriber +77272777888"));

        outage.failed(new SQLException("FATAL: terminating connection due to administrator command", "57P01"),
                false);
        assertThrows(StoreException.class, () -> outage.beforeAttempt("reading subscriber +77272777888"));
    }

    @Test
    void aClosedPoolSaysSoWithNoSqlStateAndStillCountsAsUnreachable() {
        outage.failed(new SQLException("HikariDataSource HikariDataSource (subscribers) has been closed."), true);

        assertThrows(StoreException.class, () -> outage.beforeAttempt("reading the trace audit"));
    }
}
