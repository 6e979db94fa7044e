package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallControl;
import kz.btcom.fs.sip.testing.FakeCallTimers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A leg's service timers on fake time: they run on the lane, and only while the leg and the call may use them. */
class LegTimersTest {

    private final FakeCallTimers scheduler = new FakeCallTimers();
    /** The call's lane, as a queue the test drains: an expiry and a cancel can then meet in it. */
    private final List<Runnable> laneQueue = new ArrayList<>();
    private final Executor lane = laneQueue::add;
    private final List<String> ran = new ArrayList<>();
    private boolean legOver;
    private boolean callOver;
    private final LegTimers timers = new LegTimers("c1", scheduler, lane, () -> legOver, () -> callOver);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private void runLane() {
        while (!laneQueue.isEmpty()) {
            laneQueue.remove(0).run();
        }
    }

    @Test
    void aTimerRunsOnTheLaneWhenItsTimeComesAndNotBefore() {
        timers.schedule(Duration.ofSeconds(20), () -> ran.add("no reply"));

        scheduler.advance(Duration.ofSeconds(19));
        runLane();
        assertEquals(List.of(), ran);

        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), ran, "the expiry only queues it on the lane");
        runLane();
        assertEquals(List.of("no reply"), ran);
        assertEquals(0, timers.pending());
    }

    @Test
    void aCancelledTimerNeverRuns() {
        CallControl.Timer timer = timers.schedule(Duration.ofSeconds(20), () -> ran.add("no reply"));

        timer.cancel();
        scheduler.advance(Duration.ofSeconds(30));
        runLane();

        assertEquals(List.of(), ran);
        assertEquals(null, scheduler.untilNextTimer(), "its expiry went with it");
    }

    @Test
    void aCancelThatComesWhileTheExpiryWaitsInTheLaneStillWins() {
        CallControl.Timer timer = timers.schedule(Duration.ofSeconds(20), () -> ran.add("no reply"));
        scheduler.advance(Duration.ofSeconds(20)); // expired: queued on the lane

        timer.cancel(); // the callee answered first, on the lane
        runLane();

        assertEquals(List.of(), ran);
    }

    @Test
    void theLegsEndCancelsEveryTimerItHas() {
        timers.schedule(Duration.ofSeconds(5), () -> ran.add("not alerting"));
        timers.schedule(Duration.ofSeconds(20), () -> ran.add("no reply"));

        timers.cancelAll();
        scheduler.advance(Duration.ofSeconds(30));
        runLane();

        assertEquals(List.of(), ran);
        assertEquals(0, timers.pending());
    }

    @Test
    void aLegThatIsOverGetsATimerThatNeverRuns() {
        legOver = true;

        timers.schedule(Duration.ofSeconds(20), () -> ran.add("no reply")).cancel();
        scheduler.advance(Duration.ofSeconds(30));
        runLane();

        assertEquals(List.of(), ran);
        assertEquals(null, scheduler.untilNextTimer(), "nothing was even scheduled");
    }

    @Test
    void aTimerDueAfterTheCallEndedDoesNothing() {
        timers.schedule(Duration.ofSeconds(20), () -> ran.add("no reply"));

        callOver = true;
        scheduler.advance(Duration.ofSeconds(20));
        runLane();

        assertEquals(List.of(), ran);
        assertEquals(0, timers.pending());
    }

    @Test
    void aServiceTimerThatFailsLeavesTheOthersToRun() {
        timers.schedule(Duration.ofSeconds(1), () -> {
            throw new IllegalStateException("a bug in a service");
        });
        timers.schedule(Duration.ofSeconds(2), () -> ran.add("second"));

        scheduler.advance(Duration.ofSeconds(2));
        runLane();

        assertEquals(List.of("second"), ran);
    }

    @Test
    void aServerShuttingDownGivesATimerThatNeverRuns() {
        ScheduledThreadPoolExecutor shutDown = new ScheduledThreadPoolExecutor(1);
        shutDown.shutdownNow();
        LegTimers shuttingDown = new LegTimers("c1", shutDown, lane, () -> false, () -> false);

        shuttingDown.schedule(Duration.ofSeconds(1), () -> ran.add("no reply")).cancel();

        assertEquals(0, shuttingDown.pending());
        assertEquals(List.of(), ran);
    }
}
