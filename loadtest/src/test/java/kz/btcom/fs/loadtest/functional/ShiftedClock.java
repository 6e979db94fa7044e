package kz.btcom.fs.loadtest.functional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, ahead of it by an offset the test moves forward: time passes as it does (SIP's timers, a ring
 * time, an announcement run on it in real seconds), and minutes or days that a story needs to cross are jumped.
 * Time never goes back, as a server's clock must not.
 */
final class ShiftedClock extends Clock {

    private final Clock system = Clock.systemUTC();
    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
        return system.instant().plus(offset);
    }

    /** Moves the clock forward to {@code target}; from there it runs on. */
    synchronized void jumpTo(Instant target) {
        Duration ahead = Duration.between(instant(), target);
        if (ahead.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + target + " is " + ahead.negated()
                    + " before now");
        }
        offset = offset.plus(ahead);
    }

    /** Moves the clock forward by {@code duration}. */
    synchronized void jump(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + duration);
        }
        offset = offset.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the shifted clock is UTC");
    }
}
