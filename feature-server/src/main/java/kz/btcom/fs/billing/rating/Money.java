package kz.btcom.fs.billing.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Amounts of money: tenge with two decimals (tiyn), as {@link BigDecimal} of scale 2. Never a double or a float:
 * every amount is read from text and every rounding is to the tiyn, half up.
 */
public final class Money {

    /** Tenge and tiyn. */
    public static final int SCALE = 2;

    /** Where a rounding is needed (VAT, a net amount out of a gross one). */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private Money() {
    }

    /**
     * An exact amount of scale 2: "1200" is 1200.00, "2.5" is 2.50.
     *
     * @throws IllegalArgumentException when it is not a decimal, or has fractions of a tiyn ("0.125")
     */
    public static BigDecimal of(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a decimal amount such as 12.50");
        }
        return exact(value).orElseThrow(
                () -> new IllegalArgumentException("\"" + text + "\" has fractions of a tiyn (more than 2 decimals)"));
    }

    /** The amount at scale 2 when that needs no rounding; empty for fractions of a tiyn. */
    public static Optional<BigDecimal> exact(BigDecimal value) {
        if (value.stripTrailingZeros().scale() > SCALE) {
            return Optional.empty();
        }
        return Optional.of(value.setScale(SCALE, RoundingMode.UNNECESSARY));
    }

    /** Rounded half up to the tiyn. */
    public static BigDecimal round(BigDecimal value) {
        return value.setScale(SCALE, ROUNDING);
    }

    /** As printed on bills and in CSV: "1061.95", "-3.00"; no grouping, always two decimals. */
    public static String format(BigDecimal amount) {
        return round(amount).toPlainString();
    }
}
