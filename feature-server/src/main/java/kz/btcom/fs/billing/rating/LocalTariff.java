package kz.btcom.fs.billing.rating;

import java.util.Objects;

/**
 * Calls within the caller's own area.
 *
 * @param itemized whether itemized bills list local calls (PRODUCT.md: they list long-distance and international
 *                 calls only, so the shipped value is false)
 */
public record LocalTariff(Tariff tariff, boolean itemized) {

    public LocalTariff {
        Objects.requireNonNull(tariff, "tariff");
    }
}
