package kz.btcom.fs.billing.rating;

import java.util.List;
import java.util.Objects;

/**
 * Long-distance calls within Kazakhstan, per started 10 seconds by zone. The zone depends on where the call leaves
 * (the charged subscriber's number: Almaty's neighbours are not Astana's) and where it goes.
 *
 * @param zones     every zone, in the file's order; their tariffs are named "national zone &lt;name&gt;"
 * @param routes    which calls are in which zone; the most specific match wins
 * @param otherZone the zone of every call no route matches
 */
public record NationalZones(List<Tariff> zones, List<NationalRoute> routes, Tariff otherZone) {

    public NationalZones {
        zones = List.copyOf(zones);
        routes = List.copyOf(routes);
        Objects.requireNonNull(otherZone, "otherZone");
    }

    /** The zone of a call from {@code chargedParty} to {@code called}, both E.164. */
    public Tariff zoneOf(String chargedParty, String called) {
        NationalRoute best = null;
        for (NationalRoute route : routes) {
            if (route.matches(chargedParty, called) && (best == null || route.moreSpecificThan(best))) {
                best = route;
            }
        }
        return best == null ? otherZone : best.zone();
    }
}
