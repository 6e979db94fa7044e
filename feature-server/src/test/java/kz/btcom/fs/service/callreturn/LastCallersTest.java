package kz.btcom.fs.service.callreturn;

import kz.btcom.fs.testing.InMemoryCallHistoryStores;
import kz.btcom.fs.time.FakeClock;
import kz.btcom.fs.time.FakeScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The last callers are kept in memory for the calls and written behind them, in batches, surviving a restart. */
class LastCallersTest {

    static final String A = "+77272777101";
    static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");

    final InMemoryCallHistoryStores.LastCalls store = new InMemoryCallHistoryStores.LastCalls();

    private static LastCall from(String caller, String callId) {
        return new LastCall(callId, caller, "tel:" + caller, false, T0, Optional.empty(),
                new CallOrigin(CallOrigin.Kind.CALLING_NUMBER, caller, ""));
    }

    @Test
    void aRecordedCallIsAnsweredFromMemoryAndReachesTheStoreOnlyWhenFlushed() {
        LastCallers lastCallers = LastCallers.manual(store);

        lastCallers.record(A, from("+77272777198", "c1"));

        assertEquals("+77272777198", lastCallers.of(A).orElseThrow().callerNumber());
        assertTrue(store.saved.isEmpty(), "no write in the call path");
        lastCallers.flush();
        assertEquals("c1", store.saved.get(A).callId());
    }

    @Test
    void aRestartFindsWhatWasFlushed() {
        LastCallers before = LastCallers.manual(store);
        before.record(A, from("+77272777198", "c1"));
        before.close();

        LastCallers after = LastCallers.manual(store);

        assertEquals(Optional.of("+77272777198"), after.of(A).flatMap(LastCall::callBackNumber));
    }

    @Test
    void manyCallsBetweenTwoFlushesAreOneWriteOfTheNewest() {
        LastCallers lastCallers = LastCallers.manual(store);
        for (int i = 0; i < 100; i++) {
            lastCallers.record(A, from("+7727277" + (7000 + i), "c" + i));
        }

        lastCallers.flush();

        assertEquals(1, store.saves);
        assertEquals("c99", store.saved.get(A).callId());
    }

    @Test
    void theEndOfTheLastCallIsNotedAndWritten() {
        LastCallers lastCallers = LastCallers.manual(store);
        lastCallers.record(A, from("+77272777198", "c1"));
        lastCallers.flush();

        lastCallers.ended(A, "c1", T0.plusSeconds(90));
        lastCallers.flush();

        assertEquals(Optional.of(T0.plusSeconds(90)), store.saved.get(A).endedAt());
    }

    @Test
    void theEndOfAnOlderCallDoesNotTouchANewerOne() {
        LastCallers lastCallers = LastCallers.manual(store);
        lastCallers.record(A, from("+77272777198", "c1"));
        lastCallers.record(A, from("+77272777199", "c2"));

        lastCallers.ended(A, "c1", T0.plusSeconds(90));

        assertEquals(Optional.empty(), lastCallers.of(A).orElseThrow().endedAt());
    }

    @Test
    void aFailedWriteIsKeptAndWrittenByTheNextFlush() {
        LastCallers lastCallers = LastCallers.manual(store);
        lastCallers.record(A, from("+77272777198", "c1"));
        store.failing = true;
        assertThrows(RuntimeException.class, lastCallers::flush);

        store.failing = false;
        lastCallers.flush();

        assertEquals("c1", store.saved.get(A).callId());
    }

    @Test
    void everyLastCallIsReadWhenTheServerStartsSoThatNoCallReadsTheDatabase() {
        store.saved.put(A, from("+77272777198", "before-the-restart"));
        LastCallers lastCallers = LastCallers.manual(store);
        store.failing = true;

        assertEquals("before-the-restart", lastCallers.of(A).orElseThrow().callId());
        assertEquals(Optional.empty(), lastCallers.of("+77272777102"), "not in memory: no incoming call, no query");
    }

    @Test
    void theWritingBehindRunsOnTheInjectedSchedulerEveryInterval() {
        FakeClock clock = FakeClock.at("2026-12-03T08:00:00Z");
        FakeScheduler scheduler = new FakeScheduler(clock);
        LastCallers lastCallers = LastCallers.start(store, scheduler, Duration.ofSeconds(1));
        lastCallers.record(A, from("+77272777198", "c1"));

        scheduler.advance(Duration.ofMillis(999));
        assertTrue(store.saved.isEmpty());
        scheduler.advance(Duration.ofMillis(1));
        assertEquals("c1", store.saved.get(A).callId());

        lastCallers.record(A, from("+77272777199", "c2"));
        store.failing = true;
        scheduler.advance(Duration.ofSeconds(1));
        store.failing = false;
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals("c2", store.saved.get(A).callId(), "a failed write is tried again at the next interval");

        lastCallers.close();
        assertEquals(0, scheduler.pendingTasks(), "closed: nothing left scheduled");
    }

