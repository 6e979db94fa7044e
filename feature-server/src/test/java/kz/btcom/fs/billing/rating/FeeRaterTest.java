package kz.btcom.fs.billing.rating;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.CallAttempt;
import kz.btcom.fs.billing.JournalEvent.FeatureCodeUse;
import kz.btcom.fs.billing.JournalEvent.MaliciousCallIdentification;
import kz.btcom.fs.billing.JournalEvent.Pass;
import kz.btcom.fs.billing.JournalEvent.WakeUpCall;
import kz.btcom.fs.billing.JournalEvent.WakeUpOutcome;
import kz.btcom.fs.billing.journal.SampleEvents;
import kz.btcom.fs.featurecode.FeatureOperation;
import kz.btcom.fs.numbering.NumberClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-use fees of tariffs.yaml, rated from the journal's feature events: what each use costs (net, VAT at
 * 12 % on top, rounded half up to the tiyn), who pays, and what is not charged at all.
 */
class FeeRaterTest {

    private static final Instant AT = Instant.parse("2026-11-05T01:30:00.250Z");
    private static final String SUBSCRIBER = "+77272777888";
    private static final String CALLER = "+77172123456";

    /** tariffs-for-tests.yaml: featureCode 0.00, wakeUpCall 20.00, maliciousCallRecord 0.00. */
    private final FeeRater rater = new FeeRater(TestTariffs.FIXED);

    /** The test tariffs with the fees priced as given (net). */
    private static FeeRater priced(String featureCode, String wakeUpCall, String maliciousCallRecord) {
        String yaml = TestTariffs.resource("tariffs-for-tests.yaml")
                .replace("featureCode: \"0.00\"", "featureCode: \"" + featureCode + "\"")
                .replace("wakeUpCall: \"20.00\"", "wakeUpCall: \"" + wakeUpCall + "\"")
                .replace("maliciousCallRecord: \"0.00\"", "maliciousCallRecord: \"" + maliciousCallRecord + "\"");
        Tariffs tariffs = TestTariffs.parse(yaml, "tariffs-for-tests.yaml, priced");
        assertEquals(Money.of(maliciousCallRecord), tariffs.featureFee("maliciousCallRecord").orElseThrow().price());
        return new FeeRater(tariffs);
    }

    private static WakeUpCall wakeUp(WakeUpOutcome outcome) {
        return new WakeUpCall("wake-7@fs", AT, SUBSCRIBER, 7, false, AT.minusMillis(250), 1, outcome,
                "icid-wake-7");
    }

    private static MaliciousCallIdentification maliciousCall() {
        return new MaliciousCallIdentification("flagged@core", AT, SUBSCRIBER, CALLER, true, "callingNumber",
                CALLER);
    }

    private static FeatureCodeUse code(String operation, boolean positive) {
        return new FeatureCodeUse("code@fs", AT, SUBSCRIBER, operation, positive);
    }

    @Test
    void aDeliveredWakeUpCallCostsItsFeePlusVatChargedToTheSubscriberWoken() {
        CallRecord fee = rater.rate(wakeUp(WakeUpOutcome.ANSWERED)).orElseThrow();

        assertEquals(CallRecord.fee("wake-7@fs", SUBSCRIBER, "wakeUpCall", AT, new BigDecimal("20.00"),
                new BigDecimal("2.40"), "KZT", "icid-wake-7"), fee);
        assertEquals(new BigDecimal("22.40"), fee.cost().add(fee.vat()), "20.00 net, 12 % VAT on top");
        assertEquals("fee wakeUpCall", fee.tariff());
        assertEquals(SUBSCRIBER, fee.chargedParty());
        assertTrue(fee.isFee());
        assertEquals("fee", fee.kind());
        assertEquals(0, fee.billedSeconds());
        assertNull(fee.answer());
        assertNull(fee.numberClass());
    }

    @Test
    void aConferenceThatBroughtThreeTogetherIsChargedToItsControllerWhenItEnds() {
        CallRecord fee = rater.rate(conference(JournalEvent.ConferenceStep.ENDED, 2)).orElseThrow();

        assertEquals(CallRecord.fee("focus-1@core", SUBSCRIBER, "threeWayCall", AT, new BigDecimal("15.00"),
                new BigDecimal("1.80"), "KZT", null), fee);
    }

    @Test
    void aConferenceOfTwoAndTheOtherConferenceStepsChargeNothing() {
        assertTrue(rater.rate(conference(JournalEvent.ConferenceStep.ENDED, 1)).isEmpty());
        assertTrue(rater.rate(conference(JournalEvent.ConferenceStep.CREATED, 0)).isEmpty());
        assertTrue(rater.rate(conference(JournalEvent.ConferenceStep.PARTY_JOINED, 2)).isEmpty());
    }

    private static JournalEvent.ConferenceEvent conference(JournalEvent.ConferenceStep step, int partiesJoined) {
        return new JournalEvent.ConferenceEvent("conf-1", step, "focus-1@core", AT, SUBSCRIBER, SUBSCRIBER,
                partiesJoined);
    }

