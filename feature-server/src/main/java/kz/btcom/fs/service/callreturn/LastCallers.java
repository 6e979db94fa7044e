package kz.btcom.fs.service.callreturn;

import kz.btcom.fs.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Each subscriber's last incoming call, all in memory for the calls and written behind them to the database: a call
 * never waits for the disk, and never reads it either. Every row of {@code last_call} (one per subscriber) is read
 * once, when the server starts, so a subscriber not in memory has had no incoming call. What changed is written in
 * one batch every {@code flushInterval} on the injected scheduler (and once more at shutdown), so a restart finds it;
 * a crash loses at most the last interval's changes, and a failed write is tried again at the next one.
 *
 * <p>Nodes sharing a database each keep their own copy: a call answered by another node is this node's last call
 * for the subscriber only after a restart.
 */
public final class LastCallers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LastCallers.class);

    private final LastCallStore store;
    private final ConcurrentHashMap<String, LastCall> calls;
    /** Written to memory and not yet to the database; the flush takes them. */
    private final ConcurrentHashMap<String, LastCall> unsaved = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Scheduler scheduler;
    private final Duration flushInterval;
    private volatile Scheduler.Timer nextFlush;

    /**
     * Reads every last call, then writes behind the calls every {@code flushInterval} on {@code scheduler}.
     *
     * @throws kz.btcom.fs.subscriber.StoreException the last calls could not be read
     */
    public static LastCallers start(LastCallStore store, Scheduler scheduler, Duration flushInterval) {
        LastCallers lastCallers = new LastCallers(store, Objects.requireNonNull(scheduler, "scheduler"),
                Objects.requireNonNull(flushInterval, "flushInterval"));
        lastCallers.scheduleFlush();
        return lastCallers;
    }

    /** Reads every last call; only {@link #flush} writes (tests). */
    public static LastCallers manual(LastCallStore store) {
        return new LastCallers(store, null, null);
    }

    private LastCallers(LastCallStore store, Scheduler scheduler, Duration flushInterval) {
        this.store = Objects.requireNonNull(store, "store");
        this.scheduler = scheduler;
        this.flushInterval = flushInterval;
        this.calls = new ConcurrentHashMap<>(store.findAll());
    }

    /** {@code subscriber} is being called: this is its last incoming call now. */
    public void record(String subscriber, LastCall call) {
        calls.put(subscriber, call);
        unsaved.put(subscriber, call);
    }

    /**
     * Call {@code callId}, recorded as {@code subscriber}'s last call, ended: noted, unless a newer call has become
     * its last one meanwhile.
     */
    public void ended(String subscriber, String callId, Instant at) {
        calls.computeIfPresent(subscriber, (number, last) -> {
            if (!last.callId().equals(callId)) {
                return last;
            }
            LastCall ended = last.endedAt(at);
            unsaved.put(subscriber, ended);
            return ended;
        });
    }

    /** The subscriber's last incoming call, if it had one: from memory, never from the database. */
    public Optional<LastCall> of(String subscriber) {
        return Optional.ofNullable(calls.get(subscriber));
    }

    /** Writes what changed since the last flush; what fails stays to be written next time. */
    public synchronized void flush() {
        if (unsaved.isEmpty()) {
            return;
        }
        Map<String, LastCall> batch = new HashMap<>(unsaved);
        store.saveAll(batch);
        // A call recorded while the batch was written is newer than what was written: it stays unsaved.
        batch.forEach(unsaved::remove);
    }

    private void scheduleFlush() {
        if (!closed.get()) {
            nextFlush = scheduler.schedule(flushInterval, () -> {
                flushQuietly();
                scheduleFlush();
            });
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("{} last callers could not be written, tried again in a moment: {}", unsaved.size(),
                    e.getMessage());
        }
    }

    /** Stops the writing behind and writes what is left, once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Scheduler.Timer pending = nextFlush;
        if (pending != null) {
            pending.cancel();
        }
        flushQuietly();
    }
}
