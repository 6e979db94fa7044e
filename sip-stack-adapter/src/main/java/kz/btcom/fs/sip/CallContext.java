package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.SipMetrics;

import javax.sip.SipProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What every call of one server shares: the stack, message building, the handler and bookkeeping, and the
 * scheduler of the services' timers (which only hands each expiry to its call's lane), and how often a confirmed
 * call's parties are asked whether they still know it ({@link DialogKeepAlive}; a zero interval is never), and
 * which call each onward leg's messages belong to, for signalling traces ({@link CallKeys}).
 */
record CallContext(SipProvider provider, SipMessages sip, OnwardInvite onward, SetupReader setupReader,
                   CallHandler handler, SipMetrics metrics, CallRegistry registry, CallLanes lanes,
                   ScheduledExecutorService timers, Clock clock, Duration keepAliveInterval,
                   Duration keepAliveTimeout, CallKeys callKeys) {

    /**
     * Runs {@code task} on the call's lane after {@code delay}: the timer thread only queues it there. Null when the
     * server is shutting down, and its calls with it.
     */
    ScheduledFuture<?> onLaneAfter(int lane, Duration delay, Runnable task) {
        try {
            return timers.schedule(() -> lanes.execute(lane, task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }
}
