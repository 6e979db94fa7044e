package kz.btcom.fs.service;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.session.SessionCall;
import kz.btcom.fs.sessioncase.DialledNumbers;
import kz.btcom.fs.sessioncase.ServedCase;
import kz.btcom.fs.sessioncase.ServedSubscribers;
import kz.btcom.fs.sessioncase.SessionCaseResolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The services' answer to a new call: read the called number in the caller's context, resolve whose services
 * apply, run the originating chain and then the terminating one, and turn the first final outcome into the B2BUA's
 * decision. With nobody served, or no service interested, the call is relayed as dialled (a number dialled in a
 * local or national form goes on in E.164). The cases served are noted on the call.
 */
public final class CallDecider {

    private final SessionCaseResolver resolver;
    private final ServiceChains chains;
    private final ServedSubscribers subscribers;
    private final DialledNumbers dialledNumbers;
    /** Calls addressed to the server itself (a conference focus), not to a number. */
    private final CallsToTheServer toTheServer;

    public CallDecider(ServedSubscribers subscribers, ServiceChains chains, DialledNumbers dialledNumbers) {
        this(subscribers, chains, dialledNumbers, CallsToTheServer.NONE);
    }

    public CallDecider(ServedSubscribers subscribers, ServiceChains chains, DialledNumbers dialledNumbers,
                       CallsToTheServer toTheServer) {
        this.toTheServer = Objects.requireNonNull(toTheServer, "toTheServer");
        this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
        this.dialledNumbers = Objects.requireNonNull(dialledNumbers, "dialledNumbers");
        this.resolver = new SessionCaseResolver(subscribers);
        this.chains = Objects.requireNonNull(chains, "chains");
    }

    public CallDecision decide(SessionCall call) {
        Optional<CallDecision> toServer = toTheServer.decide(call);
        if (toServer.isPresent()) {
            return toServer.get();
        }
        DialledNumbers.DialledCall dialled = dialledNumbers.normalise(call.setup());
        CallSetup setup = dialled.setup();
        OnwardLeg leg = dialled.normalised().map(OnwardLeg.AS_DIALLED::withTarget).orElse(OnwardLeg.AS_DIALLED);
        List<ServedCase> cases = resolver.resolve(setup);
        call.served(cases);
        for (ServedCase servedCase : cases) {
            ServiceOutcome outcome = chains.forCase(servedCase.sessionCase(), setup).run(new CallContext(call, setup,
                    servedCase, subscribers.profileOf(servedCase.servedUser()), leg));
            if (outcome instanceof ServiceOutcome.Continue next) {
                leg = next.leg();
            } else {
                return toDecision(outcome);
            }
        }
        Optional<ServedCase> calledBack = calledBackSubscriber(setup, cases, leg);
        if (calledBack.isPresent()) {
            List<ServedCase> withCalledBack = new ArrayList<>(cases);
            withCalledBack.add(calledBack.get());
            call.served(withCalledBack);
            return toDecision(chains.terminating().run(new CallContext(call, setup, calledBack.get(),
                    subscribers.profileOf(calledBack.get().servedUser()), leg)));
        }
        return CallDecision.relay(leg);
    }

    /**
     * The originating services sent the call to another number than the one dialled (last-caller return): when
     * the core left the session case to us and that number is a subscriber here, its terminating services apply as
     * they would had it been dialled. (A core that states the case sends the call-back's terminating side itself.)
     */
    private Optional<ServedCase> calledBackSubscriber(CallSetup setup, List<ServedCase> cases, OnwardLeg leg) {
        if (setup.explicitCase().isPresent() || leg.targetNumber().isEmpty() || leg.isForwarded()
                || cases.stream().anyMatch(c -> c.sessionCase() == SessionCase.TERMINATING)) {
            return Optional.empty();
        }
        String number = leg.targetNumber().get();
        SipIdentity target = new SipIdentity("tel:" + number, number, "", "", SipIdentity.Kind.TEL, "");
        return subscribers.profileOf(target).map(s -> new ServedCase(SessionCase.TERMINATING, target));
    }

    static CallDecision toDecision(ServiceOutcome outcome) {
        if (outcome instanceof ServiceOutcome.Reject reject) {
            return new CallDecision.Reject(reject.code(), reject.reason(), reject.announcement());
        }
        if (outcome instanceof ServiceOutcome.Answer answer) {
            return new CallDecision.Answer(answer.media());
        }
        return CallDecision.relay(((ServiceOutcome.Continue) outcome).leg());
    }
}
