package kz.btcom.fs.service.wakeup;

import kz.btcom.fs.service.wakeup.WakeUpBooking.Status;
import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.time.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wake-up bookings in the database (migration V5), the same on H2 and PostgreSQL: one booking of each kind per
 * line, a new one replacing the old; due bookings leased to one node at a time, and only the lease holder moving
 * them on; a lease that ran out claimed again. A is a line, 06:30 in Almaty is 01:30 UTC.
 */
public abstract class WakeUpStoreContract {

    static final String A = "+77272777101";
    static final String B = "+77272777102";
    static final LocalTime SIX_THIRTY = LocalTime.of(6, 30);
    static final Instant DUE = Instant.parse("2026-12-07T01:30:00Z");
    static final Duration LEASE = Duration.ofMinutes(2);

    private final FakeClock clock = FakeClock.at("2026-12-06T20:00:00Z");
    private Database database;
    private JdbcWakeUpStore store;

    protected abstract Database openEmptyDatabase();

    @BeforeEach
    void open() {
        database = openEmptyDatabase();
        store = new JdbcWakeUpStore(database, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private List<WakeUpBooking> claim(Instant now, String node, int limit) {
        return store.claimDue(now, node, now.plus(LEASE), limit);
    }

    private static List<Long> ids(List<WakeUpBooking> bookings) {
        return bookings.stream().map(WakeUpBooking::id).toList();
    }

    @Test
    void aBookingIsReadBackAsItWasMadeWaitingForItsMinute() {
        WakeUpBooking booked = store.book(A, SIX_THIRTY, false, DUE);

        assertEquals(new WakeUpBooking(booked.id(), A, SIX_THIRTY, false, DUE, DUE, 0, Status.SCHEDULED), booked);
        assertEquals(Optional.of(booked), store.find(A, false));
        assertEquals(Optional.empty(), store.find(A, true));
        assertEquals(List.of(booked), store.list(A));
        assertEquals(List.of(), store.list(B));
    }

    @Test
    void aLineHasOneBookingOfEachKindAndANewOneReplacesTheOldUnderANewId() {
        WakeUpBooking once = store.book(A, SIX_THIRTY, false, DUE);
        WakeUpBooking daily = store.book(A, LocalTime.of(7, 0), true, DUE.plus(Duration.ofMinutes(30)));
        WakeUpBooking otherLine = store.book(B, SIX_THIRTY, false, DUE);

        WakeUpBooking newOnce = store.book(A, LocalTime.of(5, 45), false, DUE.minus(Duration.ofMinutes(45)));

        assertNotEquals(once.id(), newOnce.id());
        assertEquals(List.of(newOnce, daily), store.list(A), "the once-booking first");
        assertEquals(List.of(otherLine), store.list(B));
    }

    @Test
    void aBookingIsCancelledByItsKindOrByItsIdOnItsOwnLineOnly() {
        WakeUpBooking once = store.book(A, SIX_THIRTY, false, DUE);
        WakeUpBooking daily = store.book(A, SIX_THIRTY, true, DUE);

        assertFalse(store.cancel(B, daily.id()), "not B's booking");
        assertTrue(store.cancel(A, daily.id()));
        assertFalse(store.cancel(A, daily.id()), "gone already");
        assertFalse(store.cancel(A, true));
        assertTrue(store.cancel(A, false));

        assertEquals(List.of(), store.list(A));
        assertFalse(store.cancel(A, once.id()));
    }

    @Test
    void dueBookingsAreClaimedEarliestFirstThenInBookingOrderUpToTheLimit() {
        WakeUpBooking late = store.book(A, LocalTime.of(6, 31), false, DUE.plus(Duration.ofMinutes(1)));
        WakeUpBooking first = store.book(B, SIX_THIRTY, false, DUE);
        WakeUpBooking second = store.book(A, SIX_THIRTY, true, DUE);
        store.book(B, LocalTime.of(6, 40), true, DUE.plus(Duration.ofMinutes(10)));

        List<WakeUpBooking> claimed = claim(DUE.plus(Duration.ofMinutes(1)), "node-1", 2);

        assertEquals(List.of(first.id(), second.id()), ids(claimed));
        assertTrue(claimed.stream().allMatch(booking -> booking.status() == Status.CALLING));
        assertEquals(List.of(late.id()), ids(claim(DUE.plus(Duration.ofMinutes(1)), "node-1", 10)),
                "the ones claimed are held; the one ten minutes on is not due");
    }

    @Test
    void aBookingIsCallingWhileItsLeaseIsLiveAndWaitsAgainWhenItRunsOut() {
        store.book(A, SIX_THIRTY, false, DUE);
        clock.advance(Duration.between(clock.instant(), DUE));
        claim(DUE, "node-1", 10);

        assertEquals(Status.CALLING, store.find(A, false).orElseThrow().status());

        clock.advance(LEASE.plusSeconds(1));
        assertEquals(Status.SCHEDULED, store.find(A, false).orElseThrow().status());
    }

    @Test
    void anExpiredLeaseIsClaimedAgainAndItsFormerHolderCanNoLongerMoveTheBooking() {
        WakeUpBooking booking = store.book(A, SIX_THIRTY, false, DUE);
        claim(DUE, "node-1", 10);
        assertEquals(List.of(), claim(DUE.plus(LEASE), "node-2", 10), "the lease is live to its last instant");

        List<WakeUpBooking> taken = claim(DUE.plus(LEASE).plusSeconds(1), "node-2", 10);

        assertEquals(List.of(booking.id()), ids(taken));
        assertFalse(store.reschedule(booking.id(), "node-1", DUE, DUE.plus(Duration.ofMinutes(5)), 1));
        assertFalse(store.finish(booking.id(), "node-1"));
        assertTrue(store.finish(booking.id(), "node-2"));
        assertEquals(List.of(), store.list(A));
    }

    @Test
    void theHolderReschedulesARetryWhichIsReleasedAndNotDueUntilItsTime() {
        WakeUpBooking booking = store.book(A, SIX_THIRTY, false, DUE);
        claim(DUE, "node-1", 10);
        Instant retry = DUE.plus(Duration.ofMinutes(5));

        assertFalse(store.reschedule(booking.id(), "node-2", DUE, retry, 1), "not node-2's lease");
        assertTrue(store.reschedule(booking.id(), "node-1", DUE, retry, 1));

        assertEquals(Optional.of(new WakeUpBooking(booking.id(), A, SIX_THIRTY, false, DUE, retry, 1,
                Status.RETRYING)), store.find(A, false));
        assertEquals(List.of(), claim(retry.minusSeconds(1), "node-2", 10));
        List<WakeUpBooking> retried = claim(retry, "node-2", 10);
        assertEquals(List.of(new WakeUpBooking(booking.id(), A, SIX_THIRTY, false, DUE, retry, 1, Status.CALLING)),
                retried);
    }

    @Test
    void aDailyBookingMovedToTheNextDayWaitsForItsNewMinute() {
        WakeUpBooking booking = store.book(A, SIX_THIRTY, true, DUE);
        claim(DUE.plusSeconds(10), "node-1", 10);
        Instant tomorrow = DUE.plus(Duration.ofDays(1));

        assertTrue(store.reschedule(booking.id(), "node-1", tomorrow, tomorrow, 0));

        assertEquals(Optional.of(new WakeUpBooking(booking.id(), A, SIX_THIRTY, true, tomorrow, tomorrow, 0,
                Status.SCHEDULED)), store.find(A, true));
        assertEquals(1, store.dueBetween(tomorrow, tomorrow.plusSeconds(1)));
    }

    @Test
    void aReplacedOrCancelledBookingCannotBeMovedOnByItsHolder() {
        WakeUpBooking replaced = store.book(A, SIX_THIRTY, false, DUE);
        WakeUpBooking cancelled = store.book(B, SIX_THIRTY, false, DUE);
        claim(DUE, "node-1", 10);

        WakeUpBooking replacement = store.book(A, LocalTime.of(7, 0), false, DUE.plus(Duration.ofMinutes(30)));
        store.cancel(B, false);

        assertFalse(store.reschedule(replaced.id(), "node-1", DUE, DUE.plus(Duration.ofMinutes(5)), 1));
        assertFalse(store.finish(replaced.id(), "node-1"));
        assertFalse(store.reschedule(cancelled.id(), "node-1", DUE, DUE.plus(Duration.ofMinutes(5)), 1));
        assertFalse(store.finish(cancelled.id(), "node-1"));
        assertEquals(List.of(replacement), store.list(A), "the replacement is untouched and free");
    }

    @Test
    void bookingsDueInAPeriodAreCountedWithItsEndLeftOut() {
        store.book(A, SIX_THIRTY, false, DUE);
        store.book(A, LocalTime.of(7, 30), true, DUE.plus(Duration.ofHours(1)));
        store.book(B, LocalTime.of(6, 29), false, DUE.minus(Duration.ofMinutes(1)));

        assertEquals(2, store.dueBetween(DUE.minus(Duration.ofMinutes(1)), DUE.plus(Duration.ofHours(1))));
        Instant justAfterTheLast = DUE.plus(Duration.ofHours(1)).plusNanos(1000);
        assertEquals(3, store.dueBetween(DUE.minus(Duration.ofMinutes(1)), justAfterTheLast));
        assertEquals(0, store.dueBetween(DUE.plus(Duration.ofHours(2)), DUE.plus(Duration.ofHours(3))));
    }

    /**
     * Two nodes on one database claim the same minute's bookings at once, each from its own thread, a few at a
     * time until none is left: every booking is claimed, and by one node only.
     */
    @Test
    void twoNodesClaimingTheSameDueBookingsAtOnceClaimEachExactlyOnce() throws Exception {
        Set<Long> booked = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            booked.add(store.book(String.format("+7727277%04d", i), SIX_THIRTY, i % 2 == 0, DUE).id());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<List<Long>> first = nodes.submit(() -> claimAll(start, "node-1"));
            Future<List<Long>> second = nodes.submit(() -> claimAll(start, "node-2"));
            start.countDown();
            List<Long> byFirst = first.get(60, TimeUnit.SECONDS);
            List<Long> bySecond = second.get(60, TimeUnit.SECONDS);

            List<Long> all = new ArrayList<>(byFirst);
            all.addAll(bySecond);
            assertEquals(booked.size(), all.size(), "no booking claimed twice: " + byFirst + " and " + bySecond);
            assertEquals(booked, new HashSet<>(all));
        } finally {
            nodes.shutdownNow();
        }
    }

    private List<Long> claimAll(CountDownLatch start, String node) throws InterruptedException {
        start.await();
        List<Long> claimed = new ArrayList<>();
        while (true) {
            List<WakeUpBooking> some = claim(DUE.plusSeconds(1), node, 7);
            if (some.isEmpty()) {
                return claimed;
            }
            claimed.addAll(ids(some));
        }
    }
}
