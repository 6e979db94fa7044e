package kz.btcom.fs.sessioncase;

import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.subscriber.Subscriber;

import java.util.Optional;

/** Which users this server holds services for, and their profiles: the subscriber store, as held in memory. */
@FunctionalInterface
public interface ServedSubscribers {

    /** Nobody is served: every call is relayed untouched. */
    ServedSubscribers NOBODY = user -> Optional.empty();

    /** The profile of the subscriber this identity names; empty when it is nobody served here. */
    Optional<Subscriber> profileOf(SipIdentity user);

    default boolean isServed(SipIdentity user) {
        return profileOf(user).isPresent();
    }
}
