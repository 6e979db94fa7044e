package kz.btcom.fs.service.wakeup;

import kz.btcom.fs.subscriber.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The wake-up bookings in the {@code wakeup_booking} table (V5), on the server's database.
 * <p>
 * Claiming is a conditional UPDATE of one row at a time, auto-committed: it leases the row only when the row is
 * still as this node read it (same minute, next attempt and attempts) and nobody holds a live lease on it. Two
 * nodes that read the same due rows race on each row; the database lets one UPDATE change it and the other finds
 * the condition false (PostgreSQL re-checks the WHERE on the row the winner committed), so each attempt is made by
 * one node. This was chosen over {@code FOR UPDATE SKIP LOCKED} because it is the same SQL on H2 and PostgreSQL,
 * holds no row lock beyond one statement, and the lease (not a transaction kept open during the call) is what must
 * outlive the claim anyway. A lease that ran out is free to claim; until another node claims it, its old holder may
 * still move the booking on. Booking a kind anew deletes the old row, so its holder's moves find nothing.
 * <p>
 * Whether a booking is {@link WakeUpBooking.Status#CALLING CALLING} depends on the time: a lease is live until its
 * {@code lease_until}, by this store's clock.
 */
public final class JdbcWakeUpStore implements WakeUpStore {

    private static final String UNIQUE_VIOLATION = "23505";
    /** A booking that collides with one another node made for the same line and kind at the same moment. */
    private static final int BOOK_ATTEMPTS = 3;
    /**
     * Rounds of reading due rows and claiming them: a round loses the rows other nodes claimed first, and those
     * are not read again (their lease is live), so a few rounds fill the limit when there is enough to claim.
     */
    private static final int CLAIM_ROUNDS = 4;

    private static final String COLUMNS = "SELECT id, number, wake_time, daily, due, next_attempt, attempts,"
            + " lease_owner, lease_until FROM wakeup_booking";
    private static final String DELETE_KIND = "DELETE FROM wakeup_booking WHERE number = ? AND daily = ?";
    private static final String INSERT = "INSERT INTO wakeup_booking (number, wake_time, daily, due, next_attempt,"
            + " attempts, booked_at) VALUES (?, ?, ?, ?, ?, 0, ?)";
    private static final String FIND_KIND = COLUMNS + " WHERE number = ? AND daily = ?";
    private static final String LIST = COLUMNS + " WHERE number = ? ORDER BY daily, id";
    private static final String DELETE_ID = "DELETE FROM wakeup_booking WHERE id = ? AND number = ?";
    private static final String FREE = "(lease_until IS NULL OR lease_until < ?)";
    private static final String DUE = COLUMNS + " WHERE next_attempt <= ? AND " + FREE
            + " ORDER BY next_attempt, id FETCH FIRST ? ROWS ONLY";
    private static final String CLAIM = "UPDATE wakeup_booking SET lease_owner = ?, lease_until = ?"
            + " WHERE id = ? AND due = ? AND next_attempt = ? AND attempts = ? AND " + FREE;
    private static final String RESCHEDULE = "UPDATE wakeup_booking SET due = ?, next_attempt = ?, attempts = ?,"
            + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?";
    private static final String FINISH = "DELETE FROM wakeup_booking WHERE id = ? AND lease_owner = ?";
    private static final String COUNT_DUE = "SELECT COUNT(*) FROM wakeup_booking"
            + " WHERE next_attempt >= ? AND next_attempt < ?";

    private final Database database;
    private final Clock clock;

    /** @param clock what says whether a lease is still live, for the status of what is read */
    public JdbcWakeUpStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public WakeUpBooking book(String number, LocalTime time, boolean daily, Instant due) {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(due, "due");
        Instant now = clock.instant();
        return database.withConnection("booking a wake-up call for " + number, connection -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    long id = replace(connection, number, time, daily, due, now);
                    database.makeDurable(connection);
                    return new WakeUpBooking(id, number, time, daily, due, due, 0, WakeUpBooking.Status.SCHEDULED);
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == BOOK_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        });
    }

    /** Deletes the line's booking of the kind and inserts the new one, in one transaction; the new id. */
    private static long replace(Connection connection, String number, LocalTime time, boolean daily, Instant due,
                                Instant now) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement delete = connection.prepareStatement(DELETE_KIND)) {
                delete.setString(1, number);
                delete.setBoolean(2, daily);
                delete.executeUpdate();
            }
            long id;
            try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"})) {
                insert.setString(1, number);
                insert.setObject(2, time);
                insert.setBoolean(3, daily);
                insert.setObject(4, Database.timestamp(due));
                insert.setObject(5, Database.timestamp(due));
                insert.setObject(6, Database.timestamp(now));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("the database gave no id for the new booking");
                    }
                    id = keys.getLong(1);
                }
            }
            connection.commit();
            return id;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Override
    public Optional<WakeUpBooking> find(String number, boolean daily) {
        Instant now = clock.instant();
        return database.withConnection("reading the wake-up bookings of " + number, connection -> {
            try (PreparedStatement select = connection.prepareStatement(FIND_KIND)) {
                select.setString(1, number);
                select.setBoolean(2, daily);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(read(row, now)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<WakeUpBooking> list(String number) {
        Instant now = clock.instant();
        return database.withConnection("reading the wake-up bookings of " + number, connection -> {
            try (PreparedStatement select = connection.prepareStatement(LIST)) {
                select.setString(1, number);
                return readAll(select, now);
            }
        });
    }

    @Override
    public boolean cancel(String number, boolean daily) {
        return database.withConnection("cancelling a wake-up booking of " + number, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE_KIND)) {
                delete.setString(1, number);
                delete.setBoolean(2, daily);
                return changedDurably(connection, delete);
            }
        });
    }

    @Override
    public boolean cancel(String number, long id) {
        return database.withConnection("cancelling wake-up booking " + id + " of " + number, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE_ID)) {
                delete.setLong(1, id);
                delete.setString(2, number);
                return changedDurably(connection, delete);
            }
        });
    }

    @Override
    public List<WakeUpBooking> claimDue(Instant now, String node, Instant leaseUntil, int limit) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (limit <= 0) {
            return List.of();
        }
        return database.withConnection("claiming due wake-up bookings", connection -> {
            List<WakeUpBooking> claimed = new ArrayList<>();
            for (int round = 0; round < CLAIM_ROUNDS && claimed.size() < limit; round++) {
                int asked = limit - claimed.size();
                List<WakeUpBooking> due = due(connection, now, asked);
                for (WakeUpBooking booking : due) {
                    if (claim(connection, booking, now, node, leaseUntil)) {
                        claimed.add(new WakeUpBooking(booking.id(), booking.number(), booking.time(),
                                booking.daily(), booking.due(), booking.nextAttempt(), booking.attempts(),
                                WakeUpBooking.Status.CALLING));
                    }
                }
                if (due.size() < asked) {
                    // All that is due was read: a round more would find only what others hold now.
                    break;
                }
            }
            return claimed;
        });
    }

    private static List<WakeUpBooking> due(Connection connection, Instant now, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(DUE)) {
            select.setObject(1, Database.timestamp(now));
            select.setObject(2, Database.timestamp(now));
            select.setInt(3, limit);
            return readAll(select, now);
        }
    }

    /** Leases one row if it is still as read and free; false when another node (or a change) came first. */
    private static boolean claim(Connection connection, WakeUpBooking booking, Instant now, String node,
                                 Instant leaseUntil) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(CLAIM)) {
            update.setString(1, node);
            update.setObject(2, Database.timestamp(leaseUntil));
            update.setLong(3, booking.id());
            update.setObject(4, Database.timestamp(booking.due()));
            update.setObject(5, Database.timestamp(booking.nextAttempt()));
            update.setInt(6, booking.attempts());
            update.setObject(7, Database.timestamp(now));
            return update.executeUpdate() == 1;
        }
    }

    @Override
    public boolean reschedule(long id, String node, Instant due, Instant nextAttempt, int attempts) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts " + attempts);
        }
        return database.withConnection("moving wake-up booking " + id + " on", connection -> {
            try (PreparedStatement update = connection.prepareStatement(RESCHEDULE)) {
                update.setObject(1, Database.timestamp(due));
                update.setObject(2, Database.timestamp(nextAttempt));
                update.setInt(3, attempts);
                update.setLong(4, id);
                update.setString(5, node);
                return changedDurably(connection, update);
            }
        });
    }

    @Override
    public boolean finish(long id, String node) {
        Objects.requireNonNull(node, "node");
        return database.withConnection("finishing wake-up booking " + id, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(FINISH)) {
                delete.setLong(1, id);
                delete.setString(2, node);
                return changedDurably(connection, delete);
            }
        });
    }

    @Override
    public int dueBetween(Instant from, Instant to) {
        return database.withConnection("counting due wake-up bookings", connection -> {
            try (PreparedStatement select = connection.prepareStatement(COUNT_DUE)) {
                select.setObject(1, Database.timestamp(from));
                select.setObject(2, Database.timestamp(to));
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    /** Runs an auto-committed change of at most one row; whether it changed one, durably. */
    private boolean changedDurably(Connection connection, PreparedStatement change) throws SQLException {
        boolean changed = change.executeUpdate() > 0;
        if (changed) {
            database.makeDurable(connection);
        }
        return changed;
    }

    private static List<WakeUpBooking> readAll(PreparedStatement select, Instant now) throws SQLException {
        List<WakeUpBooking> bookings = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                bookings.add(read(rows, now));
            }
        }
        return bookings;
    }

    private static WakeUpBooking read(ResultSet row, Instant now) throws SQLException {
        int attempts = row.getInt("attempts");
        OffsetDateTime leaseUntil = row.getObject("lease_until", OffsetDateTime.class);
        WakeUpBooking.Status status = leaseUntil != null && !leaseUntil.toInstant().isBefore(now)
                ? WakeUpBooking.Status.CALLING
                : attempts > 0 ? WakeUpBooking.Status.RETRYING : WakeUpBooking.Status.SCHEDULED;
        return new WakeUpBooking(row.getLong("id"), row.getString("number"),
                row.getObject("wake_time", LocalTime.class), row.getBoolean("daily"), Database.instant(row, "due"),
                Database.instant(row, "next_attempt"), attempts, status);
    }
}
