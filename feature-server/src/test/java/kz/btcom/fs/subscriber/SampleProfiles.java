package kz.btcom.fs.subscriber;

import java.time.Instant;
import java.util.Optional;

/** Profiles for the store and directory tests. */
final class SampleProfiles {

    /** Hashing is deliberately slow: one PIN for every sample. */
    static final Pin PIN_1234 = Pin.of("1234");

    private SampleProfiles() {
    }

    /** An active line with nothing subscribed. */
    static Subscriber plain(String number) {
        return new Subscriber(number, LineStatus.ACTIVE, PIN_1234, Services.NONE, PinGuard.CLEAR, "{}");
    }

    /** Every field away from its default, so that a column mixed up with another shows. */
    static Subscriber everythingSet(String number) {
        Forwarding forwarding = new Forwarding(true, Optional.of("+77011234567"), Optional.of("+77172123456"),
                Optional.of("+77272999888"), 45, Optional.of("+77015550000"));
        Services services = new Services(true, true, new CallWaiting(true, true), forwarding, new Barring(true, 3),
                true, true, true, true);
        PinGuard guard = new PinGuard(2, Optional.of(Instant.parse("2026-11-25T08:15:30.123Z")));
        return new Subscriber(number, LineStatus.SUSPENDED, PIN_1234, services, guard,
                "{\"tariffPlan\":\"home-2026\",\"note\":\"Алматы, \\\"офис\\\"\",\"tags\":[1,2]}");
    }

    /** One more wrong PIN, as a counter that concurrent changes must not lose. */
    static SubscriberStore.Change<Integer> oneMoreFailure(Subscriber subscriber) {
        int failures = subscriber.pinGuard().failures() + 1;
        return new SubscriberStore.Change<>(subscriber.withPinGuard(new PinGuard(failures, Optional.empty())),
                failures);
    }
}
