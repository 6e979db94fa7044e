package kz.btcom.fs.billing.rating;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.CallRelease;

import java.util.List;
import java.util.Objects;

/**
 * What the billing charges for one journal entry: a call's release is rated into its call records
 * ({@link CallRater}), a chargeable use of a feature into its fee record ({@link FeeRater}); every other event
 * (attempt, alerting, answer, forwarding, barring) is part of a call whose release carries it, and has none.
 * The export, {@code GET /calls} and the itemized bill all rate with it. Stateless and thread-safe.
 */
public final class JournalRater {

    private final CallRater calls;
    private final FeeRater fees;

    public JournalRater(Tariffs tariffs) {
        Objects.requireNonNull(tariffs, "tariffs");
        this.calls = new CallRater(tariffs);
        this.fees = new FeeRater(tariffs);
    }

    /** The records of one entry, in order; empty for an event nobody is charged for. */
    public List<CallRecord> rate(JournalEvent event) {
        if (event instanceof CallRelease release) {
            return calls.rate(release);
        }
        return fees.rate(event).map(List::of).orElse(List.of());
    }
}
