package kz.btcom.fs.service.wakeup;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.billing.JournalEvent.WakeUpCall;
import kz.btcom.fs.billing.JournalEvent.WakeUpOutcome;
import kz.btcom.fs.call.CallPlacer;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.OutgoingCall;
import kz.btcom.fs.service.wakeup.WakeUpSettings;
import kz.btcom.fs.media.Announcements;
import kz.btcom.fs.media.Prompt;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.OwnCalls;
import kz.btcom.fs.service.journal.PlacedCallJournal;
import kz.btcom.fs.subscriber.StoreException;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Places the wake-up calls: every second it claims the bookings that are due from the database (leased to this
 * node, so that of several nodes on one database exactly one calls each), and places them no faster than
 * {@code wakeUp.callsPerSecond}, evenly spaced, with at most {@code wakeUp.maxInProgress} at once; the rest wait in
 * the database, in booking order, for the next second. While the SIP side is congested or the journal takes no new
 * calls, none is placed: wake-up calls wait rather than add to an overload or go unbilled. An attempt that finds the line busy, unanswered or unreachable
 * is tried again {@code wakeUp.retryMinutes} later, up to {@code wakeUp.attempts}; an answered one is delivered
 * (journaled as a chargeable event); then a once-booking is gone and a daily one moves to the next day.
 * <p>
 * Threads: the database is only touched on {@code worker}, one task at a time, so the dialer's own state needs no
 * locks but the counters the call lanes update. Calls are placed from the scheduler and report on their lanes, and
 * hand their outcome back to the worker.
 */
