package kz.btcom.fs.service;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.sessioncase.ServedCase;
import kz.btcom.fs.sessioncase.SessionCaseResolver;
import kz.btcom.fs.sessioncase.ServedSubscribers;

import java.util.Objects;

/**
 * The feature server's answer to a new call: resolve whose services apply, run the originating chain and then
 * the terminating one, and turn the first final outcome into the B2BUA's decision. With nobody served, or no
 * service interested, the call is relayed as dialled.
 */
public final class ServiceChainCallHandler implements CallHandler {

    private final SessionCaseResolver resolver;
    private final ServiceChains chains;
    private final ServedSubscribers subscribers;

    public ServiceChainCallHandler(ServedSubscribers subscribers, ServiceChains chains) {
        this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
        this.resolver = new SessionCaseResolver(subscribers);
        this.chains = Objects.requireNonNull(chains, "chains");
    }

    @Override
    public CallDecision onNewCall(CallSetup setup) {
        OnwardLeg leg = OnwardLeg.AS_DIALLED;
        for (ServedCase servedCase : resolver.resolve(setup)) {
            ServiceOutcome outcome = chains.forCase(servedCase.sessionCase()).run(
                    new CallContext(setup, servedCase, subscribers.profileOf(servedCase.servedUser()), leg));
            if (outcome instanceof ServiceOutcome.Continue next) {
                leg = next.leg();
            } else {
                return toDecision(outcome);
            }
        }
        return CallDecision.relay(leg);
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
