package kz.btcom.fs.sessioncase;

import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.subscriber.SubscriberDirectory;

import java.util.Objects;
import java.util.Optional;

/**
 * Finds the subscriber an identity of a call names: its number in E.164 (a {@code tel:} URI, a {@code sip:} URI
 * with a number, with or without '+'), looked up in the profiles held in memory. An identity that is no full number
 * (a name, a short code, digits without an area) is nobody served here.
 */
public final class SubscriberLookup implements ServedSubscribers {

    private final NumberingPlan numbering;
    private final SubscriberDirectory directory;

    public SubscriberLookup(NumberingPlan numbering, SubscriberDirectory directory) {
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public Optional<Subscriber> profileOf(SipIdentity user) {
        return IdentityNumber.of(numbering, user).flatMap(directory::profile);
    }
}
