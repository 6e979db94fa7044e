package kz.btcom.fs.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static kz.btcom.fs.sip.AdmissionDecisions.Verdict.ADMITTED;
import static kz.btcom.fs.sip.AdmissionDecisions.Verdict.ADMITTED_BEFORE;
import static kz.btcom.fs.sip.AdmissionDecisions.Verdict.REFUSED;
import static kz.btcom.fs.sip.AdmissionDecisions.Verdict.REFUSED_BEFORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 §2: one admission decision per INVITE transaction. The original INVITE and its retransmissions used to be
 * judged apart, so that as load came and went one copy was answered 503 and another relayed, and every copy refused
 * was counted. Time is a fake clock; the judgement flips between every arrival.
 */
class AdmissionDecisionsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AdmissionDecisions decisions = new AdmissionDecisions(now::get, AdmissionDecisions.REMEMBERED);
    private final CallLanes lanes = new CallLanes(1);

    @AfterEach
    void closeLanes() {
        lanes.close();
    }

    @Test
    void aRetransmissionGetsTheAnswerOfItsOriginalWhateverTheLoadIsNow() {
        assertEquals(REFUSED, decisions.decide("a@x", "z9hG4bK1", () -> true));
        assertEquals(REFUSED_BEFORE, decisions.decide("a@x", "z9hG4bK1", () -> false));
        assertEquals(ADMITTED, decisions.decide("b@x", "z9hG4bK2", () -> false));
        assertEquals(ADMITTED_BEFORE, decisions.decide("b@x", "z9hG4bK2", () -> true));
        // Another transaction of the same call (a new INVITE after the 503) is judged on its own.
        assertEquals(ADMITTED, decisions.decide("a@x", "z9hG4bK3", () -> false));
    }

    @Test
    void everyCopyOfARefusalCarriesTheSameToTagAndItsAckIsKnown() {
        decisions.decide("a@x", "z9hG4bK1", () -> true);
        String tag = decisions.of("a@x", "z9hG4bK1").refusalTag;
        decisions.decide("a@x", "z9hG4bK1", () -> false);
        assertEquals(tag, decisions.of("a@x", "z9hG4bK1").refusalTag);
        assertTrue(decisions.wasRefused("a@x", "z9hG4bK1"));
        assertFalse(decisions.wasRefused("a@x", "z9hG4bK9"));
    }

    @Test
    void theCallOfAnAdmittedInviteIsMadeOnceAndARefusedOneNever() {
        decisions.decide("a@x", "b1", () -> false);
        decisions.decide("r@x", "b2", () -> true);
        assertTrue(decisions.claim("a@x", "b1"));
        assertFalse(decisions.claim("a@x", "b1"), "a retransmission that reached the listener made a second call");
        assertFalse(decisions.claim("r@x", "b2"), "a refused INVITE became a call");
        assertTrue(decisions.claim("unjudged@x", "b3"), "a transaction admission never saw (not screened) is a call");
        assertFalse(decisions.claim("unjudged@x", "b3"));
    }

    @Test
    void aDecisionIsRememberedForTheSpanACallerRetransmitsInAndThenForgotten() {
        decisions.decide("a@x", "b1", () -> true);
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        decisions.decide("b@x", "b2", () -> false);
        decisions.forgetExpired();
        assertEquals(REFUSED_BEFORE, decisions.decide("a@x", "b1", () -> false));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        decisions.forgetExpired();
        assertNull(decisions.of("a@x", "b1"));
        assertEquals(1, decisions.size(), "only the younger decision is kept");
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        decisions.forgetExpired();
        assertEquals(0, decisions.size());
    }

    @Test
    void aFloodOfNewTransactionsDoesNotGrowTheTableBeyondItsCapacity() {
        AdmissionDecisions small = new AdmissionDecisions(now::get, AdmissionDecisions.REMEMBERED, 3);
        for (int i = 0; i < 10; i++) {
            assertEquals(ADMITTED, small.decide("flood-" + i, "b", () -> false));
        }
        assertEquals(3, small.size());
        assertEquals(ADMITTED_BEFORE, small.decide("flood-0", "b", () -> true), "the ones kept still answer the same");
    }

    /**
     * The race that kills it: every transaction's copies arrive while the server flips between overloaded and not
     * after each arrival. Each transaction gets one answer for all its copies, a refused one is counted once, and
     * only an admitted one becomes a call, once.
     */
    @Test
    void admissionFlippingWhileRetransmissionsArriveGivesEachTransactionOneAnswer() {
        AtomicBoolean overloaded = new AtomicBoolean();
        AtomicInteger counted = new AtomicInteger();
        // Refusing at once above the limit (no sustained wait asked): the judgement flips with every arrival.
        Admission admission = new Admission(new CallRegistry(), lanes, 1_000, 250, Duration.ZERO, now::get, 5,
                decisions, new Congestion(now::get, 100));
        admission.watchReceiveDelay(() -> overloaded.get() ? 1_000 : 0);
        admission.onRefused(counted::incrementAndGet);

        int transactions = 500;
        int copies = 4; // the original and three retransmissions (T1, 2 T1, 4 T1)
        List<Set<AdmissionDecisions.Verdict>> answers = new ArrayList<>();
        for (int t = 0; t < transactions; t++) {
            answers.add(EnumSet.noneOf(AdmissionDecisions.Verdict.class));
        }
        int refusedCalls = 0;
        int calls = 0;
        // Copy c of transaction t arrives in round c; the transactions of one round interleave.
        for (int copy = 0; copy < copies; copy++) {
            for (int t = 0; t < transactions; t++) {
                overloaded.set(!overloaded.get());
                AdmissionDecisions.Verdict verdict = admission.admit("call-" + t + "@x", "z9hG4bK" + t);
                answers.get(t).add(verdict);
                if (verdict == REFUSED) {
                    refusedCalls++;
                }
                if (!verdict.refuses() && decisions.claim("call-" + t + "@x", "z9hG4bK" + t)) {
                    calls++;
                }
                now.addAndGet(Duration.ofMillis(1).toNanos());
            }
        }
        for (int t = 0; t < transactions; t++) {
            Set<AdmissionDecisions.Verdict> got = answers.get(t);
            assertTrue(got.equals(EnumSet.of(REFUSED, REFUSED_BEFORE)) || got.equals(EnumSet.of(ADMITTED, ADMITTED_BEFORE)),
                    "transaction " + t + " was answered " + got);
        }
        assertTrue(refusedCalls > 0 && refusedCalls < transactions, "the flipping judgement refused some, not all");
        assertEquals(refusedCalls, counted.get(), "the rejection counter counts calls, not retransmissions");
        assertEquals(transactions - refusedCalls, calls, "every admitted transaction is one call, none refused is");
    }

    /** The same on threads: copies of one transaction judged at once on two stack threads get one judgement. */
    @Test
    void twoCopiesJudgedAtOnceOnTwoThreadsShareOneJudgement() throws Exception {
        AtomicInteger judgements = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int t = 0; t < 200; t++) {
                String callId = "race-" + t;
                CyclicBarrier together = new CyclicBarrier(2);
                CountDownLatch done = new CountDownLatch(2);
                List<Future<AdmissionDecisions.Verdict>> verdicts = new ArrayList<>();
                for (int copy = 0; copy < 2; copy++) {
                    boolean refuse = copy == 0; // each copy would be judged differently
                    verdicts.add(threads.submit(() -> {
                        together.await(5, TimeUnit.SECONDS);
                        try {
                            return decisions.decide(callId, "b", () -> {
                                judgements.incrementAndGet();
                                return refuse;
                            });
                        } finally {
                            done.countDown();
                        }
                    }));
                }
                AdmissionDecisions.Verdict first = verdicts.get(0).get(5, TimeUnit.SECONDS);
                AdmissionDecisions.Verdict second = verdicts.get(1).get(5, TimeUnit.SECONDS);
                assertEquals(first.refuses(), second.refuses(), callId + ": " + first + " and " + second);
                assertTrue(first == REFUSED || first == ADMITTED || second == REFUSED || second == ADMITTED,
                        "one copy is the new transaction");
            }
            assertEquals(200, judgements.get(), "one judgement per transaction");
        } finally {
            threads.shutdownNow();
        }
    }
}
