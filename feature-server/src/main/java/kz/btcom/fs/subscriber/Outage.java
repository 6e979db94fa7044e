package kz.btcom.fs.subscriber;

import kz.btcom.fs.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * Whether the database can be reached, as far as the last attempts tell. When it has gone, the pool makes every
 * thread that asks for a connection wait out its whole connection timeout, 10 s, for nothing: an operator's API
 * call (the API has two workers, so the next ones wait behind it: minutes, for a console that asks often), a
 * call's profile read, a writer's flush, one after another. Once a connection has failed, the database is taken
 * to be down: work fails at once, saying since when and why, while the scheduler's thread tries it every
 * {@link #PROBE_INTERVAL} (that trial may wait the pool's timeout; nobody waits for it) and brings it back up
 * when it answers. Only failures to reach the database count; a refused statement says the database is there.
 *
 * <p>Any thread may call. Time and the trials come from the injected clock and scheduler, so tests move them.
 */
final class Outage {

    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(Outage.class);

    /** Tries to reach the database for real; returns normally when it answers. */
    @FunctionalInterface
    interface Probe {
        void reach() throws SQLException;
    }

    /** @param reason what the last failure said */
    private record Down(Instant since, String reason) {
    }

    private final Clock clock;
    private final Scheduler scheduler;
    private final Probe probe;
    private volatile Down down;

    Outage(Clock clock, Scheduler scheduler, Probe probe) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /**
     * Call before using the database.
     *
     * @throws StoreException at once, without trying, while the database is known to be unreachable
     */
    void beforeAttempt(String what) {
        Down known = down;
        if (known != null) {
            throw new StoreException(what + " failed: the database has not been reachable since " + known.since()
                    + " (" + known.reason() + "); it is tried again every " + PROBE_INTERVAL.toSeconds() + " s",
                    null);
        }
    }

    /**
     * An attempt failed: the database is down if no connection could be had, or if the failure says the one had
     * was lost.
     *
     * @param connecting whether it failed to get a connection (a closed pool says so with no SQLState)
     */
    void failed(SQLException failure, boolean connecting) {
        if (!connecting && !isUnreachable(failure)) {
            return;
        }
        String reason = Failures.describe(failure);
        synchronized (this) {
            if (down != null) {
                return;
            }
            down = new Down(clock.instant(), reason);
        }
        log.warn("the database cannot be reached ({}): what needs it fails at once until it answers again; tried"
                + " every {} s", reason, PROBE_INTERVAL.toSeconds());
        nextTrial();
    }

    private void nextTrial() {
        try {
            scheduler.schedule(PROBE_INTERVAL, this::probe);
        } catch (RejectedExecutionException closed) {
            // The database has been closed (the server stops): it stays down, and nothing is tried again.
            log.debug("no more trials of the database: {}", closed.toString());
        }
    }

    private void probe() {
        Down known = down;
        try {
            probe.reach();
        } catch (SQLException | RuntimeException e) {
            synchronized (this) {
                down = new Down(known.since(), e instanceof SQLException sql ? Failures.describe(sql) : e.toString());
            }
            nextTrial();
            return;
        }
        down = null;
        log.info("the database answers again, after {} s", Duration.between(known.since(), clock.instant())
                .toSeconds());
    }

    /**
     * A connection that could not be had or was lost: the pool's timeout (SQLTransientConnectionException), a
     * broken connection (SQLState class 08), PostgreSQL shut down, crashed or still starting (57P01-57P03).
     */
    static boolean isUnreachable(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
