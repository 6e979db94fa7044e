package kz.btcom.fs.billing.rating;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One use of a feature charged per use, on an itemized bill.
 *
 * @param feature the fee's name in tariffs.yaml, "wakeUpCall"
 * @param at      when the feature was used, in the bill's time zone
 * @param tariff  as the record has it, "fee wakeUpCall"
 * @param cost    net of VAT
 * @param vat     the VAT on the cost
 */
public record FeeLine(String feature, LocalDateTime at, String tariff, BigDecimal cost, BigDecimal vat) {

    public FeeLine {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(tariff, "tariff");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(vat, "vat");
    }
}
