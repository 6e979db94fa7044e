package kz.btcom.fs.subscriber;

import kz.btcom.fs.subscriber.SubscriberStore.Change;
import kz.btcom.fs.testing.FakeTicker;
import kz.btcom.fs.testing.InMemorySubscriberStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static kz.btcom.fs.subscriber.SampleProfiles.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache in front of the store, on a fake ticker; background reloads run at once on the reading thread. */
class SubscriberDirectoryTest {

    private static final String ALMATY = "+77272777888";
    private static final String ASTANA = "+77172123456";
    private static final StoreSettings SETTINGS = StoreSettings.defaults();
    private static final Duration REFRESH = SETTINGS.cacheRefreshAfterWrite();

    private final InMemorySubscriberStore store = new InMemorySubscriberStore();
    private final FakeTicker ticker = new FakeTicker();
    private final SubscriberDirectory directory = new SubscriberDirectory(store, SETTINGS, ticker, Runnable::run);

    @AfterEach
    void close() {
        directory.close();
    }

    @Test
    void aProfileReadRecentlyComesFromMemory() {
        store.put(plain(ALMATY));

        for (int call = 0; call < 3; call++) {
            assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY));
        }
        assertEquals(1, store.finds());
    }

    @Test
    void aNumberThatIsNoSubscriberIsRememberedToo() {
        assertFalse(directory.isServed(ALMATY));
        assertFalse(directory.isServed(ALMATY));

        assertEquals(1, store.finds());
    }

    @Test
    void whatIsNoE164NumberIsNobodyAndNeverLookedUp() {
        assertEquals(Optional.empty(), directory.profile("anonymous"));
        assertEquals(Optional.empty(), directory.profile("77272777888"));

        assertEquals(0, store.finds());
    }

    @Test
    void aPutThroughTheDirectoryIsSeenByTheNextCall() {
        assertFalse(directory.isServed(ALMATY));

        assertTrue(directory.put(plain(ALMATY)));

        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY));
        assertEquals(Optional.of(plain(ALMATY)), store.find(ALMATY));
        assertEquals(2, store.finds(), "one cached miss, and the check just above");
    }

    @Test
    void aDeleteThroughTheDirectoryIsSeenByTheNextCall() {
        directory.put(plain(ALMATY));

        assertTrue(directory.delete(ALMATY));

        assertEquals(Optional.empty(), directory.profile(ALMATY));
        assertEquals(0, store.finds());
    }

    @Test
    void anUpdateThroughTheDirectoryIsSeenByTheNextCall() {
        directory.put(plain(ALMATY));

        assertEquals(1, directory.update(ALMATY, SampleProfiles::oneMoreFailure).orElseThrow().result());

        assertEquals(1, directory.profile(ALMATY).orElseThrow().pinGuard().failures());
        assertEquals(0, store.finds());
    }

    @Test
    void aChangeMadeElsewhereIsPickedUpOnceTheRefreshIntervalHasPassed() {
        store.put(plain(ALMATY));
        directory.profile(ALMATY);
        Subscriber suspendedElsewhere = plain(ALMATY).withStatus(LineStatus.SUSPENDED);
        store.put(suspendedElsewhere);

        ticker.advance(REFRESH.minusSeconds(1));
        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY), "not yet due");

        ticker.advance(Duration.ofSeconds(2));
        directory.profile(ALMATY);
        assertEquals(Optional.of(suspendedElsewhere), directory.profile(ALMATY));
        assertEquals(2, store.finds());
    }

    @Test
    void aDeleteMadeElsewhereIsPickedUpByTheRefreshAndASubscriberAddedElsewhereToo() {
        store.put(plain(ALMATY));
        directory.profile(ALMATY);
        directory.profile(ASTANA);
        store.delete(ALMATY);
        store.put(plain(ASTANA));

        ticker.advance(REFRESH.plusSeconds(1));
        directory.profile(ALMATY);
        directory.profile(ASTANA);

        assertFalse(directory.isServed(ALMATY));
        assertTrue(directory.isServed(ASTANA));
    }

    @Test
    void aRefreshThatFailsKeepsTheProfileTheNodeHas() {
        store.put(plain(ALMATY));
        directory.profile(ALMATY);
        store.failWith("connection refused");

        ticker.advance(REFRESH.plusSeconds(1));

        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY));
        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY));
    }

    @Test
    void aProfileNotReadForLongIsDroppedAndReadAgainWhenNeeded() {
        store.put(plain(ALMATY));
        directory.profile(ALMATY);

        ticker.advance(SETTINGS.cacheExpireAfterAccess().plusSeconds(1));
        directory.profile(ALMATY);

        assertEquals(2, store.finds());
    }

    @Test
    void aNumberNotInMemoryWhileTheDatabaseFailsIsAStoreException() {
        store.failWith("connection refused");

        StoreException failure = assertThrows(StoreException.class, () -> directory.profile(ALMATY));

        assertEquals("connection refused", failure.getMessage());
    }

    @Test
    void updateAsyncChangesTheProfileOnTheWriterThreadThenTheCache() throws Exception {
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
    void updateAsyncOfANumberThatIsNoSubscriberIsEmptyAndRemembered() throws Exception {
        assertEquals(Optional.empty(), directory.updateAsync(ALMATY, SampleProfiles::oneMoreFailure)
                .get(5, TimeUnit.SECONDS));

        assertFalse(directory.isServed(ALMATY));
        assertEquals(0, store.finds());
    }

    @Test
    void aFailedWriteFailsTheFutureAndDropsTheCachedProfile() throws Exception {
        directory.put(plain(ALMATY));
        directory.profile(ALMATY);
        store.failWith("disk full");

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> directory.updateAsync(ALMATY, SampleProfiles::oneMoreFailure).get(5, TimeUnit.SECONDS));

        assertInstanceOf(StoreException.class, failure.getCause());
        store.recover();
        directory.profile(ALMATY);
        assertEquals(1, store.finds(), "the next read went to the database");
    }

    @Test
    void aFailedPutThrowsTheStoreExceptionAndDropsTheCachedProfile() {
        store.put(plain(ALMATY));
        directory.profile(ALMATY);
        store.failWith("disk full");

        StoreException failure = assertThrows(StoreException.class,
                () -> directory.put(plain(ALMATY).withStatus(LineStatus.SUSPENDED)));

        assertEquals("disk full", failure.getMessage());
        store.recover();
        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY));
        assertEquals(2, store.finds());
    }

    @Test
    void anExceptionOfTheChangeReachesTheCallerAsItIs() {
        directory.put(plain(ALMATY));
        IllegalStateException bug = new IllegalStateException("bug");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> directory.update(ALMATY, subscriber -> {
                    throw bug;
                }));

        assertSame(bug, thrown);
    }

    @Test
    void aChangeThatWritesAProfileItselfFailsInsteadOfWaitingForever() {
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
    void findAndListAskTheDatabaseNotTheCache() {
        store.put(plain(ALMATY));
        directory.profile(ALMATY);
        Subscriber changedElsewhere = plain(ALMATY).withStatus(LineStatus.SUSPENDED);
        store.put(changedElsewhere);

        assertEquals(Optional.of(changedElsewhere), directory.find(ALMATY));
        assertEquals(List.of(changedElsewhere), directory.list("+7727", "", 10));
        assertEquals(Optional.of(plain(ALMATY)), directory.profile(ALMATY), "the call path until the refresh");
    }

    @Test
    void closeLetsQueuedChangesFinishThenClosesTheStore() throws Exception {
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
}
