package kz.btcom.fs.service.wakeup;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Objects;

/**
 * One wake-up booking of a line: once at the next {@code time}, or every day at it. A line has at most one of each
 * kind. The booking is in the database from the moment it is made until its last occurrence is over.
 *
 * @param id          the database's id, as the API shows it
 * @param number      the line, E.164 with '+'
 * @param time        the local time (wakeUp.zone) the line is called at, to the minute
 * @param daily       every day, or once
 * @param due         the booked minute of the occurrence being served now, as an instant
 * @param nextAttempt when the next attempt for that minute is made: {@code due}, then a retry's time
 * @param attempts    attempts made for that minute so far
 * @param status      where it stands
 */
public record WakeUpBooking(long id, String number, LocalTime time, boolean daily, Instant due, Instant nextAttempt,
                            int attempts, Status status) {

    public WakeUpBooking {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        Objects.requireNonNull(status, "status");
        if (time.getSecond() != 0 || time.getNano() != 0) {
            throw new IllegalArgumentException("a wake-up time is a minute: " + time);
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts " + attempts);
        }
    }

    /** Where a booking stands. */
    public enum Status {
        /** Waiting for its minute. */
        SCHEDULED,
        /** An attempt failed (busy, no answer, unreachable): waiting for the next. */
        RETRYING,
        /** A node is calling the line now (it holds the booking's lease). */
        CALLING;

        /** As the API writes it: "scheduled". */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
