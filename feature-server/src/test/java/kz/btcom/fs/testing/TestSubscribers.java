package kz.btcom.fs.testing;

import kz.btcom.fs.sessioncase.ServedSubscribers;
import kz.btcom.fs.subscriber.LineStatus;
import kz.btcom.fs.subscriber.Pin;
import kz.btcom.fs.subscriber.PinGuard;
import kz.btcom.fs.subscriber.Services;
import kz.btcom.fs.subscriber.Subscriber;

import java.util.Optional;
import java.util.Set;

/** Profiles for tests that are not about profiles. */
public final class TestSubscribers {

    /** Hashing is deliberately slow: one PIN for every test profile. */
    public static final Pin PIN_0000 = Pin.of("0000");

    private TestSubscribers() {
    }

    /** An active line with nothing subscribed and PIN 0000. */
    public static Subscriber plain(String number) {
        return new Subscriber(number, LineStatus.ACTIVE, PIN_0000, Services.NONE, PinGuard.CLEAR, "{}");
    }

    /** A line subscribed to everything (CLIP on, CLIR off), nothing set, PIN 0000. */
    public static Subscriber full(String number) {
        return plain(number).withServices(new kz.btcom.fs.subscriber.Services(true, false,
                new kz.btcom.fs.subscriber.CallWaiting(true, false),
                new kz.btcom.fs.subscriber.Forwarding(true, Optional.empty(), Optional.empty(), Optional.empty(), 20,
                        Optional.empty()),
                new kz.btcom.fs.subscriber.Barring(true, 0), true, true, true, true));
    }

    /** These numbers are served here, as plain lines; an identity matches by its user part. */
    public static ServedSubscribers served(String... numbers) {
        Set<String> served = Set.of(numbers);
        return user -> served.contains(user.user()) ? Optional.of(plain(user.user())) : Optional.empty();
    }

    /** Everyone is served. */
    public static ServedSubscribers everyone() {
        return user -> Optional.of(plain(user.user().startsWith("+") ? user.user() : "+" + user.user()));
    }
}