    @ParameterizedTest
    @EnumSource(value = WakeUpOutcome.class, names = "ANSWERED", mode = EnumSource.Mode.EXCLUDE)
    void aWakeUpAttemptNotAnsweredChargesNothingAndHasNoRecord(WakeUpOutcome outcome) {
        assertEquals(Optional.empty(), rater.rate(wakeUp(outcome)));
        assertEquals(List.of(), new JournalRater(TestTariffs.FIXED).rate(wakeUp(outcome)));
    }

    @Test
    void aMissedMinuteWithNoCallPlacedChargesNothing() {
        WakeUpCall missed = new WakeUpCall("wakeup-7-" + AT.toEpochMilli(), AT, SUBSCRIBER, 7, true, AT, 0,
                WakeUpOutcome.MISSED, null);

        assertEquals(Optional.empty(), rater.rate(missed));
    }

    @Test
    void aMaliciousCallRecordIsChargedToTheVictimWithoutTheCallersNumber() {
        CallRecord fee = priced("0.00", "20.00", "15.05").rate(maliciousCall()).orElseThrow();

        assertEquals(CallRecord.fee("flagged@core", SUBSCRIBER, "maliciousCallRecord", AT,
                new BigDecimal("15.05"), new BigDecimal("1.81"), "KZT", null), fee, "15.05 x 12 % = 1.806 -> 1.81");
        assertFalse(List.of(fee.caller(), fee.chargedParty(), fee.called()).contains(CALLER),
                "the caller may have restricted its number: it stays in the trace records, off the bill");
    }

    @Test
    void aMaliciousCallRecordAtTheShippedPriceIsAFeeOfNothing() {
        CallRecord fee = rater.rate(maliciousCall()).orElseThrow();

        assertEquals(new BigDecimal("0.00"), fee.cost());
        assertEquals(new BigDecimal("0.00"), fee.vat());
        assertEquals("fee maliciousCallRecord", fee.tariff());
    }

    @Test
    void aFeatureCodeThatWorkedIsAFeeOfNothingAtTheShippedPriceAndRatedLikeAnyWhenPriced() {
        CallRecord free = rater.rate(code("forwardUnconditional.activate", true)).orElseThrow();
        CallRecord priced = priced("0.05", "20.00", "0.00").rate(code("forwardUnconditional.activate", true))
                .orElseThrow();

        assertEquals(CallRecord.fee("code@fs", SUBSCRIBER, "featureCode", AT, new BigDecimal("0.00"),
                new BigDecimal("0.00"), "KZT", null), free);
        assertEquals(new BigDecimal("0.05"), priced.cost());
        assertEquals(new BigDecimal("0.01"), priced.vat(), "0.006 rounds half up to a tiyn");
    }

    @Test
    void aFeatureCodeRefusedWithTheNegativeToneChargesNothing() {
        assertEquals(Optional.empty(), priced("0.05", "20.00", "0.00").rate(code("barring.deactivate", false)));
    }

    @Test
    void star39IsChargedAsTheMaliciousCallRecordItMakesNotAlsoAsAFeatureCode() {
        assertEquals(FeatureOperation.MALICIOUS_CALL.key(), FeeRater.MALICIOUS_CALL_CODE,
                "the operation the feature-code service journals for *39#");

        assertEquals(Optional.empty(), priced("0.05", "20.00", "15.00")
                .rate(code(FeatureOperation.MALICIOUS_CALL.key(), true)));
    }

    @Test
    void aFeeTheTariffFileLeavesOutCostsNothingButTheUseIsRecorded() {
        String yaml = TestTariffs.resource("tariffs-for-tests.yaml").replaceAll("(?m)^  wakeUpCall: .*\\n", "");
        Tariffs withoutWakeUpFee = TestTariffs.parse(yaml, "tariffs-for-tests.yaml without wakeUpCall");
        assertEquals(Optional.empty(), withoutWakeUpFee.featureFee("wakeUpCall"));

        CallRecord fee = new FeeRater(withoutWakeUpFee).rate(wakeUp(WakeUpOutcome.ANSWERED)).orElseThrow();

        assertEquals(new BigDecimal("0.00"), fee.cost());
        assertEquals("wakeUpCall", fee.feature());
    }

    @Test
    void theJournalRaterRatesReleasesAsTheCallRaterAndFeesAsTheFeeRaterAndNothingElse() {
        JournalRater journalRater = new JournalRater(TestTariffs.FIXED);
        JournalEvent.CallRelease release = SampleEvents.release("c1@fs", 61_000, true, 2);
        CallAttempt attempt = new CallAttempt("c1@fs", AT, CALLER, SUBSCRIBER, NumberClass.NATIONAL, CALLER,
                Pass.BOTH, "icid-c1@fs");

        assertEquals(new CallRater(TestTariffs.FIXED).rate(release), journalRater.rate(release));
        assertEquals(List.of(rater.rate(wakeUp(WakeUpOutcome.ANSWERED)).orElseThrow()),
                journalRater.rate(wakeUp(WakeUpOutcome.ANSWERED)));
        assertEquals(List.of(), journalRater.rate(attempt), "an attempt is charged through its release");
    }
}
