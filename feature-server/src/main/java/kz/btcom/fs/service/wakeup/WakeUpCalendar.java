package kz.btcom.fs.service.wakeup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Booked local times as instants, in the zone of the subscribers' clocks (wakeUp.zone). A local time the zone skips
 * (a summer-time gap) is taken as the first instant after the gap; one it repeats as its first occurrence.
 */
public final class WakeUpCalendar {

    private final ZoneId zone;

    public WakeUpCalendar(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first minute at local {@code time} after {@code now}: today's if it is still to come, else tomorrow's. */
    public Instant next(LocalTime time, Instant now) {
        ZonedDateTime today = ZonedDateTime.of(now.atZone(zone).toLocalDate(), time, zone);
        return today.toInstant().isAfter(now) ? today.toInstant() : on(today.toLocalDate().plusDays(1), time);
    }

    /** Local {@code time} on {@code date}. */
    public Instant on(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    /** The day after {@code due}'s local date, at {@code time}: a daily booking's next occurrence. */
    public Instant dayAfter(Instant due, LocalTime time) {
        return on(due.atZone(zone).toLocalDate().plusDays(1), time);
    }

    /** Today's local date at {@code now}. */
    public LocalDate today(Instant now) {
        return now.atZone(zone).toLocalDate();
    }
}
