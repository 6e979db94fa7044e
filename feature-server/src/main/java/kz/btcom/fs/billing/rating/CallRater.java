package kz.btcom.fs.billing.rating;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.JournalEvent.ForwardedLeg;
import kz.btcom.fs.billing.JournalEvent.Pass;
import kz.btcom.fs.numbering.NumberClass;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a call's release into its rated call records: one for the caller's leg, charged to the caller, and one per
 * forwarded leg, charged to the subscriber who forwarded. All legs share the call's start, answer and end, so the
 * talk time (answer to release) is the same on each. Stateless and thread-safe.
 *
 * <p>One call, one charge: when the core sends a call through the server twice, only the pass that charges the
 * caller ({@link Pass#chargesTheCaller()}: the originating one, or a single pass that served both cases) has a
 * record for the caller's leg; a terminating pass has records only for the legs it forwarded. Every record keeps
 * the call's icid, which both passes share.
 *
 * <p>What costs nothing (a record all the same, billed 0 s): a call never answered (it keeps the tariff it would
 * have had); a call to a feature code (tariff "feature code"); emergency ("emergency") and operator service
 * ("operator service") numbers; and a number the numbering plan could not place (class null, tariff
 * "unclassified": we cannot tell what to charge, and charging nothing is the error a subscriber will not
 * complain about; the record keeps the call visible for the operator to look into).
 */
public final class CallRater {

    public static final String FEATURE_CODE = "feature code";
    public static final String UNCLASSIFIED = "unclassified";
    public static final String EMERGENCY = "emergency";
    public static final String SERVICE = "operator service";

    private final Tariffs tariffs;

    public CallRater(Tariffs tariffs) {
        this.tariffs = Objects.requireNonNull(tariffs, "tariffs");
    }

    public List<CallRecord> rate(CallRelease release) {
        List<CallRecord> records = new ArrayList<>(1 + release.legs().size());
        if (release.pass().chargesTheCaller()) {
            records.add(leg(release, release.caller(), release.called(), release.calledClass()));
        }
        for (ForwardedLeg leg : release.legs()) {
            records.add(leg(release, leg.from(), leg.to(), leg.toClass()));
        }
        return records;
    }

    private CallRecord leg(CallRelease release, String chargedParty, String called, NumberClass numberClass) {
        Tariff tariff = tariffOf(chargedParty, called, numberClass);
        long units = tariff == null ? 0 : tariff.unit().startedUnits(talkTime(release));
        BigDecimal cost = tariff == null ? Money.ZERO : tariff.cost(units);
        String name = tariff != null ? tariff.name() : freeTariffName(called, numberClass);
        return new CallRecord(release.callId(), release.caller(), chargedParty, called, numberClass,
                release.started(), release.answered(), release.at(),
                tariff == null ? 0 : units * tariff.unit().seconds(), name,
                cost, tariffs.vat().onNet(cost), tariffs.currency(), release.icid());
    }

    /** From answer to release; zero when never answered. */
    private static Duration talkTime(CallRelease release) {
        return release.answered() == null ? Duration.ZERO : release.duration();
    }

    /** The priced tariff of a leg; null for the calls that are always free. */
    private Tariff tariffOf(String chargedParty, String called, NumberClass numberClass) {
        if (isFeatureCode(called) || numberClass == null) {
            return null;
        }
        return switch (numberClass) {
            case LOCAL -> tariffs.local().tariff();
            case NATIONAL -> tariffs.national().zoneOf(chargedParty, called);
            case MOBILE -> tariffs.mobile();
            case INTERNATIONAL -> tariffs.international().of(called);
            case INFORMATION -> tariffs.information();
            case EMERGENCY, SERVICE -> null;
        };
    }

    private static String freeTariffName(String called, NumberClass numberClass) {
        if (isFeatureCode(called)) {
            return FEATURE_CODE;
        }
        if (numberClass == null) {
            return UNCLASSIFIED;
        }
        return numberClass == NumberClass.EMERGENCY ? EMERGENCY : SERVICE;
    }

    private static boolean isFeatureCode(String called) {
        return called.startsWith("*") || called.startsWith("#") || called.startsWith("%23");
    }
}
