package kz.btcom.fs.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whether the server has room for a call of its own (a wake-up call): only while it takes calls, is below its cap,
 * and is not congested. Such a call waits instead of adding to an overload that sheds the core's calls.
 */
class OwnCallRoomTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicLong receiveDelay = new AtomicLong();
    private final CallLanes lanes = new CallLanes(1);
    private final Admission admission = new Admission(new CallRegistry(), lanes, 1_000, 250,
            java.time.Duration.ofMillis(500), now::get, 5,
            new AdmissionDecisions(now::get, AdmissionDecisions.REMEMBERED), new Congestion(now::get, 100));

    @AfterEach
    void closeLanes() {
        lanes.close();
    }

    @Test
    void roomWhileMessagesWaitNoLongerThanTheCongestionTarget() {
        admission.watchReceiveDelay(receiveDelay::get);

        assertTrue(admission.hasRoomForOwnCall());
        receiveDelay.set(100);
        assertTrue(admission.hasRoomForOwnCall());
        receiveDelay.set(101);
        assertFalse(admission.hasRoomForOwnCall(), "congested, though below the 250 ms at which calls are shed");
        receiveDelay.set(0);
        assertTrue(admission.hasRoomForOwnCall());
    }

    @Test
    void noRoomOnceTheServerStopsTakingCalls() {
        admission.stopAccepting();

        assertFalse(admission.hasRoomForOwnCall());
    }
}
