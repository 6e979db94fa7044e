package kz.btcom.fs.service.journal;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.call.CallControl;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.CalleeEvents;
import kz.btcom.fs.call.OnwardLeg;

import java.time.Duration;
import java.util.Optional;

/**
 * Journals the callee side of one call (alerting, answer, each forwarding, whether a service's watcher returns
 * the next leg or redirects on a timer) around the services' own watcher, which it passes every event to.
 */
final class JournalingCalleeEvents implements CalleeEvents {

    /** What the call has journaled already, shared by the watchers of all its legs. */
    static final class CallProgress {
        boolean alerted;
        boolean answered;
        int diversionsJournaled;
    }

    private final CalleeEvents inner;
    private final CallJournalist journalist;
    private final CallSetup setup;
    private final CallProgress progress;

    JournalingCalleeEvents(CalleeEvents inner, CallJournalist journalist, CallSetup setup, CallProgress progress) {
        this.inner = inner;
        this.journalist = journalist;
        this.setup = setup;
        this.progress = progress;
    }

    /** The leg with its watcher wrapped, and the diversions it brings journaled. */
    static OnwardLeg wrap(OnwardLeg leg, CallJournalist journalist, CallSetup setup, CallProgress progress) {
        journalist.forwardedAll(setup, leg.diversions(), progress.diversionsJournaled);
        progress.diversionsJournaled = Math.max(progress.diversionsJournaled, leg.diversions().size());
        return leg.withEvents(new JournalingCalleeEvents(leg.events(), journalist, setup, progress));
    }

    @Override
    public void onCalleeTried(CallControl call) {
        inner.onCalleeTried(control(call));
    }

    @Override
    public void onRinging(CallControl call) {
        if (!progress.alerted) {
            progress.alerted = true;
            journalist.journal().alerting(new JournalEvent.CallAlerting(setup.callId(), journalist.now()));
        }
        inner.onRinging(control(call));
    }

    @Override
    public void onAnswered(CallControl call) {
        if (!progress.answered) {
            progress.answered = true;
            journalist.journal().answer(new JournalEvent.CallAnswer(setup.callId(), journalist.now()));
        }
        inner.onAnswered(control(call));
    }

    @Override
    public Optional<OnwardLeg> onCalleeFailed(int status, CallControl call) {
        return inner.onCalleeFailed(status, control(call)).map(next -> wrap(next, journalist, setup, progress));
    }

    @Override
    public void onEnded() {
        inner.onEnded();
    }

    /** The B2BUA's control, so that a redirect a watcher makes on its own (a no-reply timer) is journaled too. */
    private CallControl control(CallControl call) {
        return new CallControl() {
            @Override
            public String callId() {
                return call.callId();
            }

            @Override
            public Timer schedule(Duration delay, Runnable task) {
                return call.schedule(delay, task);
            }

            @Override
            public void redirect(OnwardLeg next) {
                call.redirect(wrap(next, journalist, setup, progress));
            }
        };
    }
}
