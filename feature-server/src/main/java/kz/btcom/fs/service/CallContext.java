package kz.btcom.fs.service;

import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.session.CallSession;
import kz.btcom.fs.session.SessionCall;
import kz.btcom.fs.sessioncase.ServedCase;
import kz.btcom.fs.subscriber.Subscriber;

import java.util.Objects;
import java.util.Optional;

/**
 * What a service sees of a new call: the call in its session (where a service adds its listeners for the rest of
 * the call and keeps its data about it), the call as the services read it (the number dialled normalised), whose
 * services are running in which session case, that subscriber's profile as the cache has it (empty when the core
 * named a served user this server does not hold), and the onward leg as the services before it left it.
 */
public record CallContext(SessionCall call, CallSetup setup, ServedCase servedCase,
                          Optional<Subscriber> servedSubscriber, OnwardLeg leg) {

    public CallContext {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(servedCase, "servedCase");
        Objects.requireNonNull(servedSubscriber, "servedSubscriber");
        Objects.requireNonNull(leg, "leg");
    }

    /** A call of a session of its own, as dialled (tests of one service). */
    public CallContext(CallSetup setup, ServedCase servedCase, Optional<Subscriber> servedSubscriber) {
        this(CallSession.start(setup).firstCall(), setup, servedCase, servedSubscriber, OnwardLeg.AS_DIALLED);
    }

    public CallContext withLeg(OnwardLeg newLeg) {
        return new CallContext(call, setup, servedCase, servedSubscriber, newLeg);
    }

    /** The same call, served for another subscriber (a forwarding's target) on the leg given. */
    public CallContext servedFor(ServedCase newCase, Optional<Subscriber> subscriber, OnwardLeg newLeg) {
        return new CallContext(call, setup, newCase, subscriber, newLeg);
    }

    public SessionCase sessionCase() {
        return servedCase.sessionCase();
    }

    public SipIdentity servedUser() {
        return servedCase.servedUser();
    }

    public String callId() {
        return setup.callId();
    }

    /**
     * Whether a service before has sent the call on to another number than the served subscriber's (its
     * unconditional forwarding): the services after it that are about this subscriber's own line have nothing to do.
     */
    public boolean isSentElsewhere() {
        return leg.targetNumber().isPresent() && servedSubscriber.isPresent()
                && !leg.targetNumber().get().equals(servedSubscriber.get().number());
    }

    /** Nothing changes: the next service sees the leg as it is. */
    public ServiceOutcome proceed() {
        return ServiceOutcome.proceed(leg);
    }
}
