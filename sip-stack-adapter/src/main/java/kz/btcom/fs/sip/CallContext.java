package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.SipMetrics;

import javax.sip.SipProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

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
}
