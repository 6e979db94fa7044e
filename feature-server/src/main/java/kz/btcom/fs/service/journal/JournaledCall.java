package kz.btcom.fs.service.journal;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.Diversion;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.featurecode.FeatureCodeTable;
import kz.btcom.fs.session.CalleeListener;
import kz.btcom.fs.session.EndListener;

import java.util.List;
import java.util.Optional;

/**
 * The billing journal's one listener on a call: the attempt when the call goes out to the core, one alerting and
 * one answer however many legs ring or answer, each forwarding as its leg goes out, and the release of every call
 * (relayed, refused or answered by the server) with all the billing needs. Each event is in the journal before the
 * B2BUA acts on the call's next event, since everything here runs on the call's lane.
 *
 * <p>The core may send one call through twice (originating pass, then terminating pass): each pass is journaled
 * as what it is, with the session case it served and the call's icid, and the rater charges the caller for one
 * of them only.
 */
public final class JournaledCall implements CalleeListener, EndListener {

    private final CallJournalist journalist;
    private final CallSetup setup;
    private boolean attempted;
    /** The number the call is billed as a call to, when not the one dialled (a {@code *69#} call back). */
    private Optional<String> calledInstead = Optional.empty();
    private boolean alerted;
    private boolean answered;
    private int diversionsJournaled;

    JournaledCall(CallJournalist journalist, CallSetup setup) {
        this.journalist = journalist;
        this.setup = setup;
    }

    @Override
    public void onLeg(OnwardLeg leg) {
        if (!attempted) {
            attempted = true;
            calledInstead = calledInsteadOfTheCode(setup, leg);
            journalist.attempt(setup, calledInstead);
        }
        journalist.forwardedAll(setup, leg.diversions(), diversionsJournaled);
        diversionsJournaled = Math.max(diversionsJournaled, leg.diversions().size());
    }

    @Override
    public void onRinging() {
        if (!alerted) {
            alerted = true;
            journalist.journal().alerting(new JournalEvent.CallAlerting(setup.callId(), journalist.now()));
        }
    }

    @Override
    public void onAnswered() {
        if (!answered) {
            answered = true;
            journalist.journal().answer(new JournalEvent.CallAnswer(setup.callId(), journalist.now()));
        }
    }

    @Override
    public void onEnded(CallEnd end) {
        CallJournalist.ClassifiedCalled called = journalist.called(setup, calledInstead);
        journalist.journal().release(new JournalEvent.CallRelease(setup.callId(), end.endedAt(),
                journalist.caller(setup), called.number(), called.numberClass(), setup.receivedAt(),
                end.answeredAt().orElse(null), end.status(), JournalEvent.Party.of(end.releasedBy()),
                legs(end.diversions()),
                CallJournalist.passOf(setup), setup.icid()));
    }

    /**
     * A feature code the services relay is a call to the number they put in its place (last-caller return), and is
     * billed as that call: the number the subscriber called, before any forwarding of the target's.
     */
    private static Optional<String> calledInsteadOfTheCode(CallSetup setup, OnwardLeg leg) {
        if (!FeatureCodeTable.isFeatureCode(setup.called().user())) {
            return Optional.empty();
        }
        return leg.diversions().isEmpty() ? leg.targetNumber() : Optional.of(leg.diversions().get(0).from());
    }

    private List<JournalEvent.ForwardedLeg> legs(List<Diversion> diversions) {
        return diversions.stream()
                .map(d -> new JournalEvent.ForwardedLeg(d.from(), d.to(), journalist.classOf(d.to(), d.from()),
                        d.reason()))
                .toList();
    }

}
