package kz.btcom.fs.subscriber;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The profiles as the call path and the API see them: a cache in front of the {@link SubscriberStore}.
 * <ul>
 *   <li>{@link #profile} answers from memory, "not a subscriber" included (most numbers in calls are not ours).
 *       A profile read again after {@code cacheRefreshAfterWrite} is reloaded in the background while the call
 *       goes on with the copy it has: that is how a change made on another node reaches this one.</li>
 *   <li>Writes go to the database on one writer thread and then into the cache, so the next call sees them.
 *       {@link #updateAsync} only queues the change: a feature code dialled on a call's thread never waits for
 *       the disk.</li>
 *   <li>{@link #find} and {@link #list} are the operator's reads: they go to the database.</li>
 * </ul>
 */
public final class SubscriberDirectory implements SubscriberStore {

    /** How long {@link #close} lets queued writes finish. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
    private static final int REFRESH_THREADS = 2;

    private final SubscriberStore store;
    private final LoadingCache<String, Optional<Subscriber>> profiles;
    private final ProfileWriter writer = new ProfileWriter("subscriber-writer");
    private final Executor refresher;
    private final boolean ownsRefresher;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<AutoCloseable> followers = new CopyOnWriteArrayList<>();

    public SubscriberDirectory(SubscriberStore store, StoreSettings settings) {
        this(store, settings, Ticker.systemTicker());
    }

    /** @param ticker the cache's time, for tests */
    public SubscriberDirectory(SubscriberStore store, StoreSettings settings, Ticker ticker) {
        this(store, settings, ticker, refreshThreads(), true);
    }

    /** @param refresher runs the background reloads; the caller owns it (tests pass {@code Runnable::run}) */
    SubscriberDirectory(SubscriberStore store, StoreSettings settings, Ticker ticker, Executor refresher) {
        this(store, settings, ticker, refresher, false);
    }

    private SubscriberDirectory(SubscriberStore store, StoreSettings settings, Ticker ticker, Executor refresher,
                                boolean ownsRefresher) {
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(settings, "settings");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.ownsRefresher = ownsRefresher;
        this.profiles = Caffeine.newBuilder()
                .maximumSize(settings.cacheMaximumSize())
                .refreshAfterWrite(settings.cacheRefreshAfterWrite())
                .expireAfterAccess(settings.cacheExpireAfterAccess())
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .executor(refresher)
                .build(new ProfileLoader(store));
    }

    /**
     * The profile of this number, from memory when it was read recently; the database is read (on this thread)
     * only for a number not in memory.
     *
     * @param e164 the number in E.164 with '+'; anything else is nobody's and costs nothing
     * @throws StoreException the number was not in memory and the database failed
     */
    public Optional<Subscriber> profile(String e164) {
        Objects.requireNonNull(e164, "e164");
        if (!e164.startsWith("+")) {
            return Optional.empty();
        }
        return profiles.get(e164);
    }

    /**
     * Another node changed this number's profile ({@link ProfileChangeListener}): a copy held here is reloaded in
     * the background (calls go on with the old copy meanwhile, never waiting for the database); a number not held
     * costs nothing.
     */
    public void changedElsewhere(String number) {
        if (number != null && profiles.getIfPresent(number) != null) {
            profiles.refresh(number);
        }
    }

    /** Changes may have been missed (the listener was reconnected): every copy held here is reloaded. */
    public void reloadAll() {
        profiles.refreshAll(profiles.asMap().keySet());
    }

    /** Closed first when the directory closes: what feeds {@link #changedElsewhere}. */
    public void closeWith(AutoCloseable follower) {
        followers.add(Objects.requireNonNull(follower, "follower"));
    }

    /** Whether this number is a subscriber served here (see {@link #profile}). */
    public boolean isServed(String e164) {
        return profile(e164).isPresent();
    }

    /**
     * Queues a change of one profile (as {@link #update}) on the writer thread and returns at once. The future
     * completes after the commit, with the cache already updated; on a failure the cached profile is dropped (the
     * next read goes to the database) and the future fails, with a {@link StoreException} when the database did.
     */
    public <R> CompletableFuture<Optional<Change<R>>> updateAsync(String number,
                                                                 Function<Subscriber, Change<R>> change) {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(change, "change");
        return write(number, () -> store.update(number, change), result -> result.map(Change::subscriber));
    }

    @Override
    public <R> Optional<Change<R>> update(String number, Function<Subscriber, Change<R>> change) {
        return await(() -> updateAsync(number, change));
    }

    /** Reads the database, not the cache: the operator sees changes made on other nodes at once. */
    @Override
    public Optional<Subscriber> find(String number) {
        return store.find(number);
    }

    @Override
    public boolean put(Subscriber subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        return await(() -> write(subscriber.number(), () -> store.put(subscriber),
                created -> Optional.of(subscriber)));
    }

    @Override
    public boolean delete(String number) {
        Objects.requireNonNull(number, "number");
        return await(() -> write(number, () -> store.delete(number), deleted -> Optional.empty()));
    }

    /** Reads the database, not the cache. */
    @Override
    public List<Subscriber> list(String prefix, String after, int limit) {
        return store.list(prefix, after, limit);
    }

    /** Lets queued writes finish (up to 10 s), stops the background threads, then closes the store. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AutoCloseable follower : followers) {
            try {
                follower.close();
            } catch (Exception e) {
                // Closing a listener fails only when it is gone already.
            }
        }
        try {
            writer.close(CLOSE_GRACE);
            if (ownsRefresher) {
                ((ExecutorService) refresher).shutdownNow();
            }
        } finally {
            store.close();
        }
    }

    private <T> CompletableFuture<T> write(String number, Supplier<T> storeWrite,
                                           Function<T, Optional<Subscriber>> cachedAfter) {
        return writer.submit(() -> {
            T result;
            try {
                result = storeWrite.get();
            } catch (RuntimeException | Error e) {
                // The write may or may not have committed: the database has the answer.
                profiles.invalidate(number);
                throw e;
            }
            profiles.put(number, cachedAfter.apply(result));
            return result;
        });
    }

    private <T> T await(Supplier<CompletableFuture<T>> write) {
        if (writer.isWriterThread()) {
            // A change function that writes a profile itself would wait for its own thread forever.
            throw new IllegalStateException("a profile change may not write profiles");
        }
        try {
            return write.get().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static ExecutorService refreshThreads() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(REFRESH_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "subscriber-refresh-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
