package kz.btcom.fs.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real scheduler runs tasks on its own thread; no timing is measured here. */
class ExecutorSchedulerTest {

    @Test
    void aScheduledTaskRuns() throws InterruptedException {
        try (ExecutorScheduler scheduler = new ExecutorScheduler("test-timers")) {
            CountDownLatch ran = new CountDownLatch(1);

            scheduler.schedule(Duration.ofMillis(1), ran::countDown);

            assertTrue(ran.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCancelledTaskIsNoLongerPending() {
        try (ExecutorScheduler scheduler = new ExecutorScheduler("test-timers")) {
            Scheduler.Timer timer = scheduler.schedule(Duration.ofHours(1), () -> { });

            assertTrue(timer.cancel());
            assertFalse(timer.cancel());
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheTimersAfterIt() throws InterruptedException {
        try (ExecutorScheduler scheduler = new ExecutorScheduler("test-timers")) {
            CountDownLatch ran = new CountDownLatch(1);

            scheduler.schedule(Duration.ZERO, () -> {
                throw new IllegalStateException("a service bug");
            });
            scheduler.schedule(Duration.ofMillis(1), ran::countDown);

            assertTrue(ran.await(10, TimeUnit.SECONDS));
        }
    }
}
