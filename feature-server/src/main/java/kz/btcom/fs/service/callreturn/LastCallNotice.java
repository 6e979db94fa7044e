package kz.btcom.fs.service.callreturn;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What a node announces when it has written a subscriber's last call ({@code NOTIFY last_call_changed}): whose,
 * and the call's times, so that a node whose copy is as new reads nothing. Times to the microsecond, as the
 * database keeps them. Payload: {@code <subscriber> <receivedAt> <endedAt or ->}, the times as ISO-8601 instants.
 */
record LastCallNotice(String subscriber, Instant receivedAt, Optional<Instant> endedAt) {

    LastCallNotice {
        Objects.requireNonNull(subscriber, "subscriber");
        receivedAt = receivedAt.truncatedTo(ChronoUnit.MICROS);
        endedAt = endedAt.map(at -> at.truncatedTo(ChronoUnit.MICROS));
    }

    static LastCallNotice of(String subscriber, LastCall call) {
        return new LastCallNotice(subscriber, call.receivedAt(), call.endedAt());
    }

    String payload() {
        return subscriber + " " + receivedAt + " " + endedAt.map(Instant::toString).orElse("-");
    }

    /** @throws IllegalArgumentException not a payload of this form */
    static LastCallNotice parse(String payload) {
        String[] fields = payload.split(" ", -1);
        if (fields.length != 3 || fields[0].isEmpty()) {
            throw new IllegalArgumentException("not a last-call notice: " + payload);
        }
        try {
            return new LastCallNotice(fields[0], Instant.parse(fields[1]),
                    fields[2].equals("-") ? Optional.empty() : Optional.of(Instant.parse(fields[2])));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a last-call notice: " + payload, e);
        }
    }

    /** Whether this notice tells of a newer state than {@code mine}: a later call, or the end of the same one. */
    boolean isNewerThan(LastCall mine) {
        Instant myStart = mine.receivedAt().truncatedTo(ChronoUnit.MICROS);
        return receivedAt.isAfter(myStart)
                || (receivedAt.equals(myStart) && endedAt.isPresent() && mine.endedAt().isEmpty());
    }
}
