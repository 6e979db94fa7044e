package kz.btcom.fs.billing.rating;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A fee per use of a feature (featureFees in tariffs.yaml).
 *
 * @param name  lower camel case: "featureCode", "wakeUpCall", "maliciousCallRecord"
 * @param price net of VAT, scale 2
 */
public record FeatureFee(String name, BigDecimal price) {

    public FeatureFee {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
    }
}
