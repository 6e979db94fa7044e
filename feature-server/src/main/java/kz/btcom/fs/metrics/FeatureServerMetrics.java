package kz.btcom.fs.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import kz.btcom.fs.billing.JournalEvent.WakeUpOutcome;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.SipMetrics;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The server's Prometheus metrics, in a registry of its own. The names are an interface: the load test and the
 * operator's dashboards read them. The hot path (every call, from several threads) only bumps lock-free
 * counters: label lookups are done once here, and exemplars are off.
 */
public final class FeatureServerMetrics implements SipMetrics {

    public static final String CALLS_IN_PROGRESS = "fs_calls_in_progress";
    public static final String CALLS = "fs_calls_total";
    public static final String TERMINATING_PASSES = "fs_terminating_passes_total";
    public static final String INVITE_HANDLING = "fs_invite_handling_seconds";
    public static final String OVERLOAD_REJECTIONS = "fs_overload_rejections_total";
    public static final String SUBSCRIBERS_IN_CALLS = "fs_subscribers_in_calls";
    public static final String JOURNAL_USABLE_BYTES = "fs_journal_usable_bytes";
    public static final String JOURNAL_TAKES_NEW_CALLS = "fs_journal_takes_new_calls";
    public static final String JOURNAL_WAITING_ENTRIES = "fs_journal_waiting_entries";
    public static final String UNTRUSTED_REQUESTS = "fs_untrusted_requests_total";
    public static final String WAKE_UP_CALLS = "fs_wakeup_calls_total";
    public static final String WAKE_UP_BOOKINGS_DUE = "fs_wakeup_bookings_due_next_hour";
    public static final String WAKE_UP_CALLS_IN_PROGRESS = "fs_wakeup_calls_in_progress";
    public static final String CALLS_PER_SECOND = "fs_calls_per_second";
    public static final String LANE_QUEUEING = "fs_sip_lane_queueing_seconds";
    public static final String RECEIVE_QUEUEING = "fs_sip_receive_queueing_seconds";
    public static final String CONFERENCES_IN_PROGRESS = "fs_conferences_in_progress";
    public static final String MIXER_TICK_LATENESS = "fs_mixer_tick_lateness_seconds";

    /** From 100 µs (a warm relay) to 1 s (a stall worth a retransmission). */
    static final double[] INVITE_HANDLING_BUCKETS =
            {.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1};

    private static final double NANOS_PER_SECOND = 1e9;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final CounterDataPoint[] callsByOutcome = new CounterDataPoint[CallOutcome.values().length];
    private final CounterDataPoint[] terminatingPassesByOutcome = new CounterDataPoint[CallOutcome.values().length];
    private final Histogram inviteHandling;
    private final Counter overloadRejections;
    private final Counter untrustedRequests;
    private final CounterDataPoint[] wakeUpCallsByOutcome = new CounterDataPoint[WakeUpOutcome.values().length];
    private final Histogram mixerTickLateness;
    private final PerSecondCount newCalls;

    /** @param callsInProgress read at each scrape (the SIP server's count) */
    public FeatureServerMetrics(IntSupplier callsInProgress) {
        this(callsInProgress, System::nanoTime);
    }

