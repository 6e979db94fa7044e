package kz.btcom.fs.service.wakeup;

import kz.btcom.fs.billing.JournalEvent.WakeUpOutcome;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.PlacedCall;
import kz.btcom.fs.call.PlacedCallEvents;
import kz.btcom.fs.time.Scheduler;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One attempt of a wake-up call, as it goes: the line rings for at most the ring time (then CANCEL: no answer); an
 * answered line hears the announcement for at most the announcement time (then BYE). Its events come on the call's
 * lane, one at a time; the timers fire on the scheduler and only ask the call to end, which it does on its lane.
 * When the call is over the attempt's outcome goes to whoever made the attempt, once.
 */
final class WakeUpAttempt implements PlacedCallEvents {

    /** What an attempt came to, with the call it was. */
    record Result(WakeUpOutcome outcome, String callId, String icid) {
    }

    private final PlacedCallEvents journal;
    private final Scheduler scheduler;
    private final Duration ringFor;
    private final Duration announceFor;
    private final Consumer<Result> done;
    private volatile Scheduler.Timer timer;
    private volatile boolean cancelledUnanswered;
    private PlacedCall call;
    private volatile boolean answered;
    private WakeUpOutcome failure = WakeUpOutcome.UNREACHABLE;

    /** @param journal the billing journal's view of the call, told every event first */
    WakeUpAttempt(PlacedCallEvents journal, Scheduler scheduler, Duration ringFor, Duration announceFor,
                  Consumer<Result> done) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.ringFor = Objects.requireNonNull(ringFor, "ringFor");
        this.announceFor = Objects.requireNonNull(announceFor, "announceFor");
        this.done = Objects.requireNonNull(done, "done");
    }

    @Override
    public void onPlaced(PlacedCall placed) {
        call = placed;
        journal.onPlaced(placed);
        timer = scheduler.schedule(ringFor, () -> {
            if (!answered) { // an answer crossing the ring timer hears its announcement
                cancelledUnanswered = true;
                placed.cancel();
            }
        });
    }

    @Override
    public void onProvisional(int status, PlacedCall placed) {
        journal.onProvisional(status, placed);
    }

    @Override
    public void onAnswered(PlacedCall placed) {
        journal.onAnswered(placed);
        answered = true;
        stopTimer();
        timer = scheduler.schedule(announceFor, placed::hangUp);
    }

    @Override
    public void onFailed(int status, PlacedCall placed) {
        journal.onFailed(status, placed);
        failure = outcomeOf(status, cancelledUnanswered);
    }

    @Override
    public void onEnded(CallEnd end) {
        stopTimer();
        journal.onEnded(end);
        done.accept(new Result(answered ? WakeUpOutcome.ANSWERED : failure,
                call == null ? null : call.callId(), call == null ? null : call.icid()));
    }

    /** A failed attempt's outcome from the INVITE's final status. */
    static WakeUpOutcome outcomeOf(int status, boolean cancelledUnanswered) {
        if (status == 487 && cancelledUnanswered) {
            return WakeUpOutcome.NO_ANSWER;
        }
        if (status == 486 || status == 600) {
            return WakeUpOutcome.BUSY;
        }
        return WakeUpOutcome.UNREACHABLE;
    }

    private void stopTimer() {
        Scheduler.Timer running = timer;
        if (running != null) {
            running.cancel();
        }
    }
}
