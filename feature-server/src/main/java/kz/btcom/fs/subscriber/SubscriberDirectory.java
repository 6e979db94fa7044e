package kz.btcom.fs.subscriber;

import kz.btcom.fs.time.ExecutorScheduler;
import kz.btcom.fs.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The profiles as the call path and the API see them: every subscriber of the database, held in memory, so a call
 * never waits for the database (issue 12: no database read on a call lane, ever).
 * <ul>
 *   <li>{@link #load} reads the whole table, in pages, before the server takes calls; a table larger than
 *       {@code store.cacheSize} fails the start, naming both counts.</li>
 *   <li>{@link #profile} only reads memory: a number not there is no subscriber of ours, and costs no query.</li>
 *   <li>Writes go to the database on one writer thread and then into memory, so the next call sees them; a
 *       failed write leaves memory as it was. {@link #updateAsync} only queues the change: a feature code dialled
 *       on a call's lane never waits for the disk.</li>
 *   <li>Another node's change arrives by NOTIFY ({@link ProfileChangeListener}): {@link #changedElsewhere}
 *       re-reads that one number on the writer thread, so it is ordered with this node's own writes of it.
 *       Announcements of a number not read yet share one read; a flood of them (another node provisioning in
 *       bulk) becomes one full reload instead.</li>
 *   <li>Every {@code store.cacheRefreshSeconds} the whole table is read again, off to the side, and swapped in
 *       ({@link ProfileMemory}): the fallback for a missed NOTIFY or a change made straight in the database.
 *       A reload that fails keeps what the node has: calls go on with the last known profiles.</li>
 *   <li>{@link #find} and {@link #list} are the operator's reads: they go to the database.</li>
 * </ul>
 * Caffeine was the cache here while profiles were read on demand; with every profile held and replaced as a
 * whole, a {@link java.util.concurrent.ConcurrentHashMap} swapped on reload says the same with less.
 * {@code store.cacheSize} is checked at start only: a node already running keeps taking new subscribers past it
 * (refusing them would stop service) and says so in its log, and its next start fails until it is raised.
 */
public final class SubscriberDirectory implements SubscriberStore {

    /** How long {@link #close} lets queued writes finish. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
    /** Announced changes waiting for the writer thread beyond which a full reload is cheaper. */
    static final int MAX_PENDING_REREADS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(SubscriberDirectory.class);

    private final SubscriberStore store;
    private final long mostSubscribers;
    private final Duration reloadEvery;
    private final Scheduler scheduler;
    private final Executor reloader;
    private final Optional<ExecutorScheduler> ownThread;
    private final ProfileMemory memory = new ProfileMemory();
    private final ProfileWriter writer = new ProfileWriter("subscriber-writer");
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean reloading = new AtomicBoolean();
    private final AtomicBoolean reloadAgain = new AtomicBoolean();
    private final List<AutoCloseable> followers = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, CompletableFuture<Optional<Subscriber>>> rereads =
            new ConcurrentHashMap<>();
    private volatile boolean rereadsOverflowed;
    private volatile boolean reloadFailing;
    private volatile boolean overSize;

    private SubscriberDirectory(SubscriberStore store, StoreSettings settings, Scheduler scheduler,
                                Executor reloader, Optional<ExecutorScheduler> ownThread) {
        this.store = Objects.requireNonNull(store, "store");
        this.mostSubscribers = settings.maxSubscribers();
        this.reloadEvery = settings.reloadInterval();
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.reloader = Objects.requireNonNull(reloader, "reloader");
        this.ownThread = ownThread;
    }

    /**
     * Reads every profile of the store (on this thread: call it before the server takes calls), then reloads
     * them all every {@code settings.reloadInterval()} on a thread of the directory's own.
     *
     * @throws StoreException the database failed, or holds more than {@code store.cacheSize} subscribers; the
     *                        store stays the caller's to close then
     */
    public static SubscriberDirectory load(SubscriberStore store, StoreSettings settings) {
        ExecutorScheduler thread = new ExecutorScheduler("subscriber-reload");
        try {
            return load(store, settings, thread, Runnable::run, Optional.of(thread));
        } catch (RuntimeException e) {
            thread.close();
            throw e;
        }
    }

    /**
     * As {@link #load(SubscriberStore, StoreSettings)}, with the reloads' time and thread given.
     *
     * @param scheduler when the periodic reloads (and those {@link #reloadAll} asks for) are due
     * @param reloader  where they run, off every call lane (tests: {@code Runnable::run} on the fake scheduler)
     */
    static SubscriberDirectory load(SubscriberStore store, StoreSettings settings, Scheduler scheduler,
                                    Executor reloader) {
        return load(store, settings, scheduler, reloader, Optional.empty());
    }

    private static SubscriberDirectory load(SubscriberStore store, StoreSettings settings, Scheduler scheduler,
                                            Executor reloader, Optional<ExecutorScheduler> ownThread) {
        Objects.requireNonNull(settings, "settings");
        SubscriberDirectory directory = new SubscriberDirectory(store, settings, scheduler, reloader, ownThread);
        try {
            long began = System.nanoTime();
            directory.memory.replaceWith(AllProfiles.read(store, settings.maxSubscribers()));
            log.info("{} subscriber profiles loaded in {} ms (store.cacheSize {})", directory.memory.size(),
                    Duration.ofNanos(System.nanoTime() - began).toMillis(), settings.maxSubscribers());
        } catch (RuntimeException e) {
            directory.writer.close(Duration.ZERO);
            throw e;
        }
        directory.schedulePeriodicReload();
        return directory;
    }

    /**
     * The profile of this number, from memory; never reads the database.
     *
     * @param e164 the number in E.164 with '+'; anything else is nobody's
     */
    public Optional<Subscriber> profile(String e164) {
        Objects.requireNonNull(e164, "e164");
        return memory.get(e164);
    }

    /** How many profiles this node holds. */
    public int size() {
        return memory.size();
    }

    /**
     * Another node changed, added or deleted this number's profile ({@link ProfileChangeListener}): it is read
     * again on the writer thread, after this node's writes queued before it, and replaces what memory holds.
     * Calls go on with the old copy meanwhile; if the database cannot be read, they keep it until the next reload.
     *
     * @return completes once memory holds what the database said (empty: no subscriber), or fails as the read did
     */
    public CompletableFuture<Optional<Subscriber>> changedElsewhere(String number) {
        if (number == null || !number.startsWith("+")) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (rereads.size() >= MAX_PENDING_REREADS) {
            // Another node is provisioning in bulk: one full reload instead of a queue that would crowd out this
            // node's own writes (the writer refuses beyond ProfileWriter.MAX_QUEUED_WRITES).
            if (!rereadsOverflowed) {
                rereadsOverflowed = true;
                log.info("more than {} profiles changed elsewhere at once: reloading every profile instead",
                        MAX_PENDING_REREADS);
            }
            reloadAll();
            return CompletableFuture.failedFuture(new StoreException("left to the full reload", null));
        }
        rereadsOverflowed = false;
        CompletableFuture<Optional<Subscriber>> reread = new CompletableFuture<>();
        CompletableFuture<Optional<Subscriber>> queued = rereads.putIfAbsent(number, reread);
        if (queued != null) {
            return queued; // not read yet: it will read this change too
        }
        writer.submit(() -> {
            // From here on a new announcement queues another read: this one may be too early for it.
            rereads.remove(number, reread);
            Optional<Subscriber> profile = store.find(number);
            held(number, profile);
            return profile;
        }).whenComplete((profile, failure) -> {
            rereads.remove(number, reread);
            if (failure == null) {
                reread.complete(profile);
                return;
            }
            if (!closed.get()) {
                log.warn("profile of {} changed elsewhere, not read again (the next reload will): {}", number,
                        Failures.oneLine(failure));
            }
            reread.completeExceptionally(failure);
        });
        return reread;
    }

    /** Changes may have been missed (the listener was reconnected): every profile is read again, off-lane. */
    public void reloadAll() {
        if (!closed.get()) {
            scheduler.schedule(Duration.ZERO, () -> reloader.execute(this::reloadNow));
        }
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
     * completes after the commit, with memory already updated; on a failure memory keeps the profile it had and the
     * future fails, with a {@link StoreException} when the database did.
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

    /** Reads the database, not memory: the operator sees changes made on other nodes at once. */
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

    /** Reads the database, not memory. */
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
            ownThread.ifPresent(ExecutorScheduler::close);
        } finally {
            store.close();
        }
    }

    private <T> CompletableFuture<T> write(String number, Supplier<T> storeWrite,
                                           Function<T, Optional<Subscriber>> heldAfter) {
        return writer.submit(() -> {
            // A write that throws leaves memory as it was. Had it committed after all, its NOTIFY (PostgreSQL)
            // or the next reload brings it.
            T result = storeWrite.get();
            held(number, heldAfter.apply(result));
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

    /** What memory holds for this number from now on; says once when the node holds more than it may. */
    private void held(String number, Optional<Subscriber> profile) {
        memory.set(number, profile);
        warnIfOverSize();
    }

    private void warnIfOverSize() {
        boolean over = memory.size() > mostSubscribers;
        if (over && !overSize) {
            log.warn("this node now holds {} subscriber profiles, more than store.cacheSize ({}): raise it, or the"
                    + " next start fails", memory.size(), mostSubscribers);
        }
        overSize = over;
    }

    /** The fallback for whatever did not arrive by NOTIFY: the next full reload, then the one after it. */
    private void schedulePeriodicReload() {
        if (!closed.get()) {
            // The next one is timed from this one's start: a reload slower than the interval is merged with the
            // next (see reloadNow), never queued behind itself.
            scheduler.schedule(reloadEvery, () -> {
                reloader.execute(this::reloadNow);
                schedulePeriodicReload();
            });
        }
    }

    /**
     * Reads every profile again and swaps them in, one reload at a time. One asked for while another runs makes
     * that one run once more (it may have read rows before the changes the new request is about).
     */
    private void reloadNow() {
        reloadAgain.set(true);
        while (reloadAgain.get() && reloading.compareAndSet(false, true)) {
            try {
                reloadAgain.set(false);
                if (!closed.get()) {
                    reloadOnce();
                }
            } finally {
                reloading.set(false);
            }
        }
    }

    private void reloadOnce() {
        memory.reloadBegins();
        Map<String, Subscriber> loaded;
        try {
            // No limit here: refusing subscribers would stop service; warnIfOverSize says what to do.
            loaded = AllProfiles.read(store, Long.MAX_VALUE);
        } catch (RuntimeException e) {
            memory.reloadFailed();
            if (!reloadFailing) {
                reloadFailing = true;
                log.warn("profiles cannot be reloaded; calls use the profiles this node has: {}",
                        Failures.oneLine(e));
            }
            return;
        }
        memory.replaceWith(loaded);
        warnIfOverSize();
        if (reloadFailing) {
            reloadFailing = false;
            log.info("profiles reload from the database again ({} held)", memory.size());
        }
    }
}
