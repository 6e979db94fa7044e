package kz.btcom.fs.time;

import java.time.Duration;

/**
 * Timers for services (the no-reply timer, wake-up retries), injected so tests run them on a fake clock.
 * A task runs on the scheduler's thread: a service that touches call state hands it to the call's lane.
 */
public interface Scheduler {

    /** Runs {@code task} once after {@code delay}, unless cancelled first. */
    Timer schedule(Duration delay, Runnable task);

    /** A scheduled task. */
    interface Timer {
        /** Stops the task if it has not run yet; returns whether it was still pending. */
        boolean cancel();
    }
}
