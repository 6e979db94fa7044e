package kz.btcom.fs.billing.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A VAT rate in percent (Kazakhstan: 12), exact.
 *
 * @param percent 0 to 100, e.g. 12 or 12.5
 */
public record VatRate(BigDecimal percent) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public VatRate {
        Objects.requireNonNull(percent, "percent");
        if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("a VAT rate of " + percent.toPlainString() + " % is not 0-100 %");
        }
    }

    /** "12" or "12.5": exact. */
    public static VatRate percent(String percent) {
        return new VatRate(new BigDecimal(percent));
    }

    /** The VAT on a net amount, rounded half up to the tiyn: 100.00 at 12 % is 12.00; 0.05 at 12 % is 0.01. */
    public BigDecimal onNet(BigDecimal net) {
        return Money.round(net.multiply(percent).movePointLeft(2));
    }

    /** A net amount and its VAT: the net, the VAT on it, and their sum. */
    public VatSplit addTo(BigDecimal net) {
        BigDecimal exactNet = Money.round(net);
        return new VatSplit(exactNet, onNet(exactNet));
    }

    /**
     * A VAT-inclusive amount split into net and VAT: the net is gross / (1 + rate) rounded half up to the tiyn, the
     * VAT the rest, so the two always add up to the gross. 1 200.00 at 13 % is 1 061.95 net and 138.05 VAT.
     */
    public VatSplit splitGross(BigDecimal gross) {
        BigDecimal exactGross = Money.round(gross);
        BigDecimal divisor = HUNDRED.add(percent);
        // gross * 100 / (100 + percent): the division is the only inexact step, rounded once, to the tiyn.
        BigDecimal net = exactGross.multiply(HUNDRED).divide(divisor, Money.SCALE, RoundingMode.HALF_UP);
        return new VatSplit(net, exactGross.subtract(net));
    }

    /** "12" or "12.5", as written in a bill. */
    @Override
    public String toString() {
        return percent.stripTrailingZeros().toPlainString() + " %";
    }
}
