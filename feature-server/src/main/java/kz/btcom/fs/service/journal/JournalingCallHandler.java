package kz.btcom.fs.service.journal;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.Diversion;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Journals every call for billing around the services' handler: the attempt of each call relayed to the core,
 * its alerting, answer and forwardings as they happen, and the release of every call (relayed, refused or
 * answered by the server) with all the billing needs. Each event is in the journal before the B2BUA acts on the
 * call's next event, since everything here runs on the call's lane.
 */
public final class JournalingCallHandler implements CallHandler {

    private final CallHandler services;
    private final CallJournalist journalist;

    public JournalingCallHandler(CallHandler services, CallJournalist journalist) {
        this.services = Objects.requireNonNull(services, "services");
        this.journalist = Objects.requireNonNull(journalist, "journalist");
    }

    @Override
    public CallDecision onNewCall(CallSetup setup) {
        CallDecision decision = services.onNewCall(setup);
        if (decision instanceof CallDecision.Relay relay) {
            journalist.attempt(setup);
            return new CallDecision.Relay(JournalingCalleeEvents.wrap(relay.leg(), journalist, setup,
                    new JournalingCalleeEvents.CallProgress()));
        }
        return decision;
    }

    @Override
    public void onCallEnded(CallSetup setup, CallEnd end) {
        try {
            services.onCallEnded(setup, end);
        } finally {
            CallJournalist.ClassifiedCalled called = journalist.called(setup, Optional.empty());
            journalist.journal().release(new JournalEvent.CallRelease(setup.callId(), end.endedAt(),
                    journalist.caller(setup), called.number(), called.numberClass(), setup.receivedAt(),
                    end.answeredAt().orElse(null), end.status(), party(end.releasedBy()), legs(end.diversions())));
        }
    }

    private List<JournalEvent.ForwardedLeg> legs(List<Diversion> diversions) {
        return diversions.stream()
                .map(d -> new JournalEvent.ForwardedLeg(d.from(), d.to(), journalist.classOf(d.to(), d.from()),
                        d.reason()))
                .toList();
    }

    private static JournalEvent.Party party(CallEnd.Releaser releaser) {
        return switch (releaser) {
            case CALLER -> JournalEvent.Party.CALLER;
            case CALLEE -> JournalEvent.Party.CALLEE;
            case SERVER -> JournalEvent.Party.SERVER;
        };
    }
}
