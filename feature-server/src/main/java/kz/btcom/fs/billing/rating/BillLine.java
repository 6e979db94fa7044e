package kz.btcom.fs.billing.rating;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One call on an itemized bill.
 *
 * @param start         when the call started, in the bill's time zone
 * @param duration      from answer to release
 * @param billedSeconds after the tariff's rounding
 * @param cost          net of VAT
 * @param vat           the VAT on the cost
 */
public record BillLine(String called, LocalDateTime start, Duration duration, long billedSeconds, String tariff,
                       BigDecimal cost, BigDecimal vat) {

    public BillLine {
        Objects.requireNonNull(called, "called");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(tariff, "tariff");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(vat, "vat");
    }

    /**
     * The duration as minutes and seconds, "02:05", minutes beyond 99 as they are ("125:00"). Seconds are counted
     * as the rater counts: a started second counts, so 1 ms shows 00:01 and 61.2 s 01:02, never a 00:00 that costs.
     */
    public String minutesSeconds() {
        long ms = Math.max(0, duration.toMillis());
        long seconds = (ms + 999) / 1000;
        return String.format("%02d:%02d", seconds / 60, seconds % 60);
    }
}
