package kz.btcom.fs.subscriber;

import kz.btcom.fs.subscriber.SubscriberStore.Change;
import kz.btcom.fs.testing.InMemorySubscriberStore;
import kz.btcom.fs.time.FakeClock;
import kz.btcom.fs.time.FakeScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static kz.btcom.fs.subscriber.SampleProfiles.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every profile in memory, on fake time: loaded at start, written through, re-read when another node announces a
 * change, reloaded whole every {@code reloadInterval}. Reloads run on the test's thread when it advances time,
 * except where a reload has to race a change.
 */
class SubscriberDirectoryTest {

    private static final String ALMATY = "+77272777888";
    private static final String ASTANA = "+77172123456";
    private static final String SHYMKENT = "+77252555666";
    private static final StoreSettings SETTINGS = StoreSettings.defaults();
    private static final Duration RELOAD = SETTINGS.reloadInterval();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final InMemorySubscriberStore store = new InMemorySubscriberStore();
    private final FakeScheduler scheduler = new FakeScheduler(FakeClock.at("2026-11-25T08:00:00Z"));
    private SubscriberDirectory directory;

    private SubscriberDirectory start() {
        return start(SETTINGS, store);
    }

    private SubscriberDirectory start(StoreSettings settings, SubscriberStore from) {
        directory = SubscriberDirectory.load(from, settings, scheduler, Runnable::run);
        return directory;
    }

    @AfterEach
    void close() {
        if (directory != null) {
            directory.close();
        }
    }

    // Loaded at start

