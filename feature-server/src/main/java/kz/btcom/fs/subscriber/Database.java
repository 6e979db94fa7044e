package kz.btcom.fs.subscriber;

import com.zaxxer.hikari.HikariDataSource;
import kz.btcom.fs.time.ExecutorScheduler;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The server's database (embedded H2 or a shared PostgreSQL), migrated and pooled: the subscribers live in it,
 * and so do the other tables the services keep (last callers, malicious-call records, the trace audit). Opened by
 * {@link SubscriberStores#openDatabase}; closed once, by whoever opened it, after every store on it is done.
 */
public final class Database implements AutoCloseable {

    /** How long a trial of a database that was unreachable waits for it to say its connection is good. */
    private static final int PROBE_VALID_SECONDS = 5;

    private final HikariDataSource pool;
    private final Dialect dialect;
    /** The thread that tries an unreachable database again; none is started while it answers. */
    private final ExecutorScheduler probes = new ExecutorScheduler("fs-db-probe");
    private final Outage outage;

    Database(HikariDataSource pool, Dialect dialect) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.outage = new Outage(Clock.systemUTC(), probes, this::reach);
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Runs {@code work} on a pooled connection. While the database cannot be reached this fails at once, without
     * waiting for the pool's timeout ({@link Outage}).
     *
     * @param what for the error: "reading subscriber +7727...", "writing the last callers"
     * @throws StoreException the database failed, or is known to be unreachable
     */
    public <T> T withConnection(String what, SqlWork<T> work) {
        outage.beforeAttempt(what);
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            outage.failed(e, true);
            throw new StoreException(what + " failed: " + Failures.describe(e), e);
        }
        try (connection) {
            return work.apply(connection);
        } catch (SQLException e) {
            outage.failed(e, false);
            throw new StoreException(what + " failed: " + Failures.describe(e), e);
        }
    }

    private void reach() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            if (!connection.isValid(PROBE_VALID_SECONDS)) {
                throw new SQLException("a new connection is not valid", "08000");
            }
        }
    }

    /** Called after a write committed, before it is acknowledged: on H2 the commit reaches the file now. */
    public void makeDurable(Connection connection) throws SQLException {
        dialect.makeDurable(connection);
    }

    /**
     * Tells the other nodes on a shared PostgreSQL something through {@code channel} ({@link NotificationListener}),
     * at the commit of the transaction this runs in (or now, auto-committed); nothing on the embedded database.
     */
    public void notify(Connection connection, String channel, String payload) throws SQLException {
        dialect.notify(connection, channel, payload);
    }

    /** An instant as a {@code TIMESTAMP WITH TIME ZONE} parameter, in UTC, to the microsecond both databases keep. */
    public static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** A non-null {@code TIMESTAMP WITH TIME ZONE} column as an instant. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    @Override
    public void close() {
        probes.close();
        pool.close();
    }

    /** Database work that may throw SQL's exception. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
