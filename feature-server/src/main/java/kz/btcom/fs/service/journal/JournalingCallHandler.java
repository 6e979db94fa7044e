package kz.btcom.fs.service.journal;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.CallListener;
import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.CallStart;
import kz.btcom.fs.call.Diversion;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.ReferDecision;
import kz.btcom.fs.call.ReferRequest;
import kz.btcom.fs.featurecode.FeatureCodeTable;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Journals every call for billing around the services' handler: the attempt of each call relayed to the core,
 * its alerting, answer and forwardings as they happen, and the release of every call (relayed, refused or
 * answered by the server) with all the billing needs. Each event is in the journal before the B2BUA acts on the
 * call's next event, since everything here runs on the call's lane.
 *
 * <p>The core may send one call through twice (originating pass, then terminating pass): each pass is journaled
 * as what it is, with the session case it served and the call's icid, and the rater charges the caller for one
 * of them only.
 */
public final class JournalingCallHandler implements CallHandler {

    private final CallHandler services;
    private final CallJournalist journalist;

    public JournalingCallHandler(CallHandler services, CallJournalist journalist) {
        this.services = Objects.requireNonNull(services, "services");
        this.journalist = Objects.requireNonNull(journalist, "journalist");
    }

    @Override
    public CallStart onNewCall(CallSetup setup) {
        CallStart start = services.onNewCall(setup);
        CallDecision decision = start.decision();
        Optional<String> calledInstead = Optional.empty();
        if (decision instanceof CallDecision.Relay relay) {
            calledInstead = calledInsteadOfTheCode(setup, relay.leg());
            journalist.attempt(setup, calledInstead);
            decision = new CallDecision.Relay(JournalingCalleeEvents.wrap(relay.leg(), journalist, setup,
                    new JournalingCalleeEvents.CallProgress()));
        }
        return new CallStart(decision, new JournaledCall(setup, calledInstead, start.listener()));
    }

    /**
     * The journal's part of one call after its set-up: the services hear the call first, then its release is
     * journaled, billed to {@code calledInstead} when the call went to another number than the one dialled.
     */
    private final class JournaledCall implements CallListener {
        private final CallSetup setup;
        private final Optional<String> calledInstead;
        private final CallListener services;

        JournaledCall(CallSetup setup, Optional<String> calledInstead, CallListener services) {
            this.setup = setup;
            this.calledInstead = calledInstead;
            this.services = services;
        }

        @Override
        public boolean onInfo(CallParty from, String contentType, String body) {
            return services.onInfo(from, contentType, body);
        }

        @Override
        public ReferDecision onRefer(CallParty from, ReferRequest refer) {
            return services.onRefer(from, refer);
        }

        @Override
        public void onEnded(CallEnd end) {
            try {
                services.onEnded(end);
            } finally {
                released(setup, calledInstead, end);
            }
        }
    }

    private void released(CallSetup setup, Optional<String> calledInstead, CallEnd end) {
        CallJournalist.ClassifiedCalled called = journalist.called(setup, calledInstead);
        journalist.journal().release(new JournalEvent.CallRelease(setup.callId(), end.endedAt(),
                journalist.caller(setup), called.number(), called.numberClass(), setup.receivedAt(),
                end.answeredAt().orElse(null), end.status(), party(end.releasedBy()), legs(end.diversions()),
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

    private static JournalEvent.Party party(CallEnd.Releaser releaser) {
        return switch (releaser) {
            case CALLER -> JournalEvent.Party.CALLER;
            case CALLEE -> JournalEvent.Party.CALLEE;
            case SERVER -> JournalEvent.Party.SERVER;
        };
    }
}
