package kz.btcom.fs.service.waiting;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry of who is in which call: one atomic step per change, nothing left behind when calls end. */
class CallsInProgressTest {

    static final String B = "+77272777102";

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
                    String key = "call-" + thread + "-" + i;
                    String callee = "+7727277" + (7000 + i % 20);
                    String caller = "+7727277" + (8000 + thread);
                    calls.outgoing(caller, key);
                    if (calls.offer(callee, key, i % 2 == 0) != CallsInProgress.Offer.BUSY && i % 3 == 0) {
                        calls.answered(callee, key);
                    }
                    if (i % 5 == 0) {
                        calls.left(callee, key);
                    }
                    calls.ended(key);
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
        calls.outgoing("+77272777101", "c1");
        calls.offer(B, "c1", false);

        assertEquals(java.util.Optional.of(B), calls.calleeOf("c1"));
        calls.left(B, "c1");
        assertEquals(java.util.Optional.empty(), calls.calleeOf("c1"));
    }
}
