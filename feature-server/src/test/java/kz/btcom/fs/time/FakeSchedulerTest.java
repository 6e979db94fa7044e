package kz.btcom.fs.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test scheduler behaves as timers do, on a clock the test moves. */
class FakeSchedulerTest {

    private final FakeClock clock = FakeClock.at("2026-11-25T06:00:00Z");
    private final FakeScheduler scheduler = new FakeScheduler(clock);
    private final List<String> ran = new ArrayList<>();

    @Test
    void aTaskRunsWhenItsTimeComesAndNotBefore() {
        scheduler.schedule(Duration.ofSeconds(20), () -> ran.add("no-reply timer"));

        scheduler.advance(Duration.ofSeconds(19));
        assertEquals(List.of(), ran);

        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(List.of("no-reply timer"), ran);
    }

    @Test
    void aTaskSeesTheClockAtItsOwnDueTime() {
        List<Instant> seen = new ArrayList<>();
        scheduler.schedule(Duration.ofMinutes(5), () -> seen.add(clock.instant()));

        scheduler.advance(Duration.ofHours(1));

        assertEquals(List.of(Instant.parse("2026-11-25T06:05:00Z")), seen);
        assertEquals(Instant.parse("2026-11-25T07:00:00Z"), clock.instant());
    }

    @Test
    void tasksRunInOrderOfDueTimeThenOfScheduling() {
        scheduler.schedule(Duration.ofSeconds(2), () -> ran.add("b"));
        scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("a"));
        scheduler.schedule(Duration.ofSeconds(2), () -> ran.add("c"));

        scheduler.advance(Duration.ofSeconds(5));

        assertEquals(List.of("a", "b", "c"), ran);
    }

    @Test
    void aCancelledTaskDoesNotRun() {
        Scheduler.Timer timer = scheduler.schedule(Duration.ofSeconds(20), () -> ran.add("no-reply timer"));

        assertTrue(timer.cancel());
        scheduler.advance(Duration.ofMinutes(1));

        assertEquals(List.of(), ran);
        assertFalse(timer.cancel(), "nothing left to cancel");
    }

    @Test
    void aTaskCanScheduleTheNextOneLikeAWakeUpRetry() {
        scheduler.schedule(Duration.ofMinutes(5), () -> {
            ran.add("attempt 2");
            scheduler.schedule(Duration.ofMinutes(5), () -> ran.add("attempt 3"));
        });

        scheduler.advance(Duration.ofMinutes(10));

        assertEquals(List.of("attempt 2", "attempt 3"), ran);
        assertEquals(0, scheduler.pendingTasks());
    }
}
