package kz.btcom.fs.sip.testing;

import org.opentest4j.AssertionFailedError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The server's call timers on fake time: a timer runs when the test {@link #advance advances} the clock past its due
 * time, never by itself. What a timer does is queue its task on the call's lane, so what the task does (a BYE, an
 * OPTIONS) happens just after, on the lane, and the test awaits it as it awaits any message. Lanes schedule their
 * next timers from their own threads, hence {@link #awaitNextTimerIn}: the event to wait for before moving time on.
 * Only the scheduling methods the server uses are faked; the executor's own thread never gets a task.
 */
public final class FakeCallTimers extends ScheduledThreadPoolExecutor {

    private final PriorityQueue<FakeTimer> pending = new PriorityQueue<>();
    private long nowNanos;
    private long sequence;

    public FakeCallTimers() {
        super(1);
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        FakeTimer timer = new FakeTimer(task, nowNanos + unit.toNanos(Math.max(0, delay)), 0, sequence++);
        pending.add(timer);
        notifyAll();
        return timer;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the server schedules Runnables only");
    }

    @Override
    public synchronized ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay,
                                                                  TimeUnit unit) {
        FakeTimer timer = new FakeTimer(task, nowNanos + unit.toNanos(initialDelay), unit.toNanos(delay),
                sequence++);
        pending.add(timer);
        notifyAll();
        return timer;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return scheduleWithFixedDelay(task, initialDelay, period, unit);
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        pending.clear();
        super.shutdownNow();
        return new ArrayList<>();
    }

    /** Moves time on by {@code duration}, running each timer that falls due on the way, in order, at its time. */
    public void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = nowNanos + duration.toNanos();
        }
        while (true) {
            FakeTimer due;
            synchronized (this) {
                due = pending.peek();
                if (due == null || due.dueNanos > target) {
                    nowNanos = target;
                    return;
                }
                pending.poll();
                nowNanos = due.dueNanos;
                if (due.periodNanos > 0) {
                    pending.add(due.next(sequence++));
                }
            }
            due.task.run(); // outside the lock: it only queues work on a lane
        }
    }

    /** How long from now until the next timer is due; null when none is pending. */
    public synchronized Duration untilNextTimer() {
        FakeTimer next = pending.peek();
        return next == null ? null : Duration.ofNanos(next.dueNanos - nowNanos);
    }

    /**
     * Waits (bounded) until the next timer is due in exactly {@code expected}: a lane has (re)scheduled what the test
     * is about to move time past.
     */
    public synchronized void awaitNextTimerIn(Duration expected) {
        long deadline = System.nanoTime() + SipPeer.WAIT.toNanos();
        while (!expected.equals(untilNextTimer())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionFailedError("the next timer due in " + expected + ", not " + untilNextTimer()
                        + " (" + pending.size() + " pending)", expected, untilNextTimer());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("interrupted while waiting for timers");
            }
        }
    }

    private synchronized boolean cancel(FakeTimer timer) {
        boolean removed = pending.remove(timer);
        notifyAll();
        return removed;
    }

    private final class FakeTimer implements ScheduledFuture<Object> {
        final Runnable task;
        final long dueNanos;
        final long periodNanos;
        final long order;
        volatile boolean cancelled;

        FakeTimer(Runnable task, long dueNanos, long periodNanos, long order) {
            this.task = task;
            this.dueNanos = dueNanos;
            this.periodNanos = periodNanos;
            this.order = order;
        }

        FakeTimer next(long nextOrder) {
            return new FakeTimer(task, dueNanos + periodNanos, periodNanos, nextOrder);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            synchronized (FakeCallTimers.this) {
                return unit.convert(dueNanos - nowNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public int compareTo(Delayed other) {
            FakeTimer that = (FakeTimer) other;
            int byDue = Long.compare(dueNanos, that.dueNanos);
            return byDue != 0 ? byDue : Long.compare(order, that.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return FakeCallTimers.this.cancel(this);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException("nobody waits on a call timer");
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("nobody waits on a call timer");
        }
    }
}
