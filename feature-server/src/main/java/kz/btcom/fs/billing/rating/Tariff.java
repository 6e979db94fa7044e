package kz.btcom.fs.billing.rating;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A price per started unit.
 *
 * @param name  as records and bills show it: "national zone 2", "international 49 Germany"
 * @param price net of VAT, scale 2
 */
public record Tariff(String name, BillingUnit unit, BigDecimal price) {

    public Tariff {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(price, "price");
        if (price.signum() < 0 || price.scale() != Money.SCALE) {
            throw new IllegalArgumentException("a price must be a non-negative amount of scale 2: " + price);
        }
    }

    /** The cost of some started units, net of VAT: exact, since a price is whole tiyn. */
    public BigDecimal cost(long units) {
        return price.multiply(BigDecimal.valueOf(units));
    }
}
