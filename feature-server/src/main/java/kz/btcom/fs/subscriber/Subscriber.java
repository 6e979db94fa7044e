package kz.btcom.fs.subscriber;

import java.util.Objects;

/**
 * One line's profile: immutable, read by the services from memory and replaced as a whole on every change.
 *
 * @param number    E.164 with '+', the key
 * @param pin       the barring PIN, hashed (write-only over the API)
 * @param pinGuard  wrong PINs in a row and the lock they caused; not part of the operator's profile
 * @param extraJson fields of the operator's profile this server does not know (PRODUCT.md allows them), kept
 *                  verbatim as a JSON object so a GET returns what was PUT; services never look inside
 */
public record Subscriber(String number, LineStatus status, Pin pin, Services services, PinGuard pinGuard,
                         String extraJson) {

    public Subscriber {
        Objects.requireNonNull(number, "number");
        if (!number.startsWith("+")) {
            throw new IllegalArgumentException("a subscriber's number is E.164 with '+': " + number);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(pinGuard, "pinGuard");
        Objects.requireNonNull(extraJson, "extraJson");
    }

    public boolean isSuspended() {
        return status == LineStatus.SUSPENDED;
    }

    public Subscriber withStatus(LineStatus newStatus) {
        return new Subscriber(number, newStatus, pin, services, pinGuard, extraJson);
    }

    public Subscriber withPin(Pin newPin) {
        return new Subscriber(number, status, newPin, services, pinGuard, extraJson);
    }

    public Subscriber withServices(Services newServices) {
        return new Subscriber(number, status, pin, newServices, pinGuard, extraJson);
    }

    public Subscriber withPinGuard(PinGuard newGuard) {
        return new Subscriber(number, status, pin, services, newGuard, extraJson);
    }
}
