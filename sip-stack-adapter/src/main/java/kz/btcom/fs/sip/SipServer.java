package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.CallPlacer;
import kz.btcom.fs.call.SipMessageTap;
import kz.btcom.fs.call.SipMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The feature server's SIP interface: a B2BUA on JAIN-SIP, listening on UDP and TCP. */
public final class SipServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipServer.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /*
     * Queueing delay above which new calls are shed: longer than a GC pause (20-100 ms measured), shorter than
     * the callers' INVITE retransmission timer (T1, 500 ms), after which retransmissions add load exactly when
     * there is none to spare.
     */
    private static final long MAX_QUEUEING_MILLIS = 250;
    /*
     * How long the queueing delay must stay above MAX_QUEUEING_MILLIS before it sheds: a single stall (seen on a
     * loaded 2-core machine: 100 calls/s, a neighbour hashing on one core, a few 300-600 ms pauses) let through,
     * it drains in tens of milliseconds; an overload stays. Meanwhile the congestion's rate holds new calls back.
     */
    private static final Duration SUSTAINED_QUEUEING = Duration.ofMillis(500);
    /*
     * Queueing delay above which the rate of new calls let in comes down (and below half of which it goes up again):
     * a call's set-up crosses the receive queue about three times, and must be done well within T1.
     */
    private static final long TARGET_QUEUEING_MILLIS = 100;

    private final String stackName;
    private final SipStack stack;
    private final CallRegistry registry;
    private final CallLanes lanes;
    private final Admission admission;
    private final ScheduledThreadPoolExecutor timers;
    private final OutgoingCalls placer;
    private final CallMoves mover;

    private SipServer(String stackName, SipStack stack, CallRegistry registry, CallLanes lanes, Admission admission,
                      ScheduledThreadPoolExecutor timers, OutgoingCalls placer, CallMoves mover) {
        this.stackName = stackName;
        this.stack = stack;
        this.registry = registry;
        this.lanes = lanes;
        this.admission = admission;
        this.timers = timers;
        this.placer = placer;
        this.mover = mover;
    }

    /** One thread is plenty: a timer only queues its task on the call's lane. */
    private static ScheduledThreadPoolExecutor newTimers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "call-timers");
            t.setDaemon(true);
            return t;
        });
        // Most timers are cancelled (a no-reply timer when the callee answers): let them go at once, not at expiry.
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    public static SipServer start(SipSettings settings, CallHandler handler, SipMetrics metrics)
            throws SipStartException {
        return start(settings, handler, metrics, newTimers());
    }

    /**
     * The same, with the server's own call timers (no-reply, session timers, keep-alive) on {@code timers}, which
     * the server owns from now on: a test gives it timers on fake time. The stack's transaction timers are not
     * among them.
     */
    public static SipServer start(SipSettings settings, CallHandler handler, SipMetrics metrics,
                                  ScheduledThreadPoolExecutor timers) throws SipStartException {
        String stackName = "feature-server-" + INSTANCES.incrementAndGet();
        CallRegistry registry = new CallRegistry();
        CallLanes lanes = new CallLanes(settings.callLanes());
        AdmissionDecisions decisions = new AdmissionDecisions(System::nanoTime, AdmissionDecisions.REMEMBERED);
        Admission admission = new Admission(registry, lanes, settings.maxCalls(), MAX_QUEUEING_MILLIS,
                SUSTAINED_QUEUEING, System::nanoTime, (int) settings.retryAfter().toSeconds(), decisions,
                new Congestion(System::nanoTime, TARGET_QUEUEING_MILLIS));
        // Once per refused call, however many times its INVITE is retransmitted (and answered the same 503).
        admission.onRefused(() -> {
            metrics.overloadRejected();
            metrics.callEnded(CallOutcome.OVERLOAD);
        });
        Admission.register(stackName, admission);
        CallKeys callKeys = callKeys(settings.messageTap(), timers, settings.clock());
        MessageCapture.register(new MessageCapture(stackName, settings.messageTap(), callKeys, settings.clock()));
        PeerGuard guard = new PeerGuard(settings.boundary(), settings.clock());
        guard.onUntrusted(metrics::untrustedRequest);
        PeerGuard.register(stackName, guard);
        SipStack stack = null;
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = factory.createSipStack(StackProperties.of(settings, stackName));
            SipProvider provider = null;
            // In a fixed order, UDP first: a Set's order changes from one JVM to the next, and so did the start.
            for (String transport : settings.transports().stream().sorted(Comparator.reverseOrder()).toList()) {
                ListeningPoint point = stack.createListeningPoint(settings.listenHost(), settings.listenPort(),
                        transport.toLowerCase(Locale.ROOT));
                if (provider == null) {
                    provider = stack.createSipProvider(point);
                } else {
                    provider.addListeningPoint(point);
                }
            }
            admission.watchReceiveDelay(UdpReceiveDelay.of(provider));
            SipMessages sip = new SipMessages(factory.createMessageFactory(), factory.createHeaderFactory(),
                    factory.createAddressFactory(), settings.listenHost(), settings.listenPort());
            OnwardInvite onward = new OnwardInvite(sip, settings.coreHost(), settings.corePort(),
                    settings.coreTransport(), settings.homeDomain(), settings.onwardInviteTimeout());
            CallContext ctx = new CallContext(provider, sip, onward, new SetupReader(settings.clock()), handler,
                    metrics, registry, lanes, timers, settings.clock(), settings.keepAliveInterval(),
                    settings.keepAliveTimeout(), callKeys);
            provider.addSipListener(new SipEventRouter(ctx, new RequestScreen(), decisions));
            OutgoingCalls placer = new OutgoingCalls(ctx, new PlacedInvite(sip, settings),
                    admission::hasRoomForOwnCall);
            stack.start();
            return new SipServer(stackName, stack, registry, lanes, admission, timers, placer, new CallMoves(ctx));
        } catch (Exception e) {
            Admission.unregister(stackName);
            MessageCapture.unregister(stackName);
            PeerGuard.unregister(stackName);
            timers.shutdownNow();
            lanes.close();
            if (stack != null) {
                stopQuietly(stack, e);
            }
            throw new SipStartException("cannot listen for SIP on " + settings.listenHost() + ":"
                    + settings.listenPort() + " " + settings.transports() + ": " + rootMessage(e), e);
        }
    }

    /**
     * Without a tap nobody asks which call a message is of, so nothing is kept for it. The linger is timed on the
     * server's clock, like the sweep that ends it runs on the server's timers: on fake time in a test, both.
     */
    private static CallKeys callKeys(SipMessageTap tap, ScheduledThreadPoolExecutor timers, Clock clock) {
        if (tap == SipMessageTap.NONE) {
            return CallKeys.NONE;
        }
        CallKeys keys = CallKeys.keeping(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));
        timers.scheduleWithFixedDelay(keys::forgetExpired, 1, 1, TimeUnit.SECONDS);
        return keys;
    }

    /**
     * A stack whose listening point failed half-made (UDP bound, TCP port taken) throws from its own stop: that
     * must not hide why the start failed.
     */
    private static void stopQuietly(SipStack stack, Exception why) {
        try {
            stack.stop();
        } catch (RuntimeException e) {
            why.addSuppressed(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** Calls set up or being set up and not yet released. */
    public int callsInProgress() {
        return registry.size();
    }

    /** Places the server's own calls to the core. */
    public CallPlacer placer() {
        return placer;
    }

    /** How long the oldest event waiting for a call lane has waited now, ms: the lanes' queueing delay. */
    public long laneQueueingMillis() {
        return admission.laneQueueingMillis();
    }

    /** How long the oldest datagram waiting to be read has waited now, ms: the receive queue's delay. */
    public long receiveQueueingMillis() {
        return admission.receiveQueueingMillis();
    }

    /** Moves a party of a call through this server onto the server's own media (a conference taking it in). */
    public kz.btcom.fs.call.CallMover mover() {
        return mover;
    }

    /** Stop taking new calls: from now on a new INVITE gets 503 with Retry-After, and a placed call fails (503). */
    public void stopAcceptingCalls() {
        admission.stopAccepting();
        placer.stopPlacing();
    }

    /** Release every call in progress with BYE (or 503 and CANCEL before answer), waiting up to {@code grace}. */
    public void releaseAllCalls(Duration grace) {
        List<B2buaCall> calls = new ArrayList<>(registry.snapshot());
        if (!calls.isEmpty()) {
            LOG.info("releasing {} calls in progress", calls.size());
        }
        for (B2buaCall call : calls) {
            lanes.execute(call.lane, call::shutDown);
        }
        placer.releaseAll();
        long deadline = System.nanoTime() + grace.toNanos();
        while (registry.size() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (registry.size() > 0) {
            LOG.warn("{} calls still not released after {}: {} {}", registry.size(), grace,
                    registry.snapshot().stream().limit(20).map(B2buaCall::toString).toList(),
                    registry.placedSnapshot().stream().limit(20).map(PlacedCallLeg::toString).toList());
        }
    }

    @Override
    public void close() {
        admission.stopAccepting();
        placer.stopPlacing();
        // Queued before the lanes close, which run what is queued: every placer hears its call's end.
        placer.releaseAll();
        timers.shutdownNow();
        stack.stop();
        lanes.close();
        Admission.unregister(stackName);
        MessageCapture.unregister(stackName);
        PeerGuard.unregister(stackName);
    }
}
