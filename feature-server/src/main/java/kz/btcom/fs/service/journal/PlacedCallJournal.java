package kz.btcom.fs.service.journal;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.PlacedCall;
import kz.btcom.fs.call.PlacedCallEvents;
import kz.btcom.fs.numbering.NumberClass;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Journals one call the server placed itself, as the billing journal has every call: its attempt before the INVITE
 * goes out, its alerting and answer, and its release. The pass is {@link JournalEvent.Pass#PLACED}: there is no
 * caller's leg to charge. Runs on the call's lane like the call's other events, so it needs no locks.
 */
public final class PlacedCallJournal implements PlacedCallEvents {

    private final CallEvents journal;
    private final Clock clock;
    private final String caller;
    private final String called;
    private final NumberClass calledClass;
    private final Instant placedAt;
    private String callId;
    private String icid;
    private boolean alerted;

    public PlacedCallJournal(CallEvents journal, Clock clock, String caller, String called, NumberClass calledClass) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.called = Objects.requireNonNull(called, "called");
        this.calledClass = calledClass;
        this.placedAt = clock.instant();
    }

    @Override
    public void onPlaced(PlacedCall call) {
        attempt(call);
    }

    @Override
    public void onProvisional(int status, PlacedCall call) {
        attempt(call);
        if (status == 180 && !alerted) {
            alerted = true;
            journal.alerting(new JournalEvent.CallAlerting(callId, clock.instant()));
        }
    }

    @Override
    public void onAnswered(PlacedCall call) {
        attempt(call);
        journal.answer(new JournalEvent.CallAnswer(callId, clock.instant()));
    }

    @Override
    public void onFailed(int status, PlacedCall call) {
        attempt(call);
    }

    @Override
    public void onEnded(CallEnd end) {
        if (callId == null) {
            return; // stopped before it went and before anyone knew its Call-ID: nothing happened to bill
        }
        journal.release(new JournalEvent.CallRelease(callId, end.endedAt(), caller, called, calledClass, placedAt,
                end.answeredAt().orElse(null), end.status(), JournalEvent.Party.of(end.releasedBy()), List.of(),
                JournalEvent.Pass.PLACED, icid));
    }

    /** The attempt, once, before any other event of the call. */
    private void attempt(PlacedCall call) {
        if (callId != null) {
            return;
        }
        callId = call.callId();
        icid = call.icid();
        journal.attempt(new JournalEvent.CallAttempt(callId, placedAt, caller, called, calledClass, null,
                JournalEvent.Pass.PLACED, icid));
    }
}
