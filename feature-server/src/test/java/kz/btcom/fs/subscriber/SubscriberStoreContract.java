package kz.btcom.fs.subscriber;

import kz.btcom.fs.subscriber.SubscriberStore.Change;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static kz.btcom.fs.subscriber.SampleProfiles.everythingSet;
import static kz.btcom.fs.subscriber.SampleProfiles.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link SubscriberStore} does, whatever keeps the profiles: each store runs these same tests. */
abstract class SubscriberStoreContract {

    private static final String ALMATY = "+77272777888";

    protected SubscriberStore store;

    /** A new store with no profiles in it. */
    protected abstract SubscriberStore openEmptyStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openEmptyStore();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aNewProfileIsCreatedAndAnExistingOneReplaced() {
        assertTrue(store.put(plain(ALMATY)));
        Subscriber suspended = plain(ALMATY).withStatus(LineStatus.SUSPENDED);

        assertFalse(store.put(suspended));
        assertEquals(Optional.of(suspended), store.find(ALMATY));
    }

    @Test
    void anUnknownNumberIsNotFound() {
        store.put(plain(ALMATY));

        assertEquals(Optional.empty(), store.find("+77272777889"));
    }

    @Test
    void everyFieldOfTheProfileRoundTrips() {
        store.put(everythingSet(ALMATY));

        assertEquals(Optional.of(everythingSet(ALMATY)), store.find(ALMATY));
    }

    @Test
    void forwardingTargetsRoundTripAsSetOrNone() {
        Forwarding someSet = new Forwarding(true, Optional.empty(), Optional.of("+77011234567"), Optional.empty(),
                20, Optional.of("+77172123456"));
        Subscriber subscriber = plain(ALMATY).withServices(Services.NONE.withForwarding(someSet));
        store.put(subscriber);
        assertEquals(someSet, store.find(ALMATY).orElseThrow().services().forwarding());

        store.put(subscriber.withServices(Services.NONE.withForwarding(someSet.withoutTargets())));
        Forwarding cleared = store.find(ALMATY).orElseThrow().services().forwarding();
        for (ForwardingKind kind : ForwardingKind.values()) {
            assertEquals(Optional.empty(), cleared.target(kind), kind.name());
        }
    }

    @Test
    void thePinIsKeptAsAHashThatStillMatches() {
        Pin pin = Pin.of("4821");
        store.put(plain(ALMATY).withPin(pin));

        Pin stored = store.find(ALMATY).orElseThrow().pin();
        assertEquals(pin.encoded(), stored.encoded());
        assertTrue(stored.encoded().startsWith("pbkdf2-sha256$"));
        assertTrue(stored.matches("4821"));
        assertFalse(stored.matches("1234"));
    }

    @Test
    void extraJsonRoundTripsVerbatim() {
        String extra = "{\"contract\":\"AL-2026/17\",\"note\":\"Қазақстан \\\"офис\\\" 100%_\",\"n\":[1,{\"a\":null}]}";
        store.put(new Subscriber(ALMATY, LineStatus.ACTIVE, SampleProfiles.PIN_1234, Services.NONE, PinGuard.CLEAR,
                extra));

        assertEquals(extra, store.find(ALMATY).orElseThrow().extraJson());
    }

    @Test
    void thePinLockRoundTripsToTheMillisecondInUtc() {
        Instant lockedUntil = Instant.parse("2026-03-31T23:59:59.987Z");
        store.put(plain(ALMATY).withPinGuard(new PinGuard(3, Optional.of(lockedUntil))));

        assertEquals(new PinGuard(3, Optional.of(lockedUntil)), store.find(ALMATY).orElseThrow().pinGuard());
    }

    @Test
    void deleteSaysWhetherThereWasAProfile() {
        store.put(plain(ALMATY));

        assertTrue(store.delete(ALMATY));
        assertFalse(store.delete(ALMATY));
        assertEquals(Optional.empty(), store.find(ALMATY));
    }

    @Test
    void listPagesThroughAPrefixInNumberOrder() {
        for (String number : List.of("+77272000005", "+77172000001", "+77272000001", "+77272000003",
                "+77282000000", "+77272000004", "+7727", "+77272000002")) {
            store.put(plain(number));
        }

        assertEquals(List.of("+7727", "+77272000001", "+77272000002"), numbers(store.list("+7727", "", 3)));
        assertEquals(List.of("+77272000003", "+77272000004", "+77272000005"),
                numbers(store.list("+7727", "+77272000002", 3)));
        assertEquals(List.of(), numbers(store.list("+7727", "+77272000005", 3)));
    }

    @Test
    void listWithoutAPrefixListsEveryNumber() {
        for (String number : List.of("+77272000002", "+77172000001", "+77011234567")) {
            store.put(plain(number));
        }

        assertEquals(List.of("+77011234567", "+77172000001", "+77272000002"), numbers(store.list("", "", 100)));
        assertEquals(List.of("+77272000002"), numbers(store.list("", "+77172000001", 100)));
    }

