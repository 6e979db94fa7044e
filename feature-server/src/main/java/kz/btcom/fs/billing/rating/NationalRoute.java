package kz.btcom.fs.billing.rating;

import java.util.Objects;

/**
 * Calls from numbers starting {@code from} to numbers starting {@code to} are in {@code zone}.
 *
 * @param from the start of the charged subscriber's own number, e.g. "+7727" (Almaty)
 * @param to   the start of the called number, e.g. "+7728"
 */
public record NationalRoute(String from, String to, Tariff zone) {

    public NationalRoute {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
    }

    boolean matches(String chargedParty, String called) {
        return chargedParty.startsWith(from) && called.startsWith(to);
    }

    /** The better of two matching routes: the longer "to", then the longer "from". */
    boolean moreSpecificThan(NationalRoute other) {
        return to.length() != other.to.length() ? to.length() > other.to.length() : from.length() > other.from.length();
    }
}
