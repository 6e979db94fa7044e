package kz.btcom.fs.billing.export;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.JournalEvent.ForwardedLeg;
import kz.btcom.fs.numbering.NumberClass;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A rater for the export's tests, simple enough to check by eye: one record charged to the caller (unless a
 * terminating pass) and one per forwarded leg charged to who forwarded, 1.00 tenge per second of talk, VAT 12 %.
 * Only releases: every other event has no record (the fees' export is tested with the real rater).
 */
public final class StandInRater implements Function<JournalEvent, List<CallRecord>> {

    @Override
    public List<CallRecord> apply(JournalEvent event) {
        if (!(event instanceof CallRelease release)) {
            return List.of();
        }
        List<CallRecord> records = new ArrayList<>();
        if (release.pass().chargesTheCaller()) {
            records.add(record(release, release.caller(), release.called(), release.calledClass()));
        }
        for (ForwardedLeg leg : release.legs()) {
            records.add(record(release, leg.from(), leg.to(), leg.toClass()));
        }
        return records;
    }

    private static CallRecord record(CallRelease release, String chargedParty, String called, NumberClass cls) {
        long seconds = release.duration().toSeconds();
        BigDecimal cost = BigDecimal.valueOf(seconds).setScale(2);
        return new CallRecord(release.callId(), release.caller(), chargedParty, called, cls, release.started(),
                release.answered(), release.at(), seconds, "stand-in", cost,
                cost.multiply(new BigDecimal("0.12")).setScale(2, java.math.RoundingMode.HALF_UP), "KZT",
                release.icid());
    }

    /** The key of a record in the tests' comparisons: the call and who pays for it, and a fee's name. */
    public static String key(CallRecord record) {
        return record.callId() + "|" + record.chargedParty() + (record.isFee() ? "|" + record.feature() : "");
    }
}
