package kz.btcom.fs.service.waiting;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.session.CallSession;
import kz.btcom.fs.session.SessionCall;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static kz.btcom.fs.testing.CallSetups.call;
import static kz.btcom.fs.testing.CallSetups.withCallId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry of who is in which call: one atomic step per change per line, and what each call occupies held by the
 * call's session, so nothing is left behind when calls end.
 */
class CallsInProgressTest {

    static final String B = "+77272777102";
    static final String C = "+77272777103";
    static final CallEnd ENDED = new CallEnd(CallOutcome.ANSWERED, 200, CallEnd.Releaser.CALLER, Optional.empty(),
            Optional.empty(), Instant.parse("2026-12-06T08:00:00Z"), List.of());

    final CallsInProgress calls = new CallsInProgress();

    @Test
    void twoCallsOfferedAtOnceToAFreeLineCannotBothFindItFree() throws Exception {
        for (int round = 0; round < 200; round++) {
            CallsInProgress lines = new CallsInProgress();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<CallsInProgress.Offer> first = pool.submit(() -> lines.offer(B, "one", false));
            Future<CallsInProgress.Offer> second = pool.submit(() -> lines.offer(B, "two", false));
            List<CallsInProgress.Offer> offers = List.of(first.get(), second.get());
            pool.shutdown();

            assertTrue(offers.contains(CallsInProgress.Offer.DELIVERED) && offers.contains(CallsInProgress.Offer.BUSY),
                    "round " + round + ": " + offers);
        }
    }

    @Test
    void aCallOfferedAgainIsTheSameCall() {
        calls.offer(B, "one", false);

        assertEquals(CallsInProgress.Offer.DELIVERED, calls.offer(B, "one", false));
        assertEquals(1, calls.callsOf(B));
    }

    @Test
    void manyCallsFromManyThreadsLeaveNoLineBusyOnceTheyHaveEnded() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    // Each call on its own thread, as on its own lane: its session frees what it occupied.
                    SessionCall call = CallSession.start(withCallId(call("+7727277" + (8000 + thread),
                            "+7727277" + (7000 + i % 20)), "call-" + thread + "-" + i)).firstCall();
                    LinesInCall lines = LinesInCall.of(call, calls);
                    String callee = "+7727277" + (7000 + i % 20);
                    lines.outgoing("+7727277" + (8000 + thread));
                    if (lines.offer(callee, i % 2 == 0) != CallsInProgress.Offer.BUSY && i % 3 == 0) {
                        lines.answered(callee);
                    }
                    if (i % 5 == 0) {
                        lines.left(callee);
                    }
                    call.onEnded(ENDED);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(0, calls.busySubscribers());
    }

    @Test
    void theCalleeOfACallIsTheSubscriberItIsOfferedToNotItsCaller() {
        SessionCall call = CallSession.start(withCallId(call("+77272777101", B), "c1")).firstCall();
        LinesInCall lines = LinesInCall.of(call, calls);
        lines.outgoing("+77272777101");
        lines.offer(B, false);

        assertEquals(Optional.of(B), lines.callee());
        lines.left(B);
        assertEquals(Optional.empty(), lines.callee());
        assertFalse(calls.isIn(B, "c1"));
    }

    @Test
    void aForwardedCallsCalleeIsTheLatestLineItIsOfferedTo() {
        SessionCall call = CallSession.start(withCallId(call("+77272777101", B), "c1")).firstCall();
        LinesInCall lines = LinesInCall.of(call, calls);
        lines.offer(B, false);
        lines.offer(C, false);

        assertEquals(Optional.of(C), lines.callee());
    }

    @Test
    void theEndOfACallFreesEveryLineItOccupiedWithoutLookingTheCallUp() {
        SessionCall call = CallSession.start(withCallId(call("+77272777101", B), "c1")).firstCall();
        LinesInCall lines = LinesInCall.of(call, calls);
        lines.outgoing("+77272777101");
        lines.offer(B, false);
        lines.offer(C, false);

        call.onEnded(ENDED);

        assertEquals(0, calls.busySubscribers());
        assertEquals(Optional.empty(), LinesInCall.find(call), "the session forgets what the call held");
    }
}
