package kz.btcom.fs.billing.rating;

import java.time.Duration;

/** What a tariff charges by: any started unit counts in full. */
public enum BillingUnit {
    /** National and mobile calls. */
    TEN_SECONDS(10),
    /** Local, international and information calls. */
    MINUTE(60);

    private final long seconds;
    private final long millis;

    BillingUnit(long seconds) {
        this.seconds = seconds;
        this.millis = seconds * 1000;
    }

    public long seconds() {
        return seconds;
    }

    /**
     * The started units of a talk time: 1 ms is 1 unit, exactly 10 s is 1 unit of 10 s, 61 s is 7 of them or 2
     * minutes. Zero (answered and released within the same millisecond) is 0 units: no unit was started. A
     * negative time (a clock stepped back between answer and release) counts as zero.
     */
    public long startedUnits(Duration talk) {
        long ms = talk.toMillis();
        if (ms <= 0) {
            return 0;
        }
        return (ms - 1) / millis + 1;
    }
}
