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
 * <p>Nodes sharing a database each keep their own copy, and each keeps it as new as the database's: every row
 * written is announced ({@code NOTIFY last_call_changed}, {@link LastCallNotice}), and a node whose copy is older
 * reads the row ({@link #changedElsewhere}, on the listener's thread, never a call's) and takes it; after its
 * listener (re)connects it reads every row ({@link #reloadAll}). So a node that was out of the core's rotation
 * without restarting and gets its lines back answers {@code *69#} and {@code *39#} with the newest last call,
 * whichever node recorded it (up to the other node's last write-behind interval and the notification).
 */
public final class LastCallers implements AutoCloseable {

    /** Where the nodes announce a written last call; the payload is a {@link LastCallNotice}. */
    public static final String CHANNEL = "last_call_changed";

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

    /**
     * A node wrote a subscriber's last call ({@link #CHANNEL}'s payload): when it is newer than this node's copy,
     * the row is read and taken. On the listener's thread.
     *
     * @throws kz.btcom.fs.subscriber.StoreException the row could not be read
     */
    public void changedElsewhere(String payload) {
        LastCallNotice notice = LastCallNotice.parse(payload);
        LastCall mine = calls.get(notice.subscriber());
        if (mine == null || notice.isNewerThan(mine)) {
            store.find(notice.subscriber()).ifPresent(row -> takeIfNewer(notice.subscriber(), row));
        }
    }

    /**
     * Reads every row and takes those newer than this node's copy: announcements may have been missed (the
     * listener's connection was down).
     *
     * @throws kz.btcom.fs.subscriber.StoreException the rows could not be read
     */
    public void reloadAll() {
        store.findAll().forEach(this::takeIfNewer);
    }

    private void takeIfNewer(String subscriber, LastCall row) {
        LastCallNotice stored = LastCallNotice.of(subscriber, row);
        calls.compute(subscriber, (number, mine) -> mine == null || stored.isNewerThan(mine) ? row : mine);
        // This node's own older call, not written yet, is not worth writing any more (the database keeps the
        // newer row either way).
        unsaved.computeIfPresent(subscriber, (number, mine) -> stored.isNewerThan(mine) ? null : mine);
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
