package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The services' timers of one onward leg ({@link CallControl#schedule}): they expire on the server's call timers
 * and run on the call's lane, unless by then they were cancelled, the leg was over (answered, failed, left behind)
 * or the call ended. Everything but the expiry itself happens on the lane, so nothing here needs a lock.
 */
final class LegTimers {

    private static final Logger LOG = LoggerFactory.getLogger(LegTimers.class);

    private final String callId;
    private final ScheduledExecutorService scheduler;
    private final Executor lane;
    private final BooleanSupplier legOver;
    private final BooleanSupplier callOver;
    private final List<LegTimer> timers = new ArrayList<>(0);

    /**
     * @param scheduler the server's call timers (injected: fake time in tests)
     * @param lane      runs a task on the call's lane
     * @param legOver   true once a timer of this leg has nothing left to do
     * @param callOver  true once the call ended
     */
    LegTimers(String callId, ScheduledExecutorService scheduler, Executor lane, BooleanSupplier legOver,
              BooleanSupplier callOver) {
        this.callId = callId;
        this.scheduler = scheduler;
        this.lane = lane;
        this.legOver = legOver;
        this.callOver = callOver;
    }

    CallControl.Timer schedule(Duration delay, Runnable task) {
        LegTimer timer = new LegTimer(task);
        if (legOver.getAsBoolean()) {
            timer.done = true; // nothing for it to do: the leg is over
            return timer;
        }
        timers.add(timer);
        try {
            timer.future = scheduler.schedule(() -> lane.execute(timer::fire), Math.max(0, delay.toNanos()),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            timer.cancel(); // the server is shutting down
        }
        return timer;
    }

    /** The leg is over: none of its timers may run any more. */
    void cancelAll() {
        for (LegTimer timer : List.copyOf(timers)) {
            timer.cancel();
        }
    }

    /** Timers scheduled and neither run nor cancelled yet. */
    int pending() {
        return timers.size();
    }

    /** A service's timer: it expires on the timer thread, and runs on the call's lane, if it still may. */
    private final class LegTimer implements CallControl.Timer {
        private final Runnable task;
        private ScheduledFuture<?> future;
        /** Ran or cancelled. Only touched on the lane. */
        private boolean done;

        LegTimer(Runnable task) {
            this.task = task;
        }

        @Override
        public void cancel() {
            if (done) {
                return;
            }
            done = true;
            timers.remove(this);
            if (future != null) {
                future.cancel(false);
            }
        }

        /** On the lane: a cancel that came while the expiry waited in the lane's queue still wins. */
        void fire() {
            if (done) {
                return;
            }
            done = true;
            timers.remove(this);
            if (callOver.getAsBoolean()) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("call {}: a service timer failed", callId, e);
            }
        }
    }
}
