package kz.btcom.fs.service;

import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.sessioncase.ServedCase;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.subscriber.SubscriberDirectory;

import java.util.Objects;
import java.util.Optional;

/**
 * Offers a diverted call to its new target's own terminating services when the target is a subscriber here (its
 * CLIP, its own forwarding: "a call forwarded onwards by the target subscriber is forwarded again"). The
 * forwarding service needs the terminating chain it is itself part of, so the chain is bound once built.
 */
public final class TerminatingServices {

    private final SubscriberDirectory subscribers;
    private volatile ServiceChain chain;

    public TerminatingServices(SubscriberDirectory subscribers) {
        this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
    }

    /** Once, by whoever builds the chain this belongs to, before the first call. */
    public void bind(ServiceChain terminating) {
        this.chain = Objects.requireNonNull(terminating, "terminating");
    }

    /**
     * The terminating chain of {@code number} run on the diverted leg of {@code call}; a number not served here
     * takes the leg as it is.
     */
    public ServiceOutcome offerTo(CallContext call, OnwardLeg leg, String number) {
        Optional<Subscriber> target = subscribers.profile(number);
        if (target.isEmpty()) {
            return ServiceOutcome.proceed(leg);
        }
        ServiceChain terminating = Objects.requireNonNull(chain, "the terminating chain is not bound yet");
        SipIdentity user = new SipIdentity("tel:" + number, number, "", "", SipIdentity.Kind.TEL, "");
        return terminating.run(call.servedFor(new ServedCase(SessionCase.TERMINATING, user), target, leg));
    }
}
