package kz.btcom.fs.billing.rating;

import java.util.Objects;

/**
 * The per-minute tariff of the international numbers starting with {@code prefix}.
 *
 * @param prefix  "+49", or a longer prefix for part of a country code
 * @param country "Germany"
 * @param tariff  named "international 49 Germany"
 */
public record CountryTariff(String prefix, String country, Tariff tariff) {

    public CountryTariff {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(tariff, "tariff");
    }
}
