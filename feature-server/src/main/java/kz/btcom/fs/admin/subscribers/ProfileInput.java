package kz.btcom.fs.admin.subscribers;

import kz.btcom.fs.subscriber.LineStatus;
import kz.btcom.fs.subscriber.Pin;
import kz.btcom.fs.subscriber.PinGuard;
import kz.btcom.fs.subscriber.Services;
import kz.btcom.fs.subscriber.Subscriber;

import java.util.Objects;
import java.util.Optional;

/**
 * A checked profile as the operator sent it, before it meets the stored one: the PIN is still digits (hashing
 * it costs a few milliseconds, so it is done once, outside the database transaction).
 *
 * @param pinDigits the new PIN, or empty to keep the old one (or the default, for a new line)
 * @param extraJson the fields this server does not know, as a JSON object
 */
public record ProfileInput(LineStatus status, Services services, Optional<String> pinDigits, String extraJson) {

    public ProfileInput {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(pinDigits, "pinDigits");
        Objects.requireNonNull(extraJson, "extraJson");
    }

    public Subscriber create(String number, Pin pin) {
        return new Subscriber(number, status, pin, services, PinGuard.CLEAR, extraJson);
    }

    /** The stored line with this profile; a new PIN also lifts a lock from wrong PINs, the old one keeps it. */
    public Subscriber replace(Subscriber stored, Optional<Pin> newPin) {
        return new Subscriber(stored.number(), status, newPin.orElse(stored.pin()), services,
                newPin.isPresent() ? PinGuard.CLEAR : stored.pinGuard(), extraJson);
    }
}
