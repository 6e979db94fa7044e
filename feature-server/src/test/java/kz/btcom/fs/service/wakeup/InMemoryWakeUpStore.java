package kz.btcom.fs.service.wakeup;


import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bookings in memory, keeping {@link WakeUpStore}'s contract (one booking of each kind per line, leases), for
 * tests of what uses the store; JdbcWakeUpStoreTest holds the database's store to the same contract.
 */
final class InMemoryWakeUpStore implements WakeUpStore {

    private record Row(WakeUpBooking booking, String leaseOwner, Instant leaseUntil) {
    }

    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private long lastId;
    private Instant now = Instant.EPOCH;

    @Override
    public synchronized WakeUpBooking book(String number, LocalTime time, boolean daily, Instant due) {
        cancel(number, daily);
        WakeUpBooking booking = new WakeUpBooking(++lastId, number, time, daily, due, due, 0,
                WakeUpBooking.Status.SCHEDULED);
        rows.put(booking.id(), new Row(booking, null, null));
        return booking;
    }

    @Override
    public synchronized Optional<WakeUpBooking> find(String number, boolean daily) {
        return list(number).stream().filter(b -> b.daily() == daily).findFirst();
    }

    @Override
    public synchronized List<WakeUpBooking> list(String number) {
        return rows.values().stream().filter(r -> r.booking().number().equals(number)).map(this::withStatus)
                .sorted(Comparator.comparing(WakeUpBooking::daily)).toList();
    }

    @Override
    public synchronized boolean cancel(String number, boolean daily) {
        return rows.values().removeIf(r -> r.booking().number().equals(number) && r.booking().daily() == daily);
    }

    @Override
    public synchronized boolean cancel(String number, long id) {
        Row row = rows.get(id);
        return row != null && row.booking().number().equals(number) && rows.remove(id) != null;
    }

    @Override
    public synchronized List<WakeUpBooking> claimDue(Instant at, String node, Instant leaseUntil, int limit) {
        now = at;
        List<WakeUpBooking> claimed = new ArrayList<>();
        rows.values().stream()
                .filter(r -> !r.booking().nextAttempt().isAfter(at) && !leased(r, at))
                .sorted(Comparator.comparing((Row r) -> r.booking().nextAttempt())
                        .thenComparingLong(r -> r.booking().id()))
                .limit(limit)
                .toList()
                .forEach(r -> {
                    rows.put(r.booking().id(), new Row(r.booking(), node, leaseUntil));
                    claimed.add(withStatus(rows.get(r.booking().id())));
                });
        return claimed;
    }

    @Override
    public synchronized boolean reschedule(long id, String node, Instant due, Instant nextAttempt, int attempts) {
        Row row = rows.get(id);
        if (row == null || !node.equals(row.leaseOwner())) {
            return false;
        }
        WakeUpBooking b = row.booking();
        rows.put(id, new Row(new WakeUpBooking(id, b.number(), b.time(), b.daily(), due, nextAttempt, attempts,
                WakeUpBooking.Status.SCHEDULED), null, null));
        return true;
    }

    @Override
    public synchronized boolean finish(long id, String node) {
        Row row = rows.get(id);
        return row != null && node.equals(row.leaseOwner()) && rows.remove(id) != null;
    }

    @Override
    public synchronized int dueBetween(Instant from, Instant to) {
        return (int) rows.values().stream().map(Row::booking)
                .filter(b -> !b.nextAttempt().isBefore(from) && b.nextAttempt().isBefore(to)).count();
    }

    /** Every booking, in id order. */
    synchronized List<WakeUpBooking> all() {
        return rows.values().stream().map(this::withStatus).toList();
    }

    private WakeUpBooking withStatus(Row row) {
        WakeUpBooking b = row.booking();
        WakeUpBooking.Status status = leased(row, now) ? WakeUpBooking.Status.CALLING
                : b.attempts() > 0 ? WakeUpBooking.Status.RETRYING : WakeUpBooking.Status.SCHEDULED;
        return new WakeUpBooking(b.id(), b.number(), b.time(), b.daily(), b.due(), b.nextAttempt(), b.attempts(),
                status);
    }

    private static boolean leased(Row row, Instant at) {
        return row.leaseUntil() != null && row.leaseUntil().isAfter(at);
    }
}
