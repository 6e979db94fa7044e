package kz.btcom.fs.service.callreturn;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Each subscriber's last incoming call, in memory for the calls and written behind them to the database: a call
 * never waits for the disk. What changed is written in one batch every {@code flushInterval} on a thread of its own
 * (and once more at shutdown), so a restart finds it; a crash loses at most the last interval's changes, and a
 * failed write is tried again at the next one. A subscriber not in memory is read from the database once, on the
 * thread that asks (a {@code *69#} after a restart).
 */
public final class LastCallers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LastCallers.class);
    private static final int MAX_IN_MEMORY = 200_000;

    private final LastCallStore store;
    private final LoadingCache<String, Optional<LastCall>> calls;
    /** The subscribers each call in progress is the last call of, so that its end can be noted. */
    private final ConcurrentHashMap<String, Set<String>> subscribersByCall = new ConcurrentHashMap<>();
    /** Written to memory and not yet to the database; the flusher takes them. */
    private final ConcurrentHashMap<String, LastCall> unsaved = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** With a writer thread flushing every {@code flushInterval}. */
    public static LastCallers start(LastCallStore store, Duration flushInterval) {
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "last-call-writer");
            thread.setDaemon(true);
            return thread;
        });
        LastCallers lastCallers = new LastCallers(store, flusher);
        flusher.scheduleWithFixedDelay(lastCallers::flushQuietly, flushInterval.toMillis(), flushInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        return lastCallers;
    }

    /** Without a writer thread: {@link #flush} writes (tests). */
    public static LastCallers manual(LastCallStore store) {
        return new LastCallers(store, null);
    }

    private LastCallers(LastCallStore store, ScheduledExecutorService flusher) {
        this.store = Objects.requireNonNull(store, "store");
        this.flusher = flusher;
        this.calls = Caffeine.newBuilder().maximumSize(MAX_IN_MEMORY).build(store::find);
    }

    /** {@code subscriber} is being called: this is its last incoming call now. */
    public void record(String subscriber, LastCall call) {
        calls.put(subscriber, Optional.of(call));
        unsaved.put(subscriber, call);
        subscribersByCall.computeIfAbsent(call.callId(), k -> ConcurrentHashMap.newKeySet()).add(subscriber);
    }

    /** Call {@code callId} ended: for each subscriber it is still the last call of, it ended now. */
    public void ended(String callId, Instant at) {
        Set<String> subscribers = subscribersByCall.remove(callId);
        if (subscribers != null) {
            subscribers.forEach(subscriber -> ended(subscriber, callId, at));
        }
    }

    private void ended(String subscriber, String callId, Instant at) {
        calls.asMap().computeIfPresent(subscriber, (number, last) -> {
            if (last.isEmpty() || !last.get().callId().equals(callId)) {
                return last;
            }
            LastCall ended = last.get().endedAt(at);
            unsaved.put(subscriber, ended);
            return Optional.of(ended);
        });
    }

    /**
     * The subscriber's last incoming call, if it had one.
     *
     * @throws kz.btcom.fs.subscriber.StoreException it was not in memory and the database failed
     */
    public Optional<LastCall> of(String subscriber) {
        return calls.get(subscriber);
    }

    /** Writes what changed since the last flush; what fails stays to be written next time. */
    public void flush() {
        if (unsaved.isEmpty()) {
            return;
        }
        Map<String, LastCall> batch = new HashMap<>(unsaved);
        store.saveAll(batch);
        // A call recorded while the batch was written is newer than what was written: it stays unsaved.
        batch.forEach(unsaved::remove);
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("{} last callers could not be written, tried again in a moment: {}", unsaved.size(),
                    e.getMessage());
        }
    }

    /** Stops the writer and writes what is left, once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flushQuietly();
    }
}
