package kz.btcom.fs.featurecode;

import kz.btcom.fs.numbering.Area;
import kz.btcom.fs.numbering.ClassifiedNumber;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.barring.BarringPolicy;
import kz.btcom.fs.subscriber.Forwarding;
import kz.btcom.fs.subscriber.Pin;
import kz.btcom.fs.subscriber.PinGuard;
import kz.btcom.fs.subscriber.Services;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.subscriber.SubscriberStore.Change;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a feature code does to a profile, as a pure function: the new profile and the indication the subscriber
 * hears. It runs inside the store's transaction, on the profile as it is in the database at that moment.
 * A service the line is not subscribed to, a suspended line, or digits that make no sense give the negative
 * indication and change nothing; wrong barring PINs are counted, and the third in a row locks barring changes.
 */
public final class ProfileChange {

    private final NumberingPlan numbering;

    public ProfileChange(NumberingPlan numbering) {
        this.numbering = Objects.requireNonNull(numbering, "numbering");
    }

    public Change<Indication> apply(Subscriber subscriber, FeatureRequest request, Instant now) {
        if (subscriber.isSuspended()) {
            // A line suspended for non-payment keeps its settings but cannot change them (nor ask about them).
            return unchanged(subscriber, Indication.NEGATIVE);
        }
        Services services = subscriber.services();
        if (request instanceof FeatureRequest.CallWaitingSwitch change) {
            if (!services.callWaiting().subscribed()) {
                return unchanged(subscriber, Indication.NEGATIVE);
            }
            return changed(subscriber.withServices(
                    services.withCallWaiting(services.callWaiting().withActive(change.activate()))));
        }
        if (request instanceof FeatureRequest.CallWaitingCheck) {
            return unchanged(subscriber, indication(services.callWaiting().subscribed()
                    && services.callWaiting().active()));
        }
        if (request instanceof FeatureRequest.ForwardingSet set) {
            return setForwarding(subscriber, set);
        }
        if (request instanceof FeatureRequest.ForwardingClear clear) {
            if (!services.forwarding().subscribed()) {
                return unchanged(subscriber, Indication.NEGATIVE);
            }
            return changed(subscriber.withServices(services.withForwarding(
                    services.forwarding().withTarget(clear.kind(), Optional.empty()))));
        }
        if (request instanceof FeatureRequest.ForwardingCheck check) {
            return unchanged(subscriber, indication(services.forwarding().subscribed()
                    && services.forwarding().target(check.kind()).isPresent()));
        }
        if (request instanceof FeatureRequest.ForwardingCancelAll) {
            if (!services.forwarding().subscribed()) {
                return unchanged(subscriber, Indication.NEGATIVE);
            }
            return changed(subscriber.withServices(services.withForwarding(services.forwarding().withoutTargets())));
        }
        if (request instanceof FeatureRequest.BarringSet set) {
            return withPin(subscriber, set.pin(), now, s -> set.level() >= 1 && set.level() <= 4
                    ? Optional.of(s.withServices(s.services().withBarring(s.services().barring().withLevel(set.level()))))
                    : Optional.empty());
        }
        if (request instanceof FeatureRequest.BarringClear clear) {
            return withPin(subscriber, clear.pin(), now,
                    s -> Optional.of(s.withServices(s.services().withBarring(s.services().barring().withLevel(0)))));
        }
        if (request instanceof FeatureRequest.BarringCheck) {
            return unchanged(subscriber, indication(services.barring().subscribed()
                    && services.barring().level() > 0));
        }
        if (request instanceof FeatureRequest.PinChange change) {
            return withPin(subscriber, change.oldPin(), now,
                    s -> change.newPin().equals(change.repeatedPin()) && Pin.isWellFormed(change.newPin())
                            ? Optional.of(s.withPin(Pin.of(change.newPin())))
                            : Optional.empty());
        }
        // Wake-up bookings, last-caller return and malicious-call identification are not profile changes: the
        // feature-code service hands them to their own services and never asks here. Were it to, nothing changes.
        return unchanged(subscriber, Indication.NEGATIVE);
    }

    private Change<Indication> setForwarding(Subscriber subscriber, FeatureRequest.ForwardingSet set) {
        Services services = subscriber.services();
        if (!services.forwarding().subscribed()) {
            return unchanged(subscriber, Indication.NEGATIVE);
        }
        Optional<Area> area = numbering.areaOf(subscriber.number());
        Optional<ClassifiedNumber> target = numbering.normalise(set.target(), area);
        if (target.isEmpty() || !target.get().isE164() || target.get().e164OrShortCode().equals(subscriber.number())) {
            return unchanged(subscriber, Indication.NEGATIVE);
        }
        if (services.barring().subscribed()
                && BarringPolicy.bars(services.barring().level(), target.get().numberClass())) {
            // A forwarding is an outgoing call the subscriber pays for: its own barring applies (PRODUCT.md).
            return unchanged(subscriber, Indication.NEGATIVE);
        }
        Forwarding forwarding = services.forwarding().withTarget(set.kind(), Optional.of(target.get().e164OrShortCode()));
        if (set.noReplySeconds().isPresent()) {
            int seconds = set.noReplySeconds().getAsInt();
            if (seconds < Forwarding.MIN_NO_REPLY_SECONDS || seconds > Forwarding.MAX_NO_REPLY_SECONDS) {
                return unchanged(subscriber, Indication.NEGATIVE);
            }
            forwarding = forwarding.withNoReplySeconds(seconds);
        }
        return changed(subscriber.withServices(services.withForwarding(forwarding)));
    }

    /**
     * A barring change guarded by the PIN: refused without counting while locked; a wrong PIN counts; the right
     * one clears the count and applies the change (which may still be refused: a bad level, mismatched new PINs).
     */
    private static Change<Indication> withPin(Subscriber subscriber, String pin, Instant now,
                                              java.util.function.Function<Subscriber, Optional<Subscriber>> change) {
        if (!subscriber.services().barring().subscribed() || subscriber.pinGuard().isLocked(now)) {
            return unchanged(subscriber, Indication.NEGATIVE);
        }
        if (!subscriber.pin().matches(pin)) {
            return new Change<>(subscriber.withPinGuard(subscriber.pinGuard().afterWrongPin(now)), Indication.NEGATIVE);
        }
        Subscriber cleared = subscriber.withPinGuard(PinGuard.CLEAR);
        Optional<Subscriber> changed = change.apply(cleared);
        return changed.map(ProfileChange::changed).orElseGet(() -> new Change<>(cleared, Indication.NEGATIVE));
    }

    private static Change<Indication> changed(Subscriber subscriber) {
        return new Change<>(subscriber, Indication.POSITIVE);
    }

    private static Change<Indication> unchanged(Subscriber subscriber, Indication indication) {
        return new Change<>(subscriber, indication);
    }

    private static Indication indication(boolean on) {
        return on ? Indication.POSITIVE : Indication.NEGATIVE;
    }
}