public final class WakeUpDialer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WakeUpDialer.class);
    /** How often the database is asked for due bookings: a call goes out within this of its minute. */
    static final Duration POLL = Duration.ofSeconds(1);
    /** A lease outlives the longest attempt (placing, ringing, announcing) by this much. */
    static final Duration LEASE_MARGIN = Duration.ofMinutes(2);
    /** How often the gauge of bookings due in the next hour is refreshed. */
    static final Duration DUE_GAUGE_PERIOD = Duration.ofMinutes(1);
    static final String CALLER_NAME = "BTcom wake-up call";

    private final WakeUpStore store;
    private final WakeUpCalendar calendar;
    private final WakeUpSettings config;
    private final CallPlacer placer;
    private final Announcements media;
    private final Prompt announcement;
    private final CallEvents journal;
    private final NumberingPlan numbering;
    private final Function<String, Optional<Subscriber>> subscribers;
    private final Predicate<String> lineInCall;
    private final OwnCalls ownCalls;
    private final BooleanSupplier mayPlace;
    private final Consumer<WakeUpOutcome> outcomes;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Executor worker;
    private final String node;
    private final Instant startedAt;
    private final Duration spacing;
    /** Claimed and not yet over: waiting for their slot, or calling. */
    private final AtomicInteger inProgress = new AtomicInteger();
    /** Claimed and waiting for their slot. */
    private final AtomicInteger waitingForSlot = new AtomicInteger();
    /** The claimed attempts waiting for their turn, in booking order: the pacer places one every {@code spacing}. */
    private final Queue<Turn> turns = new ConcurrentLinkedQueue<>();
    /** Whether the pacer's timer is set (it stops when no attempt waits). */
    private final AtomicBoolean pacing = new AtomicBoolean();
    /** When the pacer last placed a call, by the clock: the next waits until {@code spacing} after it. */
    private volatile Instant lastPlaced = Instant.MIN;
    private final AtomicInteger dueNextHour = new AtomicInteger();
    private volatile boolean closed;
    private volatile Scheduler.Timer poll;
    // Worker-confined.
    private Instant dueGaugeAt = Instant.MIN;

    /**
     * @param subscribers   a line's profile by number (may read the database: it is asked on the worker)
     * @param lineInCall    whether the server knows the line is in a call now (then an attempt is busy at once)
     * @param mayPlace      whether new calls may be placed now (the journal takes them): if not, bookings wait
     * @param outcomes      each attempt's outcome, for the metrics
     * @param worker        the one thread the database is used on
     * @param node          this node's name in the leases
     */
    public WakeUpDialer(WakeUpStore store, WakeUpCalendar calendar, WakeUpSettings config, CallPlacer placer,
                        Announcements media, Prompt announcement, CallEvents journal, NumberingPlan numbering,
                        Function<String, Optional<Subscriber>> subscribers, Predicate<String> lineInCall,
                        OwnCalls ownCalls, BooleanSupplier mayPlace, Consumer<WakeUpOutcome> outcomes, Clock clock,
                        Scheduler scheduler, Executor worker, String node) {
        this.store = Objects.requireNonNull(store, "store");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.config = Objects.requireNonNull(config, "config");
        this.placer = Objects.requireNonNull(placer, "placer");
        this.media = Objects.requireNonNull(media, "media");
        this.announcement = Objects.requireNonNull(announcement, "announcement");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
        this.lineInCall = Objects.requireNonNull(lineInCall, "lineInCall");
        this.ownCalls = Objects.requireNonNull(ownCalls, "ownCalls");
        this.mayPlace = Objects.requireNonNull(mayPlace, "mayPlace");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.node = Objects.requireNonNull(node, "node");
        this.startedAt = clock.instant();
        this.spacing = Duration.ofNanos(1_000_000_000L / config.callsPerSecond());
    }

    /** Starts polling: the first look at the database is at once (minutes missed while the server was down). */
    public WakeUpDialer start() {
        poll = scheduler.schedule(Duration.ZERO, this::pollNow);
        return this;
    }

    /** Bookings with an attempt due in the next hour, as last counted. */
    public int dueNextHour() {
        return dueNextHour.get();
    }

    /** Wake-up calls claimed by this node and not over yet. */
    public int inProgress() {
        return inProgress.get();
    }

    private void pollNow() {
        if (closed) {
            return;
        }
        worker.execute(() -> {
            try {
                dialDue();
            } catch (RuntimeException e) {
                log.error("wake-up calls: the look at due bookings failed", e);
            } finally {
                if (!closed) {
                    poll = scheduler.schedule(POLL, this::pollNow);
                }
            }
        });
    }

    private void dialDue() {
        Instant now = clock.instant();
        refreshDueGauge(now);
        int room = Math.min(config.maxInProgress() - inProgress.get(), config.callsPerSecond() - waitingForSlot.get());
        if (room <= 0 || !mayPlace.getAsBoolean() || !placer.hasRoom()) {
            return; // the bookings wait in the database, in order, for a second with room
        }
        List<WakeUpBooking> due;
        try {
            due = store.claimDue(now, node, now.plus(leaseLength()), room);
        } catch (StoreException e) {
            log.warn("wake-up calls: cannot read the due bookings: {}", e.getMessage());
            return;
        }
        for (WakeUpBooking booking : due) {
            inProgress.incrementAndGet();
            try {
                begin(booking);
            } catch (RuntimeException e) {
                log.error("wake-up call of booking {} for {} failed to start", booking.id(), booking.number(), e);
                finishAttempt(booking, booking.attempts() + 1, WakeUpOutcome.UNREACHABLE, null, null);
            }
        }
    }

    /** A claimed booking: missed, skipped, busy at once, or a call in the next free slot. */
    private void begin(WakeUpBooking booking) {
        if (booking.nextAttempt().isBefore(startedAt.minus(config.lateness()))) {
            log.warn("wake-up call of {} for {} missed: the server was down at the time", booking.number(),
                    booking.nextAttempt());
            endWithoutCall(booking, WakeUpOutcome.MISSED, 0);
            return;
        }
        Optional<Subscriber> line = subscribers.apply(booking.number());
        if (line.isEmpty() || !line.get().services().wakeUp() || line.get().isSuspended()) {
            log.info("wake-up call of {} skipped: {}", booking.number(), line.isEmpty() ? "no such line any more"
                    : line.get().isSuspended() ? "the line is suspended" : "no longer subscribed");
            endWithoutCall(booking, WakeUpOutcome.SKIPPED, 0);
            return;
        }
        int attempt = booking.attempts() + 1;
        if (lineInCall.test(booking.number())) {
            log.info("wake-up call of {}, attempt {}: the line is in a call: busy", booking.number(), attempt);
            finishAttempt(booking, attempt, WakeUpOutcome.BUSY, null, null);
            return;
        }
        waitingForSlot.incrementAndGet();
        turns.add(new Turn(booking, attempt));
        startPacing();
    }

    /** An attempt claimed and waiting for the pacer. */
    private record Turn(WakeUpBooking booking, int attempt) {
    }

    private void startPacing() {
        if (pacing.compareAndSet(false, true)) {
            scheduler.schedule(untilNextTurn(), this::placeNext);
        }
    }

    /**
     * On the scheduler: places the next waiting attempt if {@code spacing} has passed since the last call was placed,
     * by the clock, and sets itself for the one after. Spacing by the time calls were really placed (not by slots
     * worked out in advance) is what keeps the rate: a timer that runs late (its thread busy with the other calls'
     * timers) must not let the next call follow at once.
     */
    private void placeNext() {
        if (clock.instant().isBefore(lastPlaced.plus(spacing))) {
            scheduler.schedule(untilNextTurn(), this::placeNext);
            return;
        }
        Turn turn = turns.poll();
        if (turn == null) {
            pacing.set(false);
            if (!turns.isEmpty()) { // added between the poll and the reset
                startPacing();
            }
            return;
        }
        waitingForSlot.decrementAndGet();
        lastPlaced = clock.instant();
        place(turn.booking(), turn.attempt());
        scheduler.schedule(untilNextTurn(), this::placeNext);
    }

    private Duration untilNextTurn() {
        Duration wait = Duration.between(clock.instant(), lastPlaced.plus(spacing));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private void place(WakeUpBooking booking, int attempt) {
        String number = booking.number();
        WakeUpAttempt events = new WakeUpAttempt(
                new PlacedCallJournal(journal, clock, config.callerNumber(), number,
                        numbering.classify(number, numbering.areaOf(config.callerNumber()))),
                scheduler, config.ringFor(), config.announceFor(),
                result -> worker.execute(() -> finishAttempt(booking, attempt, result.outcome(), result.callId(),
                        result.icid())));
        try {
            LocalMedia announced = media.announcement("wake-up call of " + number,
                    CompletableFuture.completedFuture(announcement));
            placer.place(new OutgoingCall(number, config.callerNumber(), Optional.of(CALLER_NAME), announced, Map.of()),
                    ownCalls.tracking(events));
            log.info("wake-up call of {} for {}: attempt {} placed", number, booking.due(), attempt);
        } catch (RuntimeException e) {
            // Shutting down, or no media port free: the booking is tried again as any unreachable attempt.
            log.warn("wake-up call of {}: attempt {} could not be placed: {}", number, attempt, e.toString());
            worker.execute(() -> finishAttempt(booking, attempt, WakeUpOutcome.UNREACHABLE, null, null));
        }
    }

    /** On the worker: journal the attempt, then retry, move on or finish the booking. */
    private void finishAttempt(WakeUpBooking booking, int attempt, WakeUpOutcome outcome, String callId, String icid) {
        try {
            Instant now = clock.instant();
            journal.wakeUpCall(new WakeUpCall(callId != null ? callId : syntheticCallId(booking, attempt), now,
                    booking.number(), booking.id(), booking.daily(), booking.due(), attempt, outcome, icid));
            outcomes.accept(outcome);
            if (outcome != WakeUpOutcome.ANSWERED && attempt < config.attempts()) {
                log.info("wake-up call of {}: attempt {} {}: next at {}", booking.number(), attempt, outcome,
                        now.plus(config.retryAfter()));
                store.reschedule(booking.id(), node, booking.due(), now.plus(config.retryAfter()), attempt);
            } else {
                if (outcome != WakeUpOutcome.ANSWERED) {
                    log.info("wake-up call of {} for {}: {} after {} attempts: given up", booking.number(),
                            booking.due(), outcome, attempt);
                }
                moveOn(booking);
            }
        } catch (StoreException e) {
            // The lease runs out and another look (here or on another node) takes the booking up again.
            log.warn("wake-up booking {} of {} could not be moved on: {}", booking.id(), booking.number(),
                    e.getMessage());
        } finally {
            inProgress.decrementAndGet();
        }
    }

    /** No call was made for this minute (missed, skipped): journaled, and the booking moves on. */
    private void endWithoutCall(WakeUpBooking booking, WakeUpOutcome outcome, int attempt) {
        try {
            journal.wakeUpCall(new WakeUpCall(syntheticCallId(booking, attempt), clock.instant(), booking.number(),
                    booking.id(), booking.daily(), booking.due(), attempt, outcome, null));
            outcomes.accept(outcome);
            moveOn(booking);
        } catch (StoreException e) {
            log.warn("wake-up booking {} of {} could not be moved on: {}", booking.id(), booking.number(),
                    e.getMessage());
        } finally {
            inProgress.decrementAndGet();
        }
    }

    /** This minute is over: a once-booking is gone, a daily one is due the next day. */
    private void moveOn(WakeUpBooking booking) throws StoreException {
        if (booking.daily()) {
            Instant tomorrow = calendar.dayAfter(booking.due(), booking.time());
            Instant now = clock.instant();
            while (!tomorrow.isAfter(now)) { // down for days: the next minute still to come
                tomorrow = calendar.dayAfter(tomorrow, booking.time());
            }
            store.reschedule(booking.id(), node, tomorrow, tomorrow, 0);
        } else {
            store.finish(booking.id(), node);
        }
    }

    private void refreshDueGauge(Instant now) {
        if (now.isBefore(dueGaugeAt)) {
            return;
        }
        dueGaugeAt = now.plus(DUE_GAUGE_PERIOD);
        try {
            dueNextHour.set(store.dueBetween(now, now.plus(Duration.ofHours(1))));
        } catch (StoreException e) {
            log.warn("wake-up calls: cannot count the bookings due: {}", e.getMessage());
        }
    }

    private Duration leaseLength() {
        return POLL.plus(config.ringFor()).plus(config.announceFor()).plus(LEASE_MARGIN);
    }

    /** The journal's name for an attempt that made no call. */
    private static String syntheticCallId(WakeUpBooking booking, int attempt) {
        return "wakeup-" + booking.id() + "-" + booking.due().getEpochSecond() + "-" + attempt;
    }

    /**
     * Stops looking for due bookings. Calls in progress go on until the SIP side releases them; their outcomes still
     * reach the database if the worker runs.
     */
    @Override
    public void close() {
        closed = true;
        Scheduler.Timer running = poll;
        if (running != null) {
            running.cancel();
        }
    }
}