    /** @param nanoTime the clock the calls per second are counted by */
    FeatureServerMetrics(IntSupplier callsInProgress, LongSupplier nanoTime) {
        newCalls = new PerSecondCount(nanoTime);
        GaugeWithCallback.builder()
                .name(CALLS_PER_SECOND)
                .help("New calls the server set up (its services decided) in the last whole second")
                .callback(callback -> callback.call(newCalls.lastSecond()))
                .register(registry);
        // Heap and its pools, GC pauses, threads, class loading, process CPU: what a call's cost shows up in.
        JvmMetrics.builder().register(registry);
        GaugeWithCallback.builder()
                .name(CALLS_IN_PROGRESS)
                .help("Calls set up or being set up and not yet released")
                .callback(callback -> callback.call(callsInProgress.getAsInt()))
                .register(registry);
        Counter calls = Counter.builder()
                .name(CALLS)
                .help("Calls ended, by outcome; a call the core sent through twice counts once, by its originating"
                        + " pass")
                .labelNames("outcome")
                .withoutExemplars()
                .register(registry);
        // A second counter, not a label on the first: fs_calls_total{outcome="answered"} must stay one per call
        // for every dashboard and test that reads it.
        Counter terminatingPasses = Counter.builder()
                .name(TERMINATING_PASSES)
                .help("Terminating passes ended (P-Served-User;sescase=term), by outcome: the callee's half of a call"
                        + " whose originating pass counts in " + CALLS + ", or a call from another network")
                .labelNames("outcome")
                .withoutExemplars()
                .register(registry);
        for (CallOutcome outcome : CallOutcome.values()) {
            // Every outcome shows from the start, at 0, so a rate() over it never starts from nothing.
            String label = outcome.name().toLowerCase(Locale.ROOT);
            callsByOutcome[outcome.ordinal()] = calls.labelValues(label);
            terminatingPassesByOutcome[outcome.ordinal()] = terminatingPasses.labelValues(label);
        }
        mixerTickLateness = Histogram.builder()
                .name(MIXER_TICK_LATENESS)
                .help("How late each 20 ms tick of the conference mixer ran after its due time")
                .classicOnly()
                .classicUpperBounds(INVITE_HANDLING_BUCKETS)
                .withoutExemplars()
                .register(registry);
        inviteHandling = Histogram.builder()
                .name(INVITE_HANDLING)
                .help("Time from an initial INVITE's arrival to the onward INVITE or the final answer being sent")
                .classicOnly()
                .classicUpperBounds(INVITE_HANDLING_BUCKETS)
                .withoutExemplars()
                .register(registry);
        overloadRejections = Counter.builder()
                .name(OVERLOAD_REJECTIONS)
                .help("New calls refused with 503 because the server was over capacity or shutting down")
                .withoutExemplars()
                .register(registry);
        untrustedRequests = Counter.builder()
                .name(UNTRUSTED_REQUESTS)
                .help("SIP requests from addresses that are not trusted peers (sip.trustedPeers): refused with 403,"
                        + " or dropped with sip.untrustedPolicy drop (which also closes their TCP connections, each"
                        + " counted here)")
                .withoutExemplars()
                .register(registry);
        Counter wakeUpCalls = Counter.builder()
                .name(WAKE_UP_CALLS)
                .help("Wake-up call attempts made here, by outcome (answered is a delivered call; missed and skipped"
                        + " minutes made no call)")
                .labelNames("outcome")
                .withoutExemplars()
                .register(registry);
        for (WakeUpOutcome outcome : WakeUpOutcome.values()) {
            wakeUpCallsByOutcome[outcome.ordinal()] = wakeUpCalls.labelValues(outcome.name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * @param dueNextHour read at each scrape: bookings with an attempt due in the next hour (on every node: they are
     *                    in the shared database), as last counted
     * @param inProgress  read at each scrape: wake-up calls this node has claimed and not finished
     */
    /** One mixing tick ran {@code nanos} after it was due (the media thread: must be cheap, and it is). */
    public void mixerTickLateness(long nanos) {
        mixerTickLateness.observe(nanos / NANOS_PER_SECOND);
    }

    /**
     * The SIP side's queues, read at each scrape: how long the oldest event has waited for its call lane, and the
     * oldest datagram in the receive queue (what admission control judges overload by).
     */
    public void watchQueues(LongSupplier laneMillis, LongSupplier receiveMillis) {
        GaugeWithCallback.builder()
                .name(LANE_QUEUEING)
                .help("How long the oldest SIP event waiting for its call lane has waited")
                .callback(callback -> callback.call(laneMillis.getAsLong() / 1000.0))
                .register(registry);
        GaugeWithCallback.builder()
                .name(RECEIVE_QUEUEING)
                .help("How long the oldest datagram waiting in the SIP receive queue has waited")
                .callback(callback -> callback.call(receiveMillis.getAsLong() / 1000.0))
                .register(registry);
    }

    public void watchConferences(IntSupplier inProgress) {
        GaugeWithCallback.builder()
                .name(CONFERENCES_IN_PROGRESS)
                .help("Three-way conferences on this node's focus now")
                .callback(callback -> callback.call(inProgress.getAsInt()))
                .register(registry);
    }

    public void watchWakeUps(IntSupplier dueNextHour, IntSupplier inProgress) {
        GaugeWithCallback.builder()
                .name(WAKE_UP_BOOKINGS_DUE)
                .help("Wake-up bookings with an attempt due in the next hour (counted once a minute)")
                .callback(callback -> callback.call(dueNextHour.getAsInt()))
                .register(registry);
        GaugeWithCallback.builder()
                .name(WAKE_UP_CALLS_IN_PROGRESS)
                .help("Wake-up calls this node is making now, or about to in the current second")
                .callback(callback -> callback.call(inProgress.getAsInt()))
                .register(registry);
    }

    /** A wake-up call's attempt ended this way. */
    public void wakeUpCall(WakeUpOutcome outcome) {
        wakeUpCallsByOutcome[outcome.ordinal()].inc();
    }

    /**
     * @param subscribersInCalls read at each scrape: the subscribers of ours the server holds busy (in one call or
     *                           more); back to 0 when the traffic stops, or a line would stay busy for ever
     */
    public void watchSubscribersInCalls(IntSupplier subscribersInCalls) {
        GaugeWithCallback.builder()
                .name(SUBSCRIBERS_IN_CALLS)
                .help("Subscribers served here that are in at least one call (busy or with a call waiting)")
                .callback(callback -> callback.call(subscribersInCalls.getAsInt()))
                .register(registry);
    }

    /**
     * The billing journal's watch: the free space it keeps a reserve of, whether new calls are taken, and the
     * entries that wait in memory because the journal refused them (0 unless something is wrong).
     */
    public void watchJournal(LongSupplier usableBytes, BooleanSupplier takesNewCalls, IntSupplier waitingEntries) {
        GaugeWithCallback.builder()
                .name(JOURNAL_USABLE_BYTES)
                .help("Free space on the billing journal's file system, bytes (-1: unreadable)")
                .callback(callback -> callback.call(usableBytes.getAsLong()))
                .register(registry);
        GaugeWithCallback.builder()
                .name(JOURNAL_TAKES_NEW_CALLS)
                .help("1 while the billing journal takes new calls; 0 while they get 503 (journal full or failing)")
                .callback(callback -> callback.call(takesNewCalls.getAsBoolean() ? 1 : 0))
                .register(registry);
        GaugeWithCallback.builder()
                .name(JOURNAL_WAITING_ENTRIES)
                .help("Billing journal entries kept in memory because the journal refused them")
                .callback(callback -> callback.call(waitingEntries.getAsInt()))
                .register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void inviteHandled(long nanos) {
        inviteHandling.observe(nanos / NANOS_PER_SECOND);
        newCalls.count();
    }

    @Override
    public void callEnded(CallOutcome outcome) {
        callsByOutcome[outcome.ordinal()].inc();
    }

    @Override
    public void terminatingPassEnded(CallOutcome outcome) {
        terminatingPassesByOutcome[outcome.ordinal()].inc();
    }

    @Override
    public void overloadRejected() {
        overloadRejections.inc();
    }

    @Override
    public void untrustedRequest() {
        untrustedRequests.inc();
    }
}