    @Test
    void closingWritesWhatIsLeft() {
        FakeScheduler scheduler = new FakeScheduler(FakeClock.at("2026-12-03T08:00:00Z"));
        LastCallers lastCallers = LastCallers.start(store, scheduler, Duration.ofSeconds(1));
        lastCallers.record(A, from("+77272777198", "c1"));

        lastCallers.close();

        assertEquals("c1", store.saved.get(A).callId());
    }

    @Test
    void aRestrictedCallerHasNoNumberToCallBack() {
        LastCall restricted = new LastCall("c1", "+77272777198", "tel:+77272777198", true, T0, Optional.empty(),
                new CallOrigin(CallOrigin.Kind.CALLING_NUMBER, "+77272777198", ""));

        assertEquals(Optional.empty(), restricted.callBackNumber());
    }

    /** A call received {@code secondsAfterT0} after T0. */
    private static LastCall from(String caller, String callId, long secondsAfterT0) {
        return new LastCall(callId, caller, "tel:" + caller, false, T0.plusSeconds(secondsAfterT0), Optional.empty(),
                new CallOrigin(CallOrigin.Kind.CALLING_NUMBER, caller, ""));
    }

    /** What the database announces when a node has written {@code call} as A's last call. */
    private static String announced(LastCall call) {
        return LastCallNotice.of(A, call).payload();
    }

    @Test
    void aNewerCallWrittenByAnotherNodeReplacesTheCopyInMemory() {
        FakeScheduler scheduler = new FakeScheduler(FakeClock.at("2026-12-03T08:00:00Z"));
        LastCallers thisNode = LastCallers.start(store, scheduler, Duration.ofSeconds(1));
        thisNode.record(A, from("+77272777198", "before-the-move", 0));
        scheduler.advance(Duration.ofSeconds(1));
        // A's share was on the other node meanwhile (this one was out of the core's rotation, not restarted).
        LastCallers otherNode = LastCallers.start(store, scheduler, Duration.ofSeconds(1));
        LastCall newer = from("+77272777199", "after-the-move", 60);
        otherNode.record(A, newer);
        scheduler.advance(Duration.ofSeconds(1));

        thisNode.changedElsewhere(announced(store.saved.get(A)));

        assertEquals(Optional.of("+77272777199"), thisNode.of(A).flatMap(LastCall::callBackNumber),
                "*69# calls back the newest caller, whichever node recorded it");
        thisNode.close();
        otherNode.close();
        assertEquals(newer, store.saved.get(A));
    }

    @Test
    void anOlderCallNeverReplacesANewerOneInMemory() {
        LastCallers lastCallers = LastCallers.manual(store);
        LastCall newest = from("+77272777199", "newest", 60);
        lastCallers.record(A, newest);
        store.saved.put(A, from("+77272777198", "older", 0));

        lastCallers.changedElsewhere(announced(store.saved.get(A)));
        lastCallers.reloadAll();

        assertEquals(newest, lastCallers.of(A).orElseThrow());
        lastCallers.flush();
        assertEquals(newest, store.saved.get(A), "and it is still written");
    }

    @Test
    void anAnnouncementOfWhatThisNodeHasAlreadyReadsNothing() {
        LastCallers lastCallers = LastCallers.manual(store);
        LastCall call = from("+77272777198", "c1", 0);
        lastCallers.record(A, call);
        lastCallers.flush();
        store.failing = true;

        lastCallers.changedElsewhere(announced(call));

        assertEquals(call, lastCallers.of(A).orElseThrow(), "its own write, announced back: no read");
    }

    @Test
    void theEndOfTheSameCallNotedByAnotherNodeIsTaken() {
        LastCallers lastCallers = LastCallers.manual(store);
        lastCallers.record(A, from("+77272777198", "c1", 0));
        lastCallers.flush();
        store.saved.put(A, store.saved.get(A).endedAt(T0.plusSeconds(30)));

        lastCallers.changedElsewhere(announced(store.saved.get(A)));

        assertEquals(Optional.of(T0.plusSeconds(30)), lastCallers.of(A).orElseThrow().endedAt());
    }

    @Test
    void afterItsListenerReconnectsANodeTakesEveryNewerRow() {
        LastCallers lastCallers = LastCallers.manual(store);
        lastCallers.record(A, from("+77272777198", "old", 0));
        lastCallers.flush();
        // Written by another node while this node's listener was not connected: no announcement came.
        store.saved.put(A, from("+77272777199", "new", 60));
        store.saved.put("+77272777102", from("+77272777197", "first", 30));

        lastCallers.reloadAll();

        assertEquals("new", lastCallers.of(A).orElseThrow().callId());
        assertEquals("first", lastCallers.of("+77272777102").orElseThrow().callId());
    }

    @Test
    void anAnnouncementThatIsNotOneIsRefused() {
        LastCallers lastCallers = LastCallers.manual(store);

        assertThrows(IllegalArgumentException.class, () -> lastCallers.changedElsewhere("+77272777101"));
        assertThrows(IllegalArgumentException.class, () -> lastCallers.changedElsewhere("+77272777101 yesterday -"));
    }
}
