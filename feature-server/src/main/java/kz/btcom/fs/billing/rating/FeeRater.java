package kz.btcom.fs.billing.rating;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.FeatureCodeUse;
import kz.btcom.fs.billing.JournalEvent.MaliciousCallIdentification;
import kz.btcom.fs.billing.JournalEvent.WakeUpCall;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Rates the journal's chargeable feature events with the per-use fees of tariffs.yaml ({@code featureFees}) into
 * fee records ({@link CallRecord#fee}), VAT added on top of the net fee as for calls:
 * <ul>
 *   <li>a feature code that worked ({@link FeatureCodeUse#positive()}): {@value #FEATURE_CODE}, charged to the
 *       subscriber who dialled it; a refused code (negative tone) is not a use and costs nothing; nor is
 *       {@code *39#}, whose use is the malicious call record it makes, charged by the fee of its own below;</li>
 *   <li>a malicious call recorded: {@value #MALICIOUS_CALL_RECORD}, charged to the victim who asked for it (the
 *       record names only the victim: the caller's number, perhaps restricted, stays in the trace records);</li>
 *   <li>a delivered wake-up call ({@link WakeUpCall#chargeable()}, i.e. answered): {@value #WAKE_UP_CALL}, charged to
 *       the subscriber woken; an attempt that was busy, unanswered, unreachable, missed or skipped has no record;</li>
 *   <li>a three-way conference that brought all three together ({@link JournalEvent.ConferenceEvent#chargeable()}):
 *       {@value #THREE_WAY_CALL}, charged to the controller when the conference ends.</li>
 * </ul>
 * A fee the tariff file does not list costs nothing; the use is recorded all the same, as a call to a number the
 * numbering plan cannot place is. Stateless and thread-safe.
 */
public final class FeeRater {

    public static final String FEATURE_CODE = "featureCode";
    public static final String MALICIOUS_CALL_RECORD = "maliciousCallRecord";
    public static final String WAKE_UP_CALL = "wakeUpCall";
    public static final String THREE_WAY_CALL = "threeWayCall";

    /**
     * The journaled operation of {@code *39#} (config/feature-codes.yaml's {@code maliciousCall.activate}): its
     * record is charged as {@value #MALICIOUS_CALL_RECORD}, not again as a feature code.
     */
    static final String MALICIOUS_CALL_CODE = "maliciousCall.activate";

    private final Tariffs tariffs;

    public FeeRater(Tariffs tariffs) {
        this.tariffs = Objects.requireNonNull(tariffs, "tariffs");
    }

    /** The fee record of {@code event}; empty for an event that is not a chargeable use of a feature. */
    public Optional<CallRecord> rate(JournalEvent event) {
        if (event instanceof FeatureCodeUse use && use.positive() && !use.operation().equals(MALICIOUS_CALL_CODE)) {
            return Optional.of(fee(FEATURE_CODE, use.callId(), use.subscriber(), use.at(), null));
        }
        if (event instanceof MaliciousCallIdentification record) {
            return Optional.of(fee(MALICIOUS_CALL_RECORD, record.callId(), record.victim(), record.at(), null));
        }
        if (event instanceof JournalEvent.ConferenceEvent conference && conference.chargeable()) {
            return Optional.of(fee(THREE_WAY_CALL, conference.callId(), conference.controller(), conference.at(),
                    null));
        }
        if (event instanceof WakeUpCall call && call.chargeable()) {
            return Optional.of(fee(WAKE_UP_CALL, call.callId(), call.subscriber(), call.at(), call.icid()));
        }
        return Optional.empty();
    }

    private CallRecord fee(String name, String callId, String subscriber, Instant at, String icid) {
        BigDecimal net = tariffs.featureFee(name).map(FeatureFee::price).orElse(Money.ZERO);
        VatSplit split = tariffs.vat().addTo(net);
        return CallRecord.fee(callId, subscriber, name, at, split.net(), split.vat(), tariffs.currency(), icid);
    }
}
