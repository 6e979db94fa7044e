package kz.btcom.fs.billing.rating;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Calls outside Kazakhstan, per started minute by country prefix, longest prefix first.
 *
 * @param countries   in the file's order
 * @param restOfWorld the tariff of every other international number ("international rest of world")
 */
public record InternationalTariffs(List<CountryTariff> countries, Tariff restOfWorld) {

    public InternationalTariffs {
        countries = List.copyOf(countries);
        Objects.requireNonNull(restOfWorld, "restOfWorld");
    }

    /** The tariff of an international number: the country with the longest prefix it starts with. */
    public Tariff of(String called) {
        return countries.stream()
                .filter(c -> called.startsWith(c.prefix()))
                .max(Comparator.comparingInt(c -> c.prefix().length()))
                .map(CountryTariff::tariff)
                .orElse(restOfWorld);
    }
}
