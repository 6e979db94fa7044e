package kz.btcom.fs.subscriber;

import java.util.Objects;

/**
 * What a line is subscribed to and how the subscriber has set it (PRODUCT.md, "Subscriber profile").
 *
 * @param clip presentation of the caller's number to this subscriber
 * @param clir this subscriber's number is withheld from the people it calls
 */
public record Services(boolean clip, boolean clir, CallWaiting callWaiting, Forwarding forwarding, Barring barring,
                       boolean wakeUp, boolean callReturn, boolean threeWay, boolean mcid) {

    /** A line with nothing subscribed. */
    public static final Services NONE = new Services(false, false, CallWaiting.NONE, Forwarding.NONE, Barring.NONE,
            false, false, false, false);

    public Services {
        Objects.requireNonNull(callWaiting, "callWaiting");
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(barring, "barring");
    }

    public Services withCallWaiting(CallWaiting newCallWaiting) {
        return new Services(clip, clir, newCallWaiting, forwarding, barring, wakeUp, callReturn, threeWay, mcid);
    }

    public Services withForwarding(Forwarding newForwarding) {
        return new Services(clip, clir, callWaiting, newForwarding, barring, wakeUp, callReturn, threeWay, mcid);
    }

    public Services withBarring(Barring newBarring) {
        return new Services(clip, clir, callWaiting, forwarding, newBarring, wakeUp, callReturn, threeWay, mcid);
    }
}
