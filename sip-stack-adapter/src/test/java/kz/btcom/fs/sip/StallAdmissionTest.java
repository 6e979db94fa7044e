package kz.btcom.fs.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A stall is not an overload: the calls that arrive while messages wait longer than the hard limit (250 ms) are let
 * in until the wait has stayed above it for 500 ms; a wait that stays long sheds new calls until it is short again.
 * Fake time: each arrival is judged at a moment the test sets.
 */
class StallAdmissionTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicLong waitMillis = new AtomicLong();
    private final CallLanes lanes = new CallLanes(1);
    private final Admission admission = new Admission(new CallRegistry(), lanes, 1_000, 250, Duration.ofMillis(500),
            now::get, 5, new AdmissionDecisions(now::get, AdmissionDecisions.REMEMBERED),
            new Congestion(now::get, 100));
    private int arrivals;

    @AfterEach
    void closeLanes() {
        lanes.close();
    }

    @Test
    void theCallsThatArriveDuringAStallAreLetInOnceItDrains() {
        admission.watchReceiveDelay(waitMillis::get);

        // A 400 ms pause just ended: the 40 INVITEs it held are judged within 40 ms while the queue drains.
        for (int i = 0; i < 40; i++) {
            waitMillis.set(400 - 10L * i);
            assertEquals(AdmissionDecisions.Verdict.ADMITTED, arrive(Duration.ofMillis(1)), "call " + i);
        }
    }

    @Test
    void aWaitThatStaysAboveTheLimitForHalfASecondShedsUntilItIsShortAgain() {
        admission.watchReceiveDelay(waitMillis::get);
        waitMillis.set(300);

        assertEquals(AdmissionDecisions.Verdict.ADMITTED, arrive(Duration.ZERO));
        assertEquals(AdmissionDecisions.Verdict.ADMITTED, arrive(Duration.ofMillis(499)));
        assertEquals(AdmissionDecisions.Verdict.REFUSED, arrive(Duration.ofMillis(1)), "500 ms above the limit");
        assertEquals(AdmissionDecisions.Verdict.REFUSED, arrive(Duration.ofMillis(300)));

        waitMillis.set(20);
        assertEquals(AdmissionDecisions.Verdict.ADMITTED, arrive(Duration.ofMillis(10)));
        waitMillis.set(300);
        assertEquals(AdmissionDecisions.Verdict.ADMITTED, arrive(Duration.ofMillis(10)),
                "the half second starts again");
    }

    /** A new INVITE arrives {@code after} the one before. */
    private AdmissionDecisions.Verdict arrive(Duration after) {
        now.addAndGet(after.toNanos());
        arrivals++;
        return admission.admit("call-" + arrivals + "@core", "z9hG4bK-" + arrivals);
    }
}