    @Test
    void everyProfileOfTheDatabaseIsInMemoryBeforeTheFirstCall() {
        store.put(plain(ALMATY));
        store.put(plain(ASTANA));

        start();

        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY));
        assertEquals(Optional.of(plain(ASTANA)), directory.profile(ASTANA));
        assertEquals(2, directory.size());
        assertEquals(0, store.finds(), "no call read the database");
    }

    @Test
    void aLargeTableIsLoadedInPages() {
        int lines = 2 * AllProfiles.PAGE + 1;
        for (int i = 0; i < lines; i++) {
            store.put(plain("+7727" + (1_000_000 + i)));
        }

        start();

        assertEquals(lines, directory.size());
        assertEquals(3, store.lists(), "two full pages and the last one");
        assertTrue(directory.isServed("+7727" + (1_000_000 + lines - 1)));
    }

    @Test
    void aDatabaseWithMoreSubscribersThanTheCacheSizeFailsTheStartNamingTheKeyAndTheCounts() {
        store.put(plain(ALMATY));
        store.put(plain(ASTANA));
        store.put(plain(SHYMKENT));

        StoreException failure = assertThrows(StoreException.class,
                () -> start(SETTINGS.withMaxSubscribers(2), store));

        assertEquals("the database holds 3 subscribers, more than store.cacheSize (2), the most this node holds in"
                + " memory: raise store.cacheSize to at least 3", failure.getMessage());
        assertFalse(store.isClosed(), "the caller closes what it opened");
    }

    @Test
    void aDatabaseThatCannotBeReadFailsTheStart() {
        store.failWith("connection refused");

        StoreException failure = assertThrows(StoreException.class, this::start);

        assertEquals("connection refused", failure.getMessage());
    }

    // Calls read memory only

    @Test
    void aNumberNotInMemoryIsNoSubscriberOfOursAndCostsNoRead() {
        store.put(plain(ALMATY));
        start();
        int pagesRead = store.lists();

        assertFalse(directory.isServed(ASTANA));
        assertFalse(directory.isServed(ASTANA));

        assertEquals(0, store.finds());
        assertEquals(pagesRead, store.lists());
    }

    @Test
    void whatIsNoE164NumberIsNobody() {
        start();

        assertEquals(Optional.empty(), directory.profile("anonymous"));
        assertEquals(Optional.empty(), directory.profile("77272777888"));
        assertEquals(0, store.finds());
    }

    @Test
    void callsAreServedFromMemoryWhileTheDatabaseIsDown() {
        store.put(plain(ALMATY));
        store.put(plain(ASTANA));
        start();

        store.failWith("connection refused");

        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY));
        assertEquals(Optional.of(plain(ASTANA)), directory.profile(ASTANA));
        assertFalse(directory.isServed(SHYMKENT));
    }

    // Changes made through this directory

    @Test
    void aPutThroughTheDirectoryIsSeenByTheNextCall() {
        start();

        assertTrue(directory.put(plain(ALMATY)));

        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY));
        assertEquals(Optional.of(plain(ALMATY)), store.find(ALMATY));
    }

    @Test
    void aDeleteThroughTheDirectoryIsSeenByTheNextCall() {
        start();
        directory.put(plain(ALMATY));

        assertTrue(directory.delete(ALMATY));

        assertEquals(Optional.empty(), directory.profile(ALMATY));
        assertEquals(0, store.finds());
    }

    @Test
    void anUpdateThroughTheDirectoryIsSeenByTheNextCall() {
        start();
        directory.put(plain(ALMATY));

        assertEquals(1, directory.update(ALMATY, SampleProfiles::oneMoreFailure).orElseThrow().result());

        assertEquals(1, directory.profile(ALMATY).orElseThrow().pinGuard().failures());
        assertEquals(0, store.finds());
    }

    @Test
    void updateAsyncChangesTheProfileOnTheWriterThreadThenMemory() throws Exception {
        start();
        directory.put(plain(ALMATY));
        AtomicReference<String> changedOn = new AtomicReference<>();

        Optional<Change<String>> change = directory.updateAsync(ALMATY, subscriber -> {
            changedOn.set(Thread.currentThread().getName());
            return new Change<>(subscriber.withStatus(LineStatus.SUSPENDED), "suspended");
        }).get(5, TimeUnit.SECONDS);

        assertEquals("suspended", change.orElseThrow().result());
        assertEquals("subscriber-writer", changedOn.get());
        assertTrue(directory.profile(ALMATY).orElseThrow().isSuspended());
        assertEquals(0, store.finds());
    }

    @Test
    void updateAsyncReturnsBeforeTheWriteIsDone() throws Exception {
        start();
        directory.put(plain(ALMATY));
        CountDownLatch databaseSlow = new CountDownLatch(1);

        CompletableFuture<Optional<Change<Integer>>> change = directory.updateAsync(ALMATY, subscriber -> {
            await(databaseSlow);
            return SampleProfiles.oneMoreFailure(subscriber);
        });

        assertFalse(change.isDone());
        databaseSlow.countDown();
        assertEquals(1, change.get(5, TimeUnit.SECONDS).orElseThrow().result());
    }

    @Test
    void changesAreWrittenInTheOrderTheyWereAskedFor() throws Exception {
        start();
        directory.put(plain(ALMATY));
        List<CompletableFuture<Optional<Change<Integer>>>> changes = new ArrayList<>();

        for (int i = 0; i < 50; i++) {
            changes.add(directory.updateAsync(ALMATY, SampleProfiles::oneMoreFailure));
        }

        for (int i = 0; i < 50; i++) {
            assertEquals(i + 1, changes.get(i).get(5, TimeUnit.SECONDS).orElseThrow().result());
        }
        assertEquals(50, directory.profile(ALMATY).orElseThrow().pinGuard().failures());
    }

    @Test
    void updateAsyncOfANumberThatIsNoSubscriberIsEmpty() throws Exception {
        start();

        assertEquals(Optional.empty(), directory.updateAsync(ALMATY, SampleProfiles::oneMoreFailure)
                .get(5, TimeUnit.SECONDS));

        assertFalse(directory.isServed(ALMATY));
        assertEquals(0, store.finds());
    }

    @Test
    void aFailedUpdateFailsTheFutureAndLeavesMemoryAsItWas() {
        store.put(plain(ALMATY));
        start();
        store.failWith("disk full");

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> directory.updateAsync(ALMATY, SampleProfiles::oneMoreFailure).get(5, TimeUnit.SECONDS));

        assertInstanceOf(StoreException.class, failure.getCause());
        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY));
    }

    @Test
    void aFailedPutOrDeleteThrowsTheStoreExceptionAndLeavesMemoryAsItWas() {
        store.put(plain(ALMATY));
        start();
        store.failWith("disk full");

        StoreException put = assertThrows(StoreException.class,
                () -> directory.put(plain(ALMATY).withStatus(LineStatus.SUSPENDED)));
        StoreException created = assertThrows(StoreException.class, () -> directory.put(plain(ASTANA)));
        StoreException delete = assertThrows(StoreException.class, () -> directory.delete(ALMATY));

        assertEquals("disk full", put.getMessage());
        assertEquals("disk full", created.getMessage());
        assertEquals("disk full", delete.getMessage());
        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY));
        assertFalse(directory.isServed(ASTANA));
    }

    @Test
    void anExceptionOfTheChangeReachesTheCallerAsItIs() {
        start();
        directory.put(plain(ALMATY));
        IllegalStateException bug = new IllegalStateException("bug");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> directory.update(ALMATY, subscriber -> {
                    throw bug;
                }));

        assertSame(bug, thrown);
        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY));
    }

    @Test
    void aChangeThatWritesAProfileItselfFailsInsteadOfWaitingForever() {
        start();
        directory.put(plain(ALMATY));

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> directory.updateAsync(ALMATY, subscriber -> {
                    directory.put(plain(ASTANA));
                    return new Change<>(subscriber, "never");
                }).get(5, TimeUnit.SECONDS));

        assertInstanceOf(IllegalStateException.class, failure.getCause());
        assertEquals(Optional.empty(), store.find(ASTANA));
    }

    @Test
    void aNodeAlreadyRunningTakesSubscribersPastTheCacheSizeRatherThanRefuseThem() {
        store.put(plain(ALMATY));
        start(SETTINGS.withMaxSubscribers(1), store);

        assertTrue(directory.put(plain(ASTANA)));

        assertTrue(directory.isServed(ASTANA));
        assertEquals(2, directory.size());
    }

    // Changes made elsewhere

    @Test
    void aChangeAnnouncedByAnotherNodeReplacesTheProfile() throws Exception {
        store.put(plain(ALMATY));
        start();
        Subscriber suspendedElsewhere = plain(ALMATY).withStatus(LineStatus.SUSPENDED);
        store.put(suspendedElsewhere);
        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY), "not announced yet");

        directory.changedElsewhere(ALMATY).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(Optional.of(suspendedElsewhere), directory.profile(ALMATY));
        assertEquals(1, store.finds(), "that one number, read on the writer thread");
    }

    @Test
    void aLineAddedOrDeletedByAnotherNodeAppearsOrDisappears() throws Exception {
        store.put(plain(ALMATY));
        start();
        store.put(plain(ASTANA));
        store.delete(ALMATY);

        directory.changedElsewhere(ASTANA).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        directory.changedElsewhere(ALMATY).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertTrue(directory.isServed(ASTANA));
        assertFalse(directory.isServed(ALMATY));
    }

    @Test
    void anAnnouncementThatCannotBeReadKeepsTheProfileTheNodeHas() {
        store.put(plain(ALMATY));
        start();
        store.failWith("connection refused");

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> directory.changedElsewhere(ALMATY).get(WAIT.toSeconds(), TimeUnit.SECONDS));

        assertInstanceOf(StoreException.class, failure.getCause());
        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY));
    }

    @Test
    void announcementsOfOneNumberWaitingTogetherAreReadOnce() throws Exception {
        store.put(plain(ALMATY));
        start();
        CountDownLatch writerBusy = new CountDownLatch(1);
        CompletableFuture<?> slowWrite = directory.updateAsync(ALMATY, subscriber -> {
            await(writerBusy);
            return new Change<>(subscriber, null);
        });

        CompletableFuture<Optional<Subscriber>> first = directory.changedElsewhere(ASTANA);
        CompletableFuture<Optional<Subscriber>> second = directory.changedElsewhere(ASTANA);
        writerBusy.countDown();

        assertSame(first, second);
        first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        slowWrite.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(1, store.finds());
    }

    @Test
    void aFloodOfAnnouncementsBecomesOneFullReloadRatherThanCrowdOutThisNodesWrites() throws Exception {
        start();
        directory.put(plain(ALMATY));
        for (int i = 0; i < SubscriberDirectory.MAX_PENDING_REREADS; i++) {
            store.put(plain("+7727" + (2_000_000 + i)));
        }
        store.put(plain(SHYMKENT));
        int pagesRead = store.lists();
        // The store's lock is held by the write: nothing may touch the store until it is released.
        CountDownLatch writerBusy = new CountDownLatch(1);
        CompletableFuture<?> slowWrite = directory.updateAsync(ALMATY, subscriber -> {
            await(writerBusy);
            return new Change<>(subscriber, null);
        });
        for (int i = 0; i < SubscriberDirectory.MAX_PENDING_REREADS; i++) {
            directory.changedElsewhere("+7727" + (2_000_000 + i));
        }

        CompletableFuture<Optional<Subscriber>> overflow = directory.changedElsewhere(SHYMKENT);
        assertTrue(overflow.isCompletedExceptionally(), "not queued");
        writerBusy.countDown();
        slowWrite.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        scheduler.advance(Duration.ZERO);

        assertTrue(store.lists() > pagesRead, "every profile read again");
        assertTrue(directory.isServed(SHYMKENT));
        assertEquals(SubscriberDirectory.MAX_PENDING_REREADS + 2, directory.size());
    }

    // The periodic reload

    @Test
    void thePeriodicReloadPicksUpChangesMadeStraightInTheDatabase() {
        store.put(plain(ALMATY));
        store.put(plain(ASTANA));
        start();
        Subscriber suspended = plain(ALMATY).withStatus(LineStatus.SUSPENDED);
        store.put(suspended);
        store.delete(ASTANA);
        store.put(plain(SHYMKENT));

        scheduler.advance(RELOAD.minusSeconds(1));
        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY), "not yet due");
        assertTrue(directory.isServed(ASTANA), "not yet due");

        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of(suspended), directory.profile(ALMATY));
        assertFalse(directory.isServed(ASTANA));
        assertTrue(directory.isServed(SHYMKENT));
        assertEquals(0, store.finds());
    }

    @Test
    void theReloadComesBackEveryInterval() {
        start();
        int pagesAtStart = store.lists();

        scheduler.advance(RELOAD.multipliedBy(3));

        assertEquals(pagesAtStart + 3, store.lists());
    }

    @Test
    void aReloadThatFailsKeepsTheProfilesAndTheNextOneCatchesUp() {
        store.put(plain(ALMATY));
        start();
        store.failWith("connection refused");

        scheduler.advance(RELOAD);
        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY));

        store.recover();
        store.put(plain(ASTANA));
        scheduler.advance(RELOAD);
        assertTrue(directory.isServed(ASTANA));
    }

    @Test
    void reloadAllReadsEverythingAgainAtOnceOffTheCallersThread() {
        start();
        store.put(plain(ALMATY));

        directory.reloadAll();
        assertFalse(directory.isServed(ALMATY), "handed to the scheduler, not read on the listener's thread");
        scheduler.advance(Duration.ZERO);

        assertTrue(directory.isServed(ALMATY));
    }

    @Test
    void aReloadRacingALocalChangeKeepsTheLocalChange() throws Exception {
        store.put(plain(ALMATY));
        store.put(plain(ASTANA));
        PausingStore pausing = new PausingStore(store);
        ExecutorService reloadThread = Executors.newSingleThreadExecutor();
        directory = SubscriberDirectory.load(pausing, SETTINGS, scheduler, reloadThread);
        Subscriber suspended = plain(ALMATY).withStatus(LineStatus.SUSPENDED);

        pausing.pauseNextList();
        scheduler.advance(RELOAD);
        assertTrue(pausing.pageRead.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the reload has read its page");
        directory.put(suspended);
        directory.delete(ASTANA);
        directory.put(plain(SHYMKENT));
        pausing.release.countDown();
        reloadThread.shutdown();
        assertTrue(reloadThread.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS), "the reload is done");

        assertEquals(Optional.of(suspended), directory.profile(ALMATY));
        assertFalse(directory.isServed(ASTANA));
        assertTrue(directory.isServed(SHYMKENT));
    }

    // The operator's reads and the end

    @Test
    void findAndListAskTheDatabaseNotMemory() {
        store.put(plain(ALMATY));
        start();
        Subscriber changedElsewhere = plain(ALMATY).withStatus(LineStatus.SUSPENDED);
        store.put(changedElsewhere);

        assertEquals(Optional.of(changedElsewhere), directory.find(ALMATY));
        assertEquals(List.of(changedElsewhere), directory.list("+7727", "", 10));
        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY), "the call path until it is announced");
    }

    @Test
    void closeLetsQueuedChangesFinishThenClosesTheStore() throws Exception {
        start();
        directory.put(plain(ALMATY));
        CompletableFuture<Optional<Change<Integer>>> queued =
                directory.updateAsync(ALMATY, SampleProfiles::oneMoreFailure);

        directory.close();

        assertEquals(1, queued.get(5, TimeUnit.SECONDS).orElseThrow().result());
        assertTrue(store.isClosed());
        ExecutionException afterClose = assertThrows(ExecutionException.class,
                () -> directory.updateAsync(ALMATY, SampleProfiles::oneMoreFailure).get(5, TimeUnit.SECONDS));
        assertInstanceOf(StoreException.class, afterClose.getCause());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("the test did not release the write");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A store whose next page, once asked for, is read and then held back until the test releases it. */
    private static final class PausingStore implements SubscriberStore {
        private final SubscriberStore delegate;
        private volatile boolean pauseNext;
        final CountDownLatch pageRead = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        PausingStore(SubscriberStore delegate) {
            this.delegate = delegate;
        }

        void pauseNextList() {
            pauseNext = true;
        }

        @Override
        public List<Subscriber> list(String prefix, String after, int limit) {
            List<Subscriber> page = delegate.list(prefix, after, limit);
            if (pauseNext) {
                pauseNext = false;
                pageRead.countDown();
                SubscriberDirectoryTest.await(release);
            }
            return page;
        }

        @Override
        public Optional<Subscriber> find(String number) {
            return delegate.find(number);
        }

        @Override
        public boolean put(Subscriber subscriber) {
            return delegate.put(subscriber);
        }

        @Override
        public boolean delete(String number) {
            return delegate.delete(number);
        }

        @Override
        public <R> Optional<Change<R>> update(String number, Function<Subscriber, Change<R>> change) {
            return delegate.update(number, change);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