    @Test
    void wildcardsInThePrefixMatchOnlyThemselves() {
        for (String number : List.of("+7%1", "+7_1", "+7!1", "+771", "+7a1", "+7\\1")) {
            store.put(plain(number));
        }

        assertEquals(List.of("+7%1"), numbers(store.list("+7%", "", 10)));
        assertEquals(List.of("+7_1"), numbers(store.list("+7_", "", 10)));
        assertEquals(List.of("+7!1"), numbers(store.list("+7!", "", 10)));
        assertEquals(List.of("+7\\1"), numbers(store.list("+7\\", "", 10)));
        assertEquals(List.of(), numbers(store.list("%", "", 10)));
    }

    @Test
    void numbersAreOrderedByCharacterCodeWhateverTheDatabaseLocale() {
        // A linguistic collation orders punctuation differently ('_' before '!' in ICU), and paging by "after"
        // would then skip or repeat profiles.
        List<String> inCodeOrder = List.of("+7!1", "+7%1", "+71", "+7A1", "+7_1", "+7a1");
        for (String number : List.of("+7a1", "+7_1", "+71", "+7%1", "+7A1", "+7!1")) {
            store.put(plain(number));
        }

        assertEquals(inCodeOrder, numbers(store.list("+7", "", 10)));
        assertEquals(inCodeOrder.subList(3, 6), numbers(store.list("+7", "+71", 10)));
    }

    @Test
    void aPrefixEndingPastTheBasicCharactersStillMatchesExactly() {
        for (String number : List.of("+7\uE000", "+7\uE0001", "+7\uE001", "+7\uFFFF")) {
            store.put(plain(number));
        }

        assertEquals(List.of("+7\uE000", "+7\uE0001"), numbers(store.list("+7\uE000", "", 10)));
    }

    @Test
    void aLimitOfZeroListsNothingAndANegativeOneIsRefused() {
        store.put(plain(ALMATY));

        assertEquals(List.of(), store.list("", "", 0));
        assertThrows(IllegalArgumentException.class, () -> store.list("", "", -1));
    }

    @Test
    void updateWritesTheChangedProfileAndReturnsWhatTheChangeSaid() {
        store.put(plain(ALMATY));

        Optional<Change<Integer>> change = store.update(ALMATY, SampleProfiles::oneMoreFailure);

        assertEquals(1, change.orElseThrow().result());
        assertEquals(1, store.find(ALMATY).orElseThrow().pinGuard().failures());
    }

    @Test
    void updateOfAnUnknownNumberIsEmptyAndNeverRunsTheChange() {
        AtomicBoolean ran = new AtomicBoolean();

        Optional<Change<String>> change = store.update(ALMATY, subscriber -> {
            ran.set(true);
            return new Change<>(subscriber, "ran");
        });

        assertEquals(Optional.empty(), change);
        assertFalse(ran.get());
    }

    @Test
    void anUnchangedProfileIsReturnedAsItIs() {
        store.put(everythingSet(ALMATY));

        Change<String> change = store.update(ALMATY, subscriber -> new Change<>(subscriber, "just looking"))
                .orElseThrow();

        assertEquals("just looking", change.result());
        assertEquals(everythingSet(ALMATY), change.subscriber());
        assertEquals(Optional.of(everythingSet(ALMATY)), store.find(ALMATY));
    }

    @Test
    void aChangeThatThrowsChangesNothingAndItsExceptionReachesTheCaller() {
        store.put(plain(ALMATY));
        IllegalStateException bug = new IllegalStateException("a bug in the change");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> store.update(ALMATY, subscriber -> {
                    throw bug;
                }));

        assertSame(bug, thrown);
        assertEquals(Optional.of(plain(ALMATY)), store.find(ALMATY));
        assertEquals(1, store.update(ALMATY, SampleProfiles::oneMoreFailure).orElseThrow().result(),
                "the row is not left locked");
    }

    @Test
    void aChangeMayNotChangeTheNumber() {
        store.put(plain(ALMATY));

        assertThrows(IllegalArgumentException.class,
                () -> store.update(ALMATY, subscriber -> new Change<>(plain("+77272777889"), "moved")));
        assertEquals(Optional.empty(), store.find("+77272777889"));
    }

    @Test
    void concurrentUpdatesLoseNoChange() throws Exception {
        store.put(plain(ALMATY));
        int threads = 4;
        int updatesEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < updatesEach; i++) {
                        store.update(ALMATY, SampleProfiles::oneMoreFailure);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(threads * updatesEach, store.find(ALMATY).orElseThrow().pinGuard().failures());
    }

    @Test
    void concurrentPutsOfANewNumberCreateItExactlyOnce() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 15; round++) {
                String number = "+7727200" + (1000 + round);
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Boolean>> created = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    created.add(pool.submit(() -> {
                        start.await();
                        return store.put(plain(number));
                    }));
                }
                int creations = 0;
                for (Future<Boolean> future : created) {
                    creations += future.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, creations, number + " reported as created by " + creations + " puts");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> numbers(List<Subscriber> subscribers) {
        return subscribers.stream().map(Subscriber::number).toList();
    }
}
