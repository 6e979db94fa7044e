package kz.btcom.fs.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on a {@link FakeClock}: tasks run, in the test's own thread, when the test advances time
 * past their due time, in order of due time (then of scheduling). Not thread-safe: tests are single-threaded.
 */
public final class FakeScheduler implements Scheduler {

    private record Task(Instant due, long sequence, Runnable runnable) {
    }

    private final FakeClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.due().equals(b.due())
            ? Long.compare(a.sequence(), b.sequence()) : a.due().compareTo(b.due()));
    private long sequence;

    public FakeScheduler(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public Timer schedule(Duration delay, Runnable runnable) {
        Task task = new Task(clock.instant().plus(delay), sequence++, runnable);
        queue.add(task);
        return () -> queue.remove(task);
    }

    /**
     * Moves the clock forward, running every task that falls due on the way, each at its own due time; or, when a
     * task before it moved the clock past that time (a test's stand-in for work that takes time), late, at once, as a
     * busy timer thread runs it.
     */
    public void advance(Duration duration) {
        Instant target = clock.instant().plus(duration);
        while (!queue.isEmpty() && !queue.peek().due().isAfter(target)) {
            Task task = queue.poll();
            if (task.due().isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), task.due()));
            }
            task.runnable().run();
        }
        if (target.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), target));
        }
    }

    public int pendingTasks() {
        return queue.size();
    }
}
